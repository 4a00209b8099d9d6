package vae.core.graph;

import vae.core.tensor.Tensor;

/** Ops that move values around: reshape, and slice and concat along the feature axis. */
public final class ShapeOps {
    private ShapeOps() {
    }

    /** The same values with another shape; the gradient flows back unchanged. */
    public static Var reshape(Graph g, Var x, int... shape) {
        Tensor out = x.value().reshape(shape);
        return g.result(out, r -> g.backend().axpy(1f, r.gradData(), 0, x.gradData(), 0, x.size()), x);
    }

    /** Columns {@code [from, to)} of every row of a {@code [rows, cols]} value. */
    public static Var sliceColumns(Graph g, Var x, int from, int to) {
        int rows = x.rows();
        int cols = x.cols();
        if (from < 0 || to > cols || from >= to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") outside " + cols + " columns");
        }
        int width = to - from;
        Tensor out = g.allocate(rows, width);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x.data(), r * cols + from, out.data(), r * width, width);
        }
        return g.result(out, res -> {
            for (int r = 0; r < rows; r++) {
                g.backend().axpy(1f, res.gradData(), r * width, x.gradData(), r * cols + from, width);
            }
        }, x);
    }

    /** The columns of {@code a} then those of {@code b}, row by row; both have the same rows. */
    public static Var concatColumns(Graph g, Var a, Var b) {
        int rows = a.rows();
        if (b.rows() != rows) {
            throw new IllegalArgumentException("concat: " + a.value() + " and " + b.value() + " differ in rows");
        }
        int ca = a.cols();
        int cb = b.cols();
        int width = ca + cb;
        Tensor out = g.allocate(rows, width);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a.data(), r * ca, out.data(), r * width, ca);
            System.arraycopy(b.data(), r * cb, out.data(), r * width + ca, cb);
        }
        return g.result(out, res -> {
            for (int r = 0; r < rows; r++) {
                if (a.requiresGrad()) {
                    g.backend().axpy(1f, res.gradData(), r * width, a.gradData(), r * ca, ca);
                }
                if (b.requiresGrad()) {
                    g.backend().axpy(1f, res.gradData(), r * width + ca, b.gradData(), r * cb, cb);
                }
            }
        }, a, b);
    }
}
