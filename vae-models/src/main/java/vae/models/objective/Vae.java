package vae.models.objective;

import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.LossContext;
import vae.core.spi.LossTerms;
import vae.core.spi.Model;
import vae.core.spi.Objective;
import vae.core.spi.ObjectiveProvider;
import vae.core.spi.OneSampleElbo;

/** {@code vae}: the negative ELBO of Kingma and Welling, {@code recon + KL(q(z|x) ‖ p(z))} with one sample of z. */
public final class Vae extends ObjectiveProvider {

    public Vae() {
        super("vae", "VAE (Kingma & Welling 2014): recon + KL, the negative ELBO with one sample of z");
    }

    @Override
    public Objective create(HyperparameterValues values) {
        return new Objective() {
            @Override
            public LossTerms loss(Graph g, Model model, Var x, LossContext context) {
                return OneSampleElbo.of(g, model, x, context).betaWeighted(g, 1.0);
            }

            @Override
            public String description() {
                return "-ELBO (recon + kl), one sample of z";
            }

            @Override
            public boolean supportsKlWarmup() {
                return true;
            }

            @Override
            public boolean supportsFreeBits() {
                return true;
            }
        };
    }
}
