package vae.models.objective;

import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.LossContext;
import vae.core.spi.LossTerms;
import vae.core.spi.Model;
import vae.core.spi.Objective;
import vae.core.spi.ObjectiveProvider;

/**
 * {@code ae}: the deterministic autoencoder baseline. The architecture gives a code instead of μ
 * and log σ² (the MLP drops {@code fc22}); the loss is {@code −log p(x|z)} at z = the code: no
 * sampling, no KL, and so no prior to sample from.
 */
public final class Ae extends ObjectiveProvider {

    public Ae() {
        super("ae", "deterministic autoencoder (no sampling, no KL), for comparison; it reconstructs but cannot "
                + "sample from a prior");
    }

    @Override
    public boolean stochasticEncoder() {
        return false;
    }

    @Override
    public Objective create(HyperparameterValues values) {
        return new Objective() {
            @Override
            public LossTerms loss(Graph g, Model model, Var x, LossContext context) {
                Var code = model.encode(g, x).mu();
                Var recon = model.likelihood().negativeLogLikelihood(g, model.decode(g, code), x);
                return LossTerms.weighted(g, List.of(new LossTerms.Term("recon", recon, 1.0)));
            }

            @Override
            public String description() {
                return "recon = -log p(x|z) at z = encoder(x); deterministic, no KL: not a bound on log p(x)";
            }
        };
    }
}
