package vae.core.backend;

import vae.core.random.CounterRng;
import vae.core.backend.AdamStep;
import vae.core.backend.Backend;
import vae.core.backend.ConvGeometry;
import vae.core.backend.UnaryFunction;

/**
 * The reference backend: plain Java loops written to read like the maths. Every other backend is
 * tested against it. Its matrix product runs in parallel over fixed blocks of output rows and
 * keeps loops whose inner index is contiguous, which C2 auto-vectorises.
 */
public final class ScalarBackend implements Backend {
    /** Output rows per parallel task: fixed, so the split does not depend on the thread count. */
    private static final int ROW_BLOCK = 16;
    /** Values per partial sum in {@link #sum}: fixed, so sums do not depend on the thread count. */
    private static final int SUM_BLOCK = 4096;

    private final ParallelRunner runner;
    private final ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[0]);

    /** A scalar backend on every available core. */
    public ScalarBackend() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public ScalarBackend(int threads) {
        this.runner = new ParallelRunner(threads);
    }

    @Override public String name() { return "scalar"; }

    @Override public String description() {
        return "reference Java loops, " + threads() + (threads() == 1 ? " thread" : " threads");
    }

    @Override public int threads() { return runner.threads(); }

    // ---- matrix products -------------------------------------------------------------------

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, boolean accumulate) {
        // B^T is copied once so that every case runs the contiguous "C row += a * B row" loop.
        float[] bRows = b;
        int bRowsOffset = bOffset;
        if (transB) {
            bRows = transposeScratch(k * n);
            bRowsOffset = 0;
            for (int j = 0; j < n; j++) {
                for (int p = 0; p < k; p++) {
                    bRows[p * n + j] = b[bOffset + j * k + p];
                }
            }
        }
        float[] bk = bRows;
        int bko = bRowsOffset;
        int blocks = (m + ROW_BLOCK - 1) / ROW_BLOCK;
        runner.forEach(blocks, block -> {
            int i0 = block * ROW_BLOCK;
            int i1 = Math.min(m, i0 + ROW_BLOCK);
            for (int i = i0; i < i1; i++) {
                int cRow = cOffset + i * n;
                if (!accumulate) {
                    java.util.Arrays.fill(c, cRow, cRow + n, 0f);
                }
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
                    if (aip == 0f) {
                        continue; // ReLU activations are often zero
                    }
                    axpyRow(aip, bk, bko + p * n, c, cRow, n);
                }
            }
        });
    }

    /** A buffer of at least {@code size} floats, kept per calling thread so training steps reuse it. */
    private float[] transposeScratch(int size) {
        float[] buffer = scratch.get();
        if (buffer.length < size) {
            buffer = new float[size];
            scratch.set(buffer);
        }
        return buffer;
    }

    /** {@code c[co..co+n) += a · b[bo..bo+n)}: a simple counted loop that C2 vectorises. */
    private static void axpyRow(float a, float[] b, int bo, float[] c, int co, int n) {
        for (int j = 0; j < n; j++) {
            c[co + j] += a * b[bo + j];
        }
    }

    @Override
    public void addRowVector(float[] x, int rows, int cols, float[] v) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            for (int c = 0; c < cols; c++) {
                x[row + c] += v[c];
            }
        }
    }

    @Override
    public void sumRowsInto(float[] x, int rows, int cols, float[] out) {
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            for (int c = 0; c < cols; c++) {
                out[c] += x[row + c];
            }
        }
    }

    // ---- element-wise ------------------------------------------------------------------------

    @Override
    public void map(UnaryFunction f, float[] x, float[] y, int n) {
        for (int i = 0; i < n; i++) {
            y[i] = f.apply(x[i]);
        }
    }

    @Override
    public void mapBackward(UnaryFunction f, float[] x, float[] y, float[] dy, float[] dx, int n, boolean accumulate) {
        for (int i = 0; i < n; i++) {
            float g = f.derivative(x[i], y[i]) * dy[i];
            dx[i] = accumulate ? dx[i] + g : g;
        }
    }

    @Override
    public void add(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] + b[i];
        }
    }

    @Override
    public void mul(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = a[i] * b[i];
        }
    }

    @Override
    public void mulAccumulate(float[] a, float[] b, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] += a[i] * b[i];
        }
    }

    @Override
    public void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n) {
        for (int i = 0; i < n; i++) {
            y[yOffset + i] += alpha * x[xOffset + i];
        }
    }

    @Override
    public void scale(float alpha, float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) {
            out[i] = alpha * x[i];
        }
    }

    @Override
    public void scaleRowsAccumulate(float[] x, float[] s, int rows, int cols, float[] out) {
        for (int r = 0; r < rows; r++) {
            axpy(s[r], x, r * cols, out, r * cols, cols);
        }
    }

    @Override
    public double sum(float[] x, int offset, int n) {
        double total = 0;
        for (int start = 0; start < n; start += SUM_BLOCK) {
            int end = Math.min(n, start + SUM_BLOCK);
            double partial = 0;
            for (int i = start; i < end; i++) {
                partial += x[offset + i];
            }
            total += partial;
        }
        return total;
    }

    // ---- fused VAE kernels -------------------------------------------------------------------

    @Override
    public void bernoulliNll(float[] logits, float[] targets, int rows, int cols, float[] rowLoss, float[] grad) {
        for (int r = 0; r < rows; r++) {
            double loss = 0;
            for (int i = r * cols, end = i + cols; i < end; i++) {
                double l = logits[i];
                double t = targets[i];
                double e = Math.exp(-Math.abs(l));
                loss += Math.max(l, 0) - l * t + Math.log1p(e);
                if (grad != null) {
                    double sigmoid = l >= 0 ? 1 / (1 + e) : e / (1 + e);
                    grad[i] = (float) (sigmoid - t);
                }
            }
            rowLoss[r] = (float) loss;
        }
    }

    @Override
    public void gaussianNll(float[] mean, float[] logvar, float[] targets, int rows, int cols, float[] rowLoss,
                            float[] gradMean, float[] gradLogvar) {
        double log2Pi = Math.log(2 * Math.PI);
        for (int r = 0; r < rows; r++) {
            double loss = 0;
            for (int i = r * cols, end = i + cols; i < end; i++) {
                double lv = logvar == null ? 0 : logvar[i];
                double invVar = Math.exp(-lv);
                double diff = targets[i] - mean[i];
                loss += 0.5 * (log2Pi + lv + diff * diff * invVar);
                if (gradMean != null) {
                    gradMean[i] = (float) (-diff * invVar);
                }
                if (gradLogvar != null) {
                    gradLogvar[i] = (float) (0.5 * (1 - diff * diff * invVar));
                }
            }
            rowLoss[r] = (float) loss;
        }
    }

    @Override
    public void klStandardNormal(float[] mu, float[] logvar, int rows, int cols, float[] rowKl,
                                 float[] gradMu, float[] gradLogvar) {
        for (int r = 0; r < rows; r++) {
            double kl = 0;
            for (int i = r * cols, end = i + cols; i < end; i++) {
                double m = mu[i];
                double lv = logvar[i];
                double var = Math.exp(lv);
                kl += 0.5 * (m * m + var - 1 - lv);
                if (gradMu != null) {
                    gradMu[i] = (float) m;
                    gradLogvar[i] = (float) (0.5 * (var - 1));
                }
            }
            rowKl[r] = (float) kl;
        }
    }

    @Override
    public void reparameterize(float[] mu, float[] logvar, float[] eps, float[] std, float[] z, int n) {
        for (int i = 0; i < n; i++) {
            std[i] = (float) Math.exp(0.5 * logvar[i]);
            z[i] = mu[i] + std[i] * eps[i];
        }
    }

    @Override
    public void reparameterizeBackward(float[] eps, float[] std, float[] dz, float[] dMu, float[] dLogvar, int n) {
        for (int i = 0; i < n; i++) {
            if (dMu != null) {
                dMu[i] += dz[i];
            }
            if (dLogvar != null) {
                dLogvar[i] += 0.5f * dz[i] * eps[i] * std[i];
            }
        }
    }

    // ---- random numbers and optimisation -----------------------------------------------------

    @Override
    public void fillGaussian(CounterRng rng, long stream, long first, float[] out, int offset, int n) {
        long key = rng.streamKey(stream);
        for (int i = 0; i < n; i++) {
            out[offset + i] = (float) CounterRng.gaussianAt(key, first + i);
        }
    }

    @Override
    public void adam(float[] param, float[] grad, float[] m, float[] v, int n, AdamStep s) {
        float b1 = s.beta1();
        float b2 = s.beta2();
        for (int i = 0; i < n; i++) {
            float g = grad[i] + s.weightDecay() * param[i];
            grad[i] = 0f;
            float mi = b1 * m[i] + s.oneMinusBeta1() * g;
            float vi = b2 * v[i] + s.oneMinusBeta2() * g * g;
            m[i] = Math.abs(mi) < AdamStep.FLUSH_TO_ZERO ? 0f : mi;
            v[i] = vi < AdamStep.FLUSH_TO_ZERO ? 0f : vi;
            float denom = (float) Math.sqrt(v[i]) / s.sqrtBiasCorrection2() + s.eps();
            param[i] -= s.stepSize() * m[i] / denom;
        }
    }

    // ---- convolution -------------------------------------------------------------------------
    // Direct loops, the definition read off line by line: images (or, for the weight gradient,
    // output channels) are independent tasks, and each tap's valid output range is computed once
    // so the innermost loops carry no bounds tests.

    @Override
    public void conv2d(ConvGeometry g, float[] x, float[] weight, float[] out, boolean accumulate) {
        int oh = g.outHeight();
        int ow = g.outWidth();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        runner.forEach(g.batch(), b -> {
            for (int o = 0; o < g.outChannels(); o++) {
                int outPlane = (b * g.outChannels() + o) * oh * ow;
                if (!accumulate) {
                    java.util.Arrays.fill(out, outPlane, outPlane + oh * ow, 0f);
                }
                for (int c = 0; c < g.inChannels(); c++) {
                    int inPlane = (b * g.inChannels() + c) * g.inPlane();
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            float w = weight[((o * g.inChannels() + c) * kh + i) * kw + j];
                            forEachTap(g, i, j, (y, iy, x0, x1, ix0) -> {
                                for (int xo = x0, ix = ix0; xo < x1; xo++, ix += g.strideWidth()) {
                                    out[outPlane + y * ow + xo] += w * x[inPlane + iy * g.inWidth() + ix];
                                }
                            });
                        }
                    }
                }
            }
        });
    }

    @Override
    public void conv2dBackwardInput(ConvGeometry g, float[] dOut, float[] weight, float[] dx, boolean accumulate) {
        int oh = g.outHeight();
        int ow = g.outWidth();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        runner.forEach(g.batch(), b -> {
            int image = b * g.inChannels() * g.inPlane();
            if (!accumulate) {
                java.util.Arrays.fill(dx, image, image + g.inChannels() * g.inPlane(), 0f);
            }
            for (int o = 0; o < g.outChannels(); o++) {
                int outPlane = (b * g.outChannels() + o) * oh * ow;
                for (int c = 0; c < g.inChannels(); c++) {
                    int inPlane = image + c * g.inPlane();
                    for (int i = 0; i < kh; i++) {
                        for (int j = 0; j < kw; j++) {
                            float w = weight[((o * g.inChannels() + c) * kh + i) * kw + j];
                            forEachTap(g, i, j, (y, iy, x0, x1, ix0) -> {
                                for (int xo = x0, ix = ix0; xo < x1; xo++, ix += g.strideWidth()) {
                                    dx[inPlane + iy * g.inWidth() + ix] += w * dOut[outPlane + y * ow + xo];
                                }
                            });
                        }
                    }
                }
            }
        });
    }

    @Override
    public void conv2dBackwardWeight(ConvGeometry g, float[] x, float[] dOut, float[] dWeight) {
        int oh = g.outHeight();
        int ow = g.outWidth();
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        runner.forEach(g.outChannels(), o -> {
            double[] sum = new double[1];
            for (int c = 0; c < g.inChannels(); c++) {
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        sum[0] = 0;
                        for (int b = 0; b < g.batch(); b++) {
                            int outPlane = (b * g.outChannels() + o) * oh * ow;
                            int inPlane = (b * g.inChannels() + c) * g.inPlane();
                            forEachTap(g, i, j, (y, iy, x0, x1, ix0) -> {
                                double s = 0;
                                for (int xo = x0, ix = ix0; xo < x1; xo++, ix += g.strideWidth()) {
                                    s += dOut[outPlane + y * ow + xo] * x[inPlane + iy * g.inWidth() + ix];
                                }
                                sum[0] += s;
                            });
                        }
                        dWeight[((o * g.inChannels() + c) * kh + i) * kw + j] += (float) sum[0];
                    }
                }
            }
        });
    }

    /** The output rows {@code y} that kernel tap (i, j) reads inside the input, with their column ranges. */
    private static void forEachTap(ConvGeometry g, int i, int j, TapRow row) {
        int y0 = ConvGeometry.firstInside(i, g.padHeight(), g.strideHeight());
        int y1 = ConvGeometry.endInside(i, g.padHeight(), g.strideHeight(), g.inHeight(), g.outHeight());
        int x0 = ConvGeometry.firstInside(j, g.padWidth(), g.strideWidth());
        int x1 = ConvGeometry.endInside(j, g.padWidth(), g.strideWidth(), g.inWidth(), g.outWidth());
        for (int y = y0; y < y1; y++) {
            row.run(y, y * g.strideHeight() - g.padHeight() + i, x0, x1, x0 * g.strideWidth() - g.padWidth() + j);
        }
    }

    /** Output row {@code y}, input row {@code iy}; outputs {@code [x0, x1)} read inputs from {@code ix0} on. */
    @FunctionalInterface
    private interface TapRow {
        void run(int y, int iy, int x0, int x1, int ix0);
    }

    @Override
    public void addChannelBias(float[] x, int batch, int channels, int positions, float[] bias) {
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < channels; c++) {
                int plane = (b * channels + c) * positions;
                for (int p = 0; p < positions; p++) {
                    x[plane + p] += bias[c];
                }
            }
        }
    }

    @Override
    public void sumChannelsInto(float[] x, int batch, int channels, int positions, float[] out) {
        for (int c = 0; c < channels; c++) {
            double total = 0;
            for (int b = 0; b < batch; b++) {
                int plane = (b * channels + c) * positions;
                for (int p = 0; p < positions; p++) {
                    total += x[plane + p];
                }
            }
            out[c] += (float) total;
        }
    }
}
