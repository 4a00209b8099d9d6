package vae.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import vae.core.backend.UnaryFunction;

/**
 * Element-wise kernels: a vector loop over whole vectors, then a tail. The maps with a
 * transcendental function run their tail through the same vector code under a mask, so a value
 * never depends on where it lies in the array (a score is the same bits in a batch of any size);
 * the others use the reference formulas of {@link UnaryFunction}, which are exact there.
 */
final class ElementwiseKernels {
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** Values per partial sum in {@link #sum}: fixed so that sums never depend on threads. */
    static final int SUM_BLOCK = 4096;

    private ElementwiseKernels() {
    }

    /**
     * Each function's loop is a method of its own: C2 stops inlining Vector API calls in a
     * compilation past a node budget, and the pure-arithmetic {@link VectorMath} functions are
     * big, so one method holding every case's loop left the later ones boxing every vector.
     * Values {@code [from, to)}: the backend hands ranges of a large array to its threads.
     */
    static void map(UnaryFunction f, float[] x, float[] y, int from, int to) {
        int done = switch (f) {
            case RELU -> mapRelu(x, y, from, to);
            case SIGMOID -> mapSigmoid(x, y, from, to);
            case TANH -> mapTanh(x, y, from, to);
            case SOFTPLUS -> mapSoftplus(x, y, from, to);
            case EXP -> mapExp(x, y, from, to);
            case LOG -> mapLog(x, y, from, to);
        };
        for (int i = done; i < to; i++) {
            y[i] = f.apply(x[i]);
        }
    }

    /** The vector part of each map; returns where the reference tail starts (the maps with a
     * transcendental run their tail themselves and return {@code to}). */
    private static int mapRelu(float[] x, float[] y, int from, int to) {
        int i = from;
        for (; i <= to - F.length(); i += F.length()) {
            FloatVector.fromArray(F, x, i).max(0f).intoArray(y, i);
        }
        return i;
    }

    private static int mapSigmoid(float[] x, float[] y, int from, int to) {
        int i = from;
        for (; i <= to - F.length(); i += F.length()) {
            VectorMath.sigmoid(FloatVector.fromArray(F, x, i)).intoArray(y, i);
        }
        return tailSigmoid(x, y, i, to);
    }

    /** The last values, fewer than a vector, masked; a method of its own (see {@link #map}). */
    private static int tailSigmoid(float[] x, float[] y, int from, int to) {
        if (from < to) {
            VectorMask<Float> m = F.indexInRange(from, to);
            FloatVector v = FloatVector.fromArray(F, x, from, m);
            VectorMath.sigmoid(v).intoArray(y, from, m);
        }
        return to;
    }

    /**
     * {@link #map} of {@code SIGMOID} without the Vector API, the same bits: every value from
     * {@link VectorMath#sigmoid(float)}, as the vector loop and its masked tail compute it.
     */
    static void mapSigmoidPlain(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = VectorMath.sigmoid(x[i]);
        }
    }

    private static int mapTanh(float[] x, float[] y, int from, int to) {
        int i = from;
        for (; i <= to - F.length(); i += F.length()) {
            VectorMath.tanh(FloatVector.fromArray(F, x, i)).intoArray(y, i);
        }
        return tailTanh(x, y, i, to);
    }

    /** The last values, fewer than a vector, masked; a method of its own (see {@link #map}). */
    private static int tailTanh(float[] x, float[] y, int from, int to) {
        if (from < to) {
            VectorMask<Float> m = F.indexInRange(from, to);
            FloatVector v = FloatVector.fromArray(F, x, from, m);
            VectorMath.tanh(v).intoArray(y, from, m);
        }
        return to;
    }

    private static int mapSoftplus(float[] x, float[] y, int from, int to) {
        int i = from;
        for (; i <= to - F.length(); i += F.length()) {
            FloatVector v = FloatVector.fromArray(F, x, i);
            v.max(0f).add(VectorMath.log1pUnit(VectorMath.exp(v.abs().neg()))).intoArray(y, i);
        }
        return tailSoftplus(x, y, i, to);
    }

