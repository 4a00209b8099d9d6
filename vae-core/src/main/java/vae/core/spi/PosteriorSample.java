package vae.core.spi;

import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.SamplingOps;
import vae.core.graph.Var;
import vae.core.loss.GaussianLogDensity;
import vae.core.tensor.Tensor;

/**
 * Samples of a model's q(z|x): the reparameterised Gaussian z_0 = μ + σ ⊙ ε and, for a model with a
 * {@link PosteriorFlow}, the flowed z_K with its log-determinant. What the ELBO, the IWAE bound and scoring
 * share; without a flow every method is exactly the prior's own (closed-form KL, importance weights).
 *
 * @param z0     the Gaussian sample
 * @param z      the sample the decoder and the prior see (z0 without a flow)
 * @param logDet the flow's Σ log|det| per row, or null without a flow
 */
public record PosteriorSample(Var z0, Var z, Var logDet) {

    /** Draws z = flow(μ + σ ⊙ ε) for the model (the prior's own sample when it shapes the posterior). */
    public static PosteriorSample draw(Graph g, Model model, Var mu, Var logvar, Tensor eps) {
        Var z0 = model.prior() == null ? SamplingOps.reparameterize(g, mu, logvar, eps)
                : model.prior().reparameterize(g, mu, logvar, eps);
        PosteriorFlow flow = model.posteriorFlow();
        if (flow == null) {
            return new PosteriorSample(z0, z0, null);
        }
        PosteriorFlow.Result r = flow.apply(g, z0);
        return new PosteriorSample(z0, r.z(), r.logDet());
    }

    /**
     * KL(q(z|x) ‖ p(z)) per row: the prior's (closed form where it has one) without a flow, else the
     * one-sample estimate {@code log N(z_0; μ, σ²) − log det − log p(z_K)}.
     */
    public Var kl(Graph g, Model model, Encoding q) {
        if (logDet == null) {
            return model.prior().kl(g, q, z);
        }
        return ElementwiseOps.add(g, logQ(g, q.mu(), q.logvar()), ElementwiseOps.scale(g, model.prior().logDensity(g, z), -1f));
    }

    /** {@code log p(x|z) + log p(z) − log q(z|x)} per row for importance sampling, given {@code nll = −log p(x|z)}. */
    public Var logImportanceWeights(Graph g, Model model, Var nll, Var mu, Var logvar) {
        if (logDet == null) {
            return model.prior().logImportanceWeights(g, nll, z, mu, logvar);
        }
        Var logJoint = ElementwiseOps.add(g, model.prior().logDensity(g, z), ElementwiseOps.scale(g, nll, -1f));
        return ElementwiseOps.add(g, logJoint, ElementwiseOps.scale(g, logQ(g, mu, logvar), -1f));
    }

    /** log q(z_K|x) = log N(z_0; μ, σ²) − log det. */
    private Var logQ(Graph g, Var mu, Var logvar) {
        return ElementwiseOps.add(g, GaussianLogDensity.of(g, z0, mu, logvar), ElementwiseOps.scale(g, logDet, -1f));
    }
}
