package vae.models.prior;

import java.util.Arrays;
import vae.core.graph.Graph;
import vae.core.graph.MatrixOps;
import vae.core.graph.ShapeOps;
import vae.core.graph.Var;
import vae.core.tensor.Tensor;

/**
 * {@code factor · Σ_j x[r, j]} per row of a {@code [rows, width]} value, as a product with a
 * constant row of {@code factor}s made once: the log-determinant sums of the flow and
 * hierarchical priors, on every step.
 */
final class ScaledRowSum {
    private final Tensor weights;

    ScaledRowSum(int width, float factor) {
        this.weights = Tensor.zeros(1, width);
        Arrays.fill(weights.data(), factor);
    }

    /** The sums, {@code [rows]}. */
    Var of(Graph g, Var x) {
        return ShapeOps.reshape(g, MatrixOps.linear(g, x, g.constant(weights), null), x.rows());
    }
}