    /** The last values, fewer than a vector, masked; a method of its own (see {@link #map}). */
    private static int tailSoftplus(float[] x, float[] y, int from, int to) {
        if (from < to) {
            VectorMask<Float> m = F.indexInRange(from, to);
            FloatVector v = FloatVector.fromArray(F, x, from, m);
            v.max(0f).add(VectorMath.log1pUnit(VectorMath.exp(v.abs().neg()))).intoArray(y, from, m);
        }
        return to;
    }

    private static int mapExp(float[] x, float[] y, int from, int to) {
        int i = from;
        for (; i <= to - F.length(); i += F.length()) {
            VectorMath.exp(FloatVector.fromArray(F, x, i)).intoArray(y, i);
        }
        return tailExp(x, y, i, to);
    }

    /** The last values, fewer than a vector, masked; a method of its own (see {@link #map}). */
    private static int tailExp(float[] x, float[] y, int from, int to) {
        if (from < to) {
            VectorMask<Float> m = F.indexInRange(from, to);
            FloatVector v = FloatVector.fromArray(F, x, from, m);
            VectorMath.exp(v).intoArray(y, from, m);
        }
        return to;
    }

    private static int mapLog(float[] x, float[] y, int from, int to) {
        int i = from;
        for (; i <= to - F.length(); i += F.length()) {
            VectorMath.log(FloatVector.fromArray(F, x, i)).intoArray(y, i);
        }
        return tailLog(x, y, i, to);
    }

    /** The last values, fewer than a vector, masked; a method of its own (see {@link #map}). */
    private static int tailLog(float[] x, float[] y, int from, int to) {
        if (from < to) {
            VectorMask<Float> m = F.indexInRange(from, to);
            FloatVector v = FloatVector.fromArray(F, x, from, m);
            VectorMath.log(v).intoArray(y, from, m);
        }
        return to;
    }

    /**
     * dx = f'(x)·dy over {@code [from, to)}, or += with accumulate. The flag is the same for the
     * whole call, so its test inside the loops is always predicted right (and C2 may unswitch
     * the loops on it).
     */
    static void mapBackward(UnaryFunction f, float[] x, float[] y, float[] dy, float[] dx, int from, int to,
                            boolean accumulate) {
        int step = F.length();
        int bound = to - step;
        int i = from;
        switch (f) {
            case RELU -> {
                for (; i <= bound; i += step) {
                    VectorMask<Float> off = FloatVector.fromArray(F, x, i).compare(VectorOperators.LE, 0f);
                    FloatVector g = FloatVector.fromArray(F, dy, i).blend(0f, off);
                    (accumulate ? FloatVector.fromArray(F, dx, i).add(g) : g).intoArray(dx, i);
                }
            }
            case SIGMOID -> {
                for (; i <= bound; i += step) {
                    FloatVector s = FloatVector.fromArray(F, y, i);
                    FloatVector g = s.mul(s.neg().add(1f)).mul(FloatVector.fromArray(F, dy, i));
                    (accumulate ? FloatVector.fromArray(F, dx, i).add(g) : g).intoArray(dx, i);
                }
            }
            case TANH -> {
                for (; i <= bound; i += step) {
                    FloatVector t = FloatVector.fromArray(F, y, i);
                    FloatVector g = t.mul(t).neg().add(1f).mul(FloatVector.fromArray(F, dy, i));
                    (accumulate ? FloatVector.fromArray(F, dx, i).add(g) : g).intoArray(dx, i);
                }
            }
            case SOFTPLUS -> i = softplusBackward(x, dy, dx, from, to, accumulate); // its own method: see map
            case EXP -> {
                for (; i <= bound; i += step) {
                    FloatVector g = FloatVector.fromArray(F, y, i).mul(FloatVector.fromArray(F, dy, i));
                    (accumulate ? FloatVector.fromArray(F, dx, i).add(g) : g).intoArray(dx, i);
                }
            }
            case LOG -> {
                for (; i <= bound; i += step) {
                    FloatVector g = FloatVector.fromArray(F, dy, i).div(FloatVector.fromArray(F, x, i));
                    (accumulate ? FloatVector.fromArray(F, dx, i).add(g) : g).intoArray(dx, i);
                }
            }
        }
        for (; i < to; i++) {
            float g = f.derivative(x[i], y[i]) * dy[i];
            dx[i] = accumulate ? dx[i] + g : g;
        }
    }

