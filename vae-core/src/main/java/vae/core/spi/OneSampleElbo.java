package vae.core.spi;

import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.SamplingOps;
import vae.core.graph.Var;
import vae.core.loss.KlDivergence;

/**
 * The pieces of a variant's one-sample ELBO on a batch, which most variants' losses start from:
 * the encoding q(z|x), one reparameterised sample {@code z = μ + σ·ε} with ε from the loss
 * context, the reconstruction term {@code −log p(x|z)} of the variant's likelihood, and the
 * closed-form {@code KL(q(z|x) ‖ N(0, I))}, each per example in nats.
 *
 * @param q     the encoding the sample was drawn from
 * @param z     the sample, {@code [B, latent]}
 * @param recon {@code −log p(x|z)} per example
 * @param kl    {@code KL(q(z|x) ‖ N(0, I))} per example
 */
public record OneSampleElbo(Encoding q, Var z, Var recon, Var kl) {

    /** Encodes x, draws one z and computes both terms, in that order on the graph. */
    public static OneSampleElbo of(Graph g, Variant variant, Var x, LossContext context) {
        Encoding q = variant.encode(g, x);
        Var z = SamplingOps.reparameterize(g, q.mu(), q.logvar(), context.gaussian(g, q.mu().shape()));
        Var recon = variant.likelihood().negativeLogLikelihood(g, variant.decode(g, z), x);
        Var kl = KlDivergence.toStandardNormal(g, q.mu(), q.logvar());
        return new OneSampleElbo(q, z, recon, kl);
    }

    /** {@code recon + β·kl}, terms named {@code recon} and {@code kl}: the −ELBO at β = 1. */
    public LossTerms betaWeighted(Graph g, double beta) {
        return LossTerms.weighted(g, List.of(new LossTerms.Term("recon", recon, 1.0),
                new LossTerms.Term("kl", kl, beta)));
    }
}
