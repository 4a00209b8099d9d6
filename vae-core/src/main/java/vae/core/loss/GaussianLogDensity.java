package vae.core.loss;

import vae.core.backend.Backend;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.tensor.Tensor;

/** log N(z; μ, diag e^lv) per row: log q(z|x) of a sample, for a KL estimated from samples. */
public final class GaussianLogDensity {
    private GaussianLogDensity() {
    }

    /**
     * {@code −Σ_c ½(log 2π + lv + (z − μ)² e^−lv)} per row, shape {@code [rows]}, with its gradients
     * to z, μ and lv (the backend's fused Gaussian NLL kernel, whose d/dz is −d/dμ).
     */
    public static Var of(Graph g, Var z, Var mu, Var logvar) {
        int rows = z.rows();
        int cols = z.cols();
        if (mu.rows() != rows || mu.cols() != cols || logvar.rows() != rows || logvar.cols() != cols) {
            throw new IllegalArgumentException("log N(z; μ, σ²): z " + z.value() + ", μ " + mu.value() + " and log σ² "
                    + logvar.value() + " do not match");
        }
        Backend be = g.backend();
        boolean grads = g.isRecording() && (z.requiresGrad() || mu.requiresGrad() || logvar.requiresGrad());
        Tensor nll = g.allocate(rows);
        Tensor gradMean = grads ? g.allocate(rows, cols) : null;
        Tensor gradLogvar = grads ? g.allocate(rows, cols) : null;
        be.gaussianNll(mu.data(), logvar.data(), z.data(), rows, cols, nll.data(),
                grads ? gradMean.data() : null, grads ? gradLogvar.data() : null);
        Tensor out = g.allocate(rows);
        be.scale(-1f, nll.data(), out.data(), rows);
        return g.result(out, r -> {
            float[] minusD = g.allocate(rows).data();
            be.scale(-1f, r.gradData(), minusD, rows);
            if (mu.requiresGrad()) {
                be.scaleRowsAccumulate(gradMean.data(), minusD, rows, cols, mu.gradData());
            }
            if (z.requiresGrad()) {
                be.scaleRowsAccumulate(gradMean.data(), r.gradData(), rows, cols, z.gradData());
            }
            if (logvar.requiresGrad()) {
                be.scaleRowsAccumulate(gradLogvar.data(), minusD, rows, cols, logvar.gradData());
            }
        }, z, mu, logvar);
    }
}