    private static int softplusBackward(float[] x, float[] dy, float[] dx, int from, int to, boolean accumulate) {
        int i = from;
        for (; i <= to - F.length(); i += F.length()) {
            FloatVector g = VectorMath.sigmoid(FloatVector.fromArray(F, x, i)).mul(FloatVector.fromArray(F, dy, i));
            (accumulate ? FloatVector.fromArray(F, dx, i).add(g) : g).intoArray(dx, i);
        }
        return i;
    }

    static void add(float[] a, float[] b, float[] out, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, i).add(FloatVector.fromArray(F, b, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = a[i] + b[i];
        }
    }

    static void mul(float[] a, float[] b, float[] out, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, i).mul(FloatVector.fromArray(F, b, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = a[i] * b[i];
        }
    }

    static void mulAccumulate(float[] a, float[] b, float[] out, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector.fromArray(F, a, i).mul(FloatVector.fromArray(F, b, i))
                    .add(FloatVector.fromArray(F, out, i)).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] += a[i] * b[i];
        }
    }

    static void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, xOffset + i).mul(alpha)
                    .add(FloatVector.fromArray(F, y, yOffset + i)).intoArray(y, yOffset + i);
        }
        for (; i < n; i++) {
            y[yOffset + i] += alpha * x[xOffset + i];
        }
    }

    static void scale(float alpha, float[] x, float[] out, int n) {
        int bound = F.loopBound(n);
        int i = 0;
        for (; i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, i).mul(alpha).intoArray(out, i);
        }
        for (; i < n; i++) {
            out[i] = alpha * x[i];
        }
    }

    static void addRowVector(float[] x, int rows, int cols, float[] v) {
        for (int r = 0; r < rows; r++) {
            axpy(1f, v, 0, x, r * cols, cols);
        }
    }

    /** {@link #addRowVector} without the Vector API, the same bits: x + 1·v is x + v. */
    static void addRowVectorPlain(float[] x, int rows, int cols, float[] v) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            for (int j = 0; j < cols; j++) {
                x[row + j] += v[j];
            }
        }
    }

    static void sumRowsInto(float[] x, int rows, int cols, float[] out) {
        for (int r = 0; r < rows; r++) {
            axpy(1f, x, r * cols, out, 0, cols);
        }
    }

    static void scaleRowsAccumulate(float[] x, float[] s, int rows, int cols, float[] out) {
        for (int r = 0; r < rows; r++) {
            axpy(s[r], x, r * cols, out, r * cols, cols);
        }
    }

    /** Σ x over fixed blocks: vector lanes within a block, blocks added in double. */
    static double sum(float[] x, int offset, int n) {
        return sum(x, offset, n, new float[F.length()]);
    }

    /** {@link #sum(float[], int, int)} with a scratch of one vector's lanes, for callers that sum many times. */
    static double sum(float[] x, int offset, int n, float[] lanes) {
        double total = 0;
        for (int start = 0; start < n; start += SUM_BLOCK) {
            int len = Math.min(SUM_BLOCK, n - start);
            int bound = F.loopBound(len);
            FloatVector acc = FloatVector.zero(F);
            int i = 0;
            for (; i < bound; i += F.length()) {
                acc = acc.add(FloatVector.fromArray(F, x, offset + start + i));
            }
            acc.intoArray(lanes, 0);
            double partial = LossKernels.sumInOrder(lanes);
            for (; i < len; i++) {
                partial += x[offset + start + i];
            }
            total += partial;
        }
        return total;
    }
}
