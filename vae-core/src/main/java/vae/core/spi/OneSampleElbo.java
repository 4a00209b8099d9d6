package vae.core.spi;

import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.SamplingOps;
import vae.core.graph.Var;

/**
 * The pieces of a model's one-sample ELBO on a batch, which most objectives start from:
 * the encoding q(z|x), one reparameterised sample {@code z = μ + σ·ε} with ε from the loss
 * context, the reconstruction term {@code −log p(x|z)} of the model's likelihood, and the
 * {@code KL(q(z|x) ‖ p(z))} of the model's prior (closed form when it has one), each per example in nats.
 *
 * @param q     the encoding the sample was drawn from
 * @param z     the sample, {@code [B, latent]}
 * @param recon {@code −log p(x|z)} per example
 * @param kl    {@code KL(q(z|x) ‖ p(z))} per example
 */
public record OneSampleElbo(Encoding q, Var z, Var recon, Var kl) {

    /** Encodes x, draws one z and computes both terms, in that order on the graph. */
    public static OneSampleElbo of(Graph g, Model model, Var x, LossContext context) {
        Encoding q = model.encode(g, x);
        Var z = SamplingOps.reparameterize(g, q.mu(), q.logvar(), context.gaussian(g, q.mu().shape()));
        Var recon = model.likelihood().negativeLogLikelihood(g, model.decode(g, z), x);
        Var kl = model.prior().kl(g, q, z);
        return new OneSampleElbo(q, z, recon, kl);
    }

    /** {@code recon + β·kl}, terms named {@code recon} and {@code kl}: the −ELBO at β = 1. */
    public LossTerms betaWeighted(Graph g, double beta) {
        return LossTerms.weighted(g, List.of(new LossTerms.Term("recon", recon, 1.0),
                new LossTerms.Term("kl", kl, beta)));
    }
}
