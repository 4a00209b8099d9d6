package vae.models;

import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.ReductionOps;
import vae.core.graph.RepeatOps;
import vae.core.graph.SamplingOps;
import vae.core.graph.Var;
import vae.core.loss.ImportanceWeightedBound;
import vae.core.loss.KlDivergence;
import vae.core.spi.Encoding;
import vae.core.spi.LossContext;
import vae.core.spi.LossTerms;
import vae.core.spi.VariantConfig;

/**
 * The importance-weighted autoencoder (Burda et al. 2016) on the MLP encoder and decoder: the
 * batch is encoded once, k samples of z per example are decoded in one pass, and the loss is the
 * negative k-sample bound {@code −log (1/k) Σ_s p(x, z_s) / q(z_s|x)}. The analytic KL of q(z|x)
 * is reported beside it with weight 0, for comparison with the VAE; it is not in the objective.
 */
public final class Iwae extends MlpVariant {
    private final int k;

    Iwae(VariantConfig config, int hidden, int latent, int k) {
        super(config, hidden, latent);
        this.k = k;
    }

    @Override
    public LossTerms loss(Graph g, Var x, LossContext context) {
        Encoding q = encode(g, x);
        Var mu = RepeatOps.repeatBatch(g, q.mu(), k);
        Var logvar = RepeatOps.repeatBatch(g, q.logvar(), k);
        Var z = SamplingOps.reparameterize(g, mu, logvar, context.gaussian(g, mu.shape()));
        Var nll = likelihood.negativeLogLikelihood(g, decode(g, z), RepeatOps.repeatBatch(g, x, k));
        Var logWeights = ImportanceWeightedBound.logWeights(g, nll, z, mu, logvar);
        Var bound = ImportanceWeightedBound.negativeBound(g, logWeights, k);
        Var kl = KlDivergence.toStandardNormal(g, q.mu(), q.logvar());
        return new LossTerms(ReductionOps.mean(g, bound), List.of(new LossTerms.Term("iwae", bound, 1.0),
                new LossTerms.Term("kl", kl, 0.0)));
    }

    @Override
    public String objectiveDescription() {
        return "-IWAE bound with k=" + k + " importance samples (Burda et al.), not the ELBO";
    }
}
