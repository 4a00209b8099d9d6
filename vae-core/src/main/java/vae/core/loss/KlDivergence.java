package vae.core.loss;

import vae.core.graph.Graph;
import vae.core.graph.ShapeOps;
import vae.core.graph.Var;
import vae.core.backend.Backend;
import vae.core.tensor.Tensor;

/** KL divergences in closed form. */
public final class KlDivergence {
    private KlDivergence() {
    }

    /**
     * KL(N(μ, diag e^lv) ‖ N(0, I)) per example, shape {@code [B]}, in nats:
     * {@code ½ Σ (μ² + e^lv − 1 − lv)}. Loss and gradient are computed in one pass.
     */
    public static Var toStandardNormal(Graph g, Var mu, Var logvar) {
        int rows = mu.rows();
        int cols = mu.cols();
        if (logvar.rows() != rows || logvar.cols() != cols) {
            throw new IllegalArgumentException("KL: μ " + mu.value() + " and log σ² " + logvar.value() + " differ");
        }
        Backend be = g.backend();
        boolean grads = g.isRecording() && (mu.requiresGrad() || logvar.requiresGrad());
        Tensor rowKl = g.allocate(rows);
        Tensor gradMu = grads ? g.allocate(rows, cols) : null;
        Tensor gradLogvar = grads ? g.allocate(rows, cols) : null;
        be.klStandardNormal(mu.data(), logvar.data(), rows, cols, rowKl.data(),
                grads ? gradMu.data() : null, grads ? gradLogvar.data() : null);
        return g.result(rowKl, r -> {
            if (mu.requiresGrad()) {
                be.scaleRowsAccumulate(gradMu.data(), r.gradData(), rows, cols, mu.gradData());
            }
            if (logvar.requiresGrad()) {
                be.scaleRowsAccumulate(gradLogvar.data(), r.gradData(), rows, cols, logvar.gradData());
            }
        }, mu, logvar);
    }

    /**
     * The same divergence per latent dimension, shape {@code [B, latent]}:
     * {@code ½ (μ² + e^lv − 1 − lv)} for each value, whose row sums are {@link #toStandardNormal}.
     * The backend's KL kernel computes it as rows of one value each.
     */
    public static Var toStandardNormalPerDimension(Graph g, Var mu, Var logvar) {
        int rows = mu.rows();
        int cols = mu.cols();
        Var perValue = toStandardNormal(g, ShapeOps.reshape(g, mu, rows * cols, 1),
                ShapeOps.reshape(g, logvar, rows * cols, 1));
        return ShapeOps.reshape(g, perValue, rows, cols);
    }
}
