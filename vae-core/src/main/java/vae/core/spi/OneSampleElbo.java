package vae.core.spi;

import java.util.ArrayList;
import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.FreeBits;

/**
 * The pieces of a model's one-sample ELBO on a batch, which most objectives start from:
 * the encoding q(z|x), one reparameterised sample {@code z = μ + σ·ε} with ε from the loss
 * context, the reconstruction term {@code −log p(x|z)} of the model's likelihood, and the
 * {@code KL(q(z|x) ‖ p(z))} of the model's prior (closed form when it has one), each per example
 * in nats; and the KL as the training step counts it, after the context's {@link KlWeighting}
 * (warm-up factor, free bits).
 *
 * @param q         the encoding the sample was drawn from
 * @param z         the sample, {@code [B, latent]}
 * @param recon     {@code −log p(x|z)} per example
 * @param kl        {@code KL(q(z|x) ‖ p(z))} per example
 * @param trainedKl the KL as the objective counts it: {@code kl}, or with free bits the per-example
 *                  values whose batch mean is {@code Σ_j max(λ, KL_j)} ({@link FreeBits})
 * @param klFactor  the warm-up factor on the KL term's weight (1 outside warm-up and in evaluation)
 */
public record OneSampleElbo(Encoding q, Var z, Var recon, Var kl, Var trainedKl, double klFactor) {

    /**
     * Encodes x, draws one z and computes both terms, in that order on the graph; with free bits
     * in the context, also the prior's KL per dimension.
     */
    public static OneSampleElbo of(Graph g, Model model, Var x, LossContext context) {
        Encoding q = model.encode(g, x);
        PosteriorSample sample = PosteriorSample.draw(g, model, q.mu(), q.logvar(), context.gaussian(g, q.mu().shape()));
        Var z = sample.z();
        Var recon = model.likelihood().negativeLogLikelihood(g, model.decode(g, z), x);
        Var kl = sample.kl(g, model, q);
        KlWeighting weighting = context.klWeighting();
        Var trainedKl = weighting.freeBits() > 0
                ? FreeBits.kl(g, model.prior().klPerDimension(g, q, z), weighting.freeBits()) : kl;
        return new OneSampleElbo(q, z, recon, kl, trainedKl, weighting.factor());
    }

    /** {@code recon + β·kl}, terms named {@code recon} and {@code kl}: the −ELBO at β = 1. See {@link #loss}. */
    public LossTerms betaWeighted(Graph g, double beta) {
        return loss(g, beta, List.of());
    }

    /**
     * The loss made of {@code recon} (weight 1), {@code kl} (weight {@code klWeight}) and
     * {@code others}. The terms report the true KL with its stated weight, so that
     * {@code Σ weight · mean(term)} is the objective as evaluation computes it; the objective
     * trained counts {@link #trainedKl} with weight {@code klWeight · klFactor}, which differs
     * only while training with KL warm-up or free bits.
     */
    public LossTerms loss(Graph g, double klWeight, List<LossTerms.Term> others) {
        List<LossTerms.Term> terms = new ArrayList<>(List.of(new LossTerms.Term("recon", recon, 1.0),
                new LossTerms.Term("kl", kl, klWeight)));
        terms.addAll(others);
        if (trainedKl == kl && klFactor == 1) {
            return LossTerms.weighted(g, terms);
        }
        List<LossTerms.Term> trained = new ArrayList<>(terms);
        trained.set(1, new LossTerms.Term("kl", trainedKl, klWeight * klFactor));
        return new LossTerms(LossTerms.weighted(g, trained).objective(), terms);
    }
}
