package vae.core.loss;

import vae.core.backend.Backend;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.tensor.Tensor;

/**
 * Free bits (Kingma et al. 2016, "Improved variational inference with inverse autoregressive
 * flow", eq. 15): the KL term {@code Σ_j max(λ, KL_j)}, where {@code KL_j} is latent dimension j's
 * KL averaged over the batch. A dimension whose mean KL is below λ nats counts as λ and gets no
 * gradient, so the objective stops pushing it onto the prior and the encoder may use it.
 */
public final class FreeBits {
    private FreeBits() {
    }

    /**
     * The free-bits KL per example, shape {@code [B]}, whose batch mean is {@code Σ_j max(λ, KL_j)}:
     * example b gets {@code Σ_j (KL_j ≥ λ ? kl[b, j] : λ)}. Backward:
     * {@code dkl[b, j] = dout[b]} for a dimension with {@code KL_j ≥ λ}, 0 for the others.
     *
     * @param klPerDimension the KL of each example and latent dimension, {@code [B, latent]}
     * @param lambda         λ in nats per dimension, at least 0
     */
    public static Var kl(Graph g, Var klPerDimension, double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("free bits must be a number of nats >= 0, got " + lambda);
        }
        Backend be = g.backend();
        int batch = klPerDimension.rows();
        int latent = klPerDimension.cols();
        float[] columnSums = g.zeros(latent).data();
        be.sumRowsInto(klPerDimension.data(), batch, latent, columnSums);
        float[] mask = g.allocate(latent).data(); // 1 where the dimension's mean KL reaches λ
        int floored = 0;
        for (int j = 0; j < latent; j++) {
            boolean free = columnSums[j] / batch >= lambda;
            mask[j] = free ? 1f : 0f;
            floored += free ? 0 : 1;
        }
        Tensor out = g.allocate(batch);
        be.gemm(false, false, batch, 1, latent, klPerDimension.data(), 0, mask, 0, out.data(), 0, false);
        float[] floor = g.allocate(1).data();
        floor[0] = (float) (floored * lambda);
        be.addRowVector(out.data(), batch, 1, floor);
        return g.result(out, r -> {
            boolean accumulate = klPerDimension.addsToGrad(); // asked first: it may make the gradient
            be.gemm(false, false, batch, latent, 1, r.gradData(), 0, mask, 0, klPerDimension.gradData(), 0, accumulate);
        }, klPerDimension);
    }
}
