package vae.core.graph;

import vae.core.backend.Backend;
import vae.core.tensor.Tensor;

/** Matrix products on the graph. Inputs are seen as {@code [rows, cols]} matrices. */
public final class MatrixOps {
    private MatrixOps() {
    }

    /**
     * {@code y = x · Wᵀ + b}, PyTorch's {@code F.linear}: x is {@code [B, in]}, the weight
     * {@code [out, in]}, the bias {@code [out]} (or null); y is {@code [B, out]}.
     */
    public static Var linear(Graph g, Var x, Var weight, Var bias) {
        int batch = x.rows();
        int in = x.cols();
        int out = weight.rows();
        if (weight.cols() != in) {
            throw new IllegalArgumentException("linear: input has " + in + " features but the weight is "
                    + weight.value());
        }
        if (bias != null && bias.size() != out) {
            throw new IllegalArgumentException("linear: bias " + bias.value() + " does not match the weight "
                    + weight.value());
        }
        Backend be = g.backend();
        Tensor y = g.allocate(batch, out);
        be.gemm(false, true, batch, out, in, x.data(), 0, weight.data(), 0, y.data(), 0, false);
        if (bias != null) {
            be.addRowVector(y.data(), batch, out, bias.data());
        }
        Var[] inputs = bias == null ? new Var[] {x, weight} : new Var[] {x, weight, bias};
        return g.result(y, r -> {
            float[] dy = r.gradData();
            if (x.requiresGrad()) {
                boolean add = x.addsToGrad();
                be.gemm(false, false, batch, in, out, dy, 0, weight.data(), 0, x.gradData(), 0, add);
            }
            if (weight.requiresGrad()) {
                boolean add = weight.addsToGrad();
                be.gemm(true, false, out, in, batch, dy, 0, x.data(), 0, weight.gradData(), 0, add);
            }
            if (bias != null && bias.requiresGrad()) {
                be.sumRowsInto(dy, batch, out, bias.gradData());
            }
        }, inputs);
    }

    /** {@code c = a · b} for {@code a [m, k]} and {@code b [k, n]}. */
    public static Var matmul(Graph g, Var a, Var b) {
        int m = a.rows();
        int k = a.cols();
        if (b.rows() != k) {
            throw new IllegalArgumentException("matmul: " + a.value() + " · " + b.value() + " do not fit");
        }
        int n = b.cols();
        Backend be = g.backend();
        Tensor c = g.allocate(m, n);
        be.gemm(false, false, m, n, k, a.data(), 0, b.data(), 0, c.data(), 0, false);
        return g.result(c, r -> {
            float[] dc = r.gradData();
            if (a.requiresGrad()) {
                boolean add = a.addsToGrad();
                be.gemm(false, true, m, k, n, dc, 0, b.data(), 0, a.gradData(), 0, add);
            }
            if (b.requiresGrad()) {
                boolean add = b.addsToGrad();
                be.gemm(true, false, k, n, m, a.data(), 0, dc, 0, b.gradData(), 0, add);
            }
        }, a, b);
    }
}
