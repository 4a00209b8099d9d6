package vae.models;

import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.spi.LossContext;
import vae.core.spi.OneSampleElbo;
import vae.core.spi.LossTerms;
import vae.core.spi.VariantConfig;

/**
 * The VAE of pytorch/examples {@code vae/main.py}: encoder {@code fc1} (D→hidden, ReLU), then
 * {@code fc21} and {@code fc22} (hidden→latent) giving μ and log σ²; decoder {@code fc3}
 * (latent→hidden, ReLU) and {@code fc4} (hidden→D·parameters) giving the parameters of p(x|z).
 * The names are those of that example's {@code state_dict}. The loss is
 * {@code recon + β·KL(q(z|x) ‖ N(0, I))} with one sample of z.
 */
public final class MlpVae extends MlpVariant {
    private final double beta;

    public MlpVae(VariantConfig config, int hidden, int latent, double beta) {
        super(config, hidden, latent);
        this.beta = beta;
    }

    @Override
    public LossTerms loss(Graph g, Var x, LossContext context) {
        OneSampleElbo elbo = OneSampleElbo.of(g, this, x, context);
        return elbo.betaWeighted(g, beta);
    }

    @Override
    public String objectiveDescription() {
        return beta == 1.0 ? super.objectiveDescription()
                : "recon + beta*kl with beta=" + num(beta) + " (the -ELBO only at beta=1), one sample of z";
    }
}
