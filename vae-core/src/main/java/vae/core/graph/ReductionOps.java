package vae.core.graph;

import java.util.Arrays;
import vae.core.tensor.Tensor;

/** Reductions to a single value. */
public final class ReductionOps {
    private ReductionOps() {
    }

    /** The sum of all values, shape {@code [1]}; backward spreads the gradient to every value. */
    public static Var sum(Graph g, Var x) {
        return scaledSum(g, x, 1f);
    }

    /** The mean of all values, shape {@code [1]}. */
    public static Var mean(Graph g, Var x) {
        return scaledSum(g, x, 1f / x.size());
    }

    private static Var scaledSum(Graph g, Var x, float factor) {
        Tensor out = g.allocate(1);
        out.data()[0] = (float) (g.backend().sum(x.data(), 0, x.size()) * factor);
        return g.result(out, r -> {
            float[] scratch = g.allocate(x.size()).data();
            Arrays.fill(scratch, r.gradData()[0] * factor);
            g.backend().axpy(1f, scratch, 0, x.gradData(), 0, x.size());
        }, x);
    }
}
