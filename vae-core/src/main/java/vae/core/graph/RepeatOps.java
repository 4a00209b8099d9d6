package vae.core.graph;

import vae.core.tensor.Tensor;

/** Repeating a batch, e.g. to draw several samples of z per example in one pass. */
public final class RepeatOps {
    private RepeatOps() {
    }

    /**
     * The whole batch {@code x [B, ...]} stacked {@code times} times: {@code [times·B, ...]}, row
     * {@code s·B + b} a copy of row b. Backward sums the gradients of the copies.
     */
    public static Var repeatBatch(Graph g, Var x, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("repeat: times must be at least 1, got " + times);
        }
        int[] shape = x.shape();
        shape[0] *= times;
        int n = x.size();
        Tensor out = g.allocate(shape);
        for (int s = 0; s < times; s++) {
            System.arraycopy(x.data(), 0, out.data(), s * n, n);
        }
        return g.result(out, r -> {
            for (int s = 0; s < times; s++) {
                g.backend().axpy(1f, r.gradData(), s * n, x.gradData(), 0, n);
            }
        }, x);
    }
}
