package vae.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vae.core.backend.ParallelRunner;
import vae.core.spi.ConvGeometry;

/**
 * Convolution as one GEMM over the whole batch. The input is unfolded (im2col) into a
 * tap-major matrix {@code col [C·kH·kW, B·P]} (P = output pixels per image): row {@code (c, i, j)}
 * holds, for every output pixel of every image, the input value kernel tap (i, j) of channel c
 * sees there. Then, with the output and its gradient seen as {@code [O, B·P]}:
 * <pre>
 *   forward          out'  = W · col           m = O,      n = B·P,    k = C·kH·kW
 *   input gradient   dcol  = Wᵀ · dout'        m = C·kH·kW, n = B·P,   k = O     (then col2im)
 *   weight gradient  dW   += dout' · colᵀ      m = O,      n = C·kH·kW, k = B·P
 * </pre>
 * One GEMM per call rather than one per image keeps n (or k) in the thousands, where the packed
 * kernel runs at speed. The tap-major layout makes every unfold row a contiguous run of output
 * pixels, and turns the NCHW ↔ {@code [O, B·P]} reshuffles into copies of whole planes.
 *
 * <p>Unfolding and folding split the batch into images, each written by one task, and the GEMM
 * does not depend on its thread count, so neither does any result.
 */
final class SimdConv {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private final ParallelRunner runner;
    private final SimdGemm gemm;
    /** The unfolded input and the output in {@code [O, B·P]}, kept per calling thread and grown as needed. */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);

    SimdConv(ParallelRunner runner, SimdGemm gemm) {
        this.runner = runner;
        this.gemm = gemm;
    }

    void forward(ConvGeometry g, float[] x, float[] weight, float[] out, boolean accumulate) {
        Scratch s = scratch.get();
        int n = g.batch() * g.outPlane();
        float[] col = s.col(g.patchSize() * n);
        float[] rows = s.rows(g.outChannels() * n);
        runner.forEach(g.batch(), b -> unfold(g, x, col, b));
        gemm.gemm(false, false, g.outChannels(), n, g.patchSize(), weight, 0, col, 0, rows, 0, false);
        runner.forEach(g.batch(), b -> channelRowsToImage(g, rows, out, b, accumulate));
    }

    void backwardInput(ConvGeometry g, float[] dOut, float[] weight, float[] dx, boolean accumulate) {
        Scratch s = scratch.get();
        int n = g.batch() * g.outPlane();
        float[] col = s.col(g.patchSize() * n);
        float[] rows = s.rows(g.outChannels() * n);
        runner.forEach(g.batch(), b -> imageToChannelRows(g, dOut, rows, b));
        gemm.gemm(true, false, g.patchSize(), n, g.outChannels(), weight, 0, rows, 0, col, 0, false);
        runner.forEach(g.batch(), b -> fold(g, col, dx, b, accumulate));
    }

    void backwardWeight(ConvGeometry g, float[] x, float[] dOut, float[] dWeight) {
        Scratch s = scratch.get();
        int n = g.batch() * g.outPlane();
        float[] col = s.col(g.patchSize() * n);
        float[] rows = s.rows(g.outChannels() * n);
        runner.forEach(g.batch(), b -> {
            unfold(g, x, col, b);
            imageToChannelRows(g, dOut, rows, b);
        });
        gemm.gemm(false, true, g.outChannels(), g.patchSize(), n, rows, 0, col, 0, dWeight, 0, true);
    }

    /**
     * Image b's columns of {@code col}: {@code col[(c·kH + i)·kW + j][b·P + y·OW + x] =
     * in[b, c, y·sh − ph + i, x·sw − pw + j]}, zero where that falls in the padding.
     */
    static void unfold(ConvGeometry g, float[] x, float[] col, int b) {
        int n = g.batch() * g.outPlane();
        int ow = g.outWidth();
        int sw = g.strideWidth();
        for (int c = 0; c < g.inChannels(); c++) {
            int plane = (b * g.inChannels() + c) * g.inPlane();
            for (int i = 0; i < g.kernelHeight(); i++) {
                int y0 = ConvGeometry.firstInside(i, g.padHeight(), g.strideHeight());
                int y1 = ConvGeometry.endInside(i, g.padHeight(), g.strideHeight(), g.inHeight(), g.outHeight());
                for (int j = 0; j < g.kernelWidth(); j++) {
                    int x0 = ConvGeometry.firstInside(j, g.padWidth(), sw);
                    int x1 = ConvGeometry.endInside(j, g.padWidth(), sw, g.inWidth(), ow);
                    int row = ((c * g.kernelHeight() + i) * g.kernelWidth() + j) * n + b * g.outPlane();
                    for (int y = 0; y < g.outHeight(); y++) {
                        int dst = row + y * ow;
                        if (y < y0 || y >= y1 || x0 >= x1) {
                            java.util.Arrays.fill(col, dst, dst + ow, 0f);
                            continue;
                        }
                        int src = plane + (y * g.strideHeight() - g.padHeight() + i) * g.inWidth()
                                + x0 * sw - g.padWidth() + j;
                        for (int xo = 0; xo < x0; xo++) {
                            col[dst + xo] = 0f;
                        }
                        if (sw == 1) {
                            System.arraycopy(x, src, col, dst + x0, x1 - x0);
                        } else {
                            for (int xo = x0; xo < x1; xo++, src += sw) {
                                col[dst + xo] = x[src];
                            }
                        }
                        for (int xo = x1; xo < ow; xo++) {
                            col[dst + xo] = 0f;
                        }
                    }
                }
            }
        }
    }

    /** The adjoint of {@link #unfold}: image b of {@code dx} (zeroed first unless accumulating) += folded {@code col}. */
    static void fold(ConvGeometry g, float[] col, float[] dx, int b, boolean accumulate) {
        int n = g.batch() * g.outPlane();
        int ow = g.outWidth();
        int sw = g.strideWidth();
        int image = b * g.inChannels() * g.inPlane();
        if (!accumulate) {
            java.util.Arrays.fill(dx, image, image + g.inChannels() * g.inPlane(), 0f);
        }
        for (int c = 0; c < g.inChannels(); c++) {
            int plane = image + c * g.inPlane();
            for (int i = 0; i < g.kernelHeight(); i++) {
                int y0 = ConvGeometry.firstInside(i, g.padHeight(), g.strideHeight());
                int y1 = ConvGeometry.endInside(i, g.padHeight(), g.strideHeight(), g.inHeight(), g.outHeight());
                for (int j = 0; j < g.kernelWidth(); j++) {
                    int x0 = ConvGeometry.firstInside(j, g.padWidth(), sw);
                    int x1 = ConvGeometry.endInside(j, g.padWidth(), sw, g.inWidth(), ow);
                    int row = ((c * g.kernelHeight() + i) * g.kernelWidth() + j) * n + b * g.outPlane();
                    for (int y = y0; y < y1; y++) {
                        int src = row + y * ow;
                        int dst = plane + (y * g.strideHeight() - g.padHeight() + i) * g.inWidth()
                                + x0 * sw - g.padWidth() + j;
                        for (int xo = x0; xo < x1; xo++, dst += sw) {
                            dx[dst] += col[src + xo];
                        }
                    }
                }
            }
        }
    }

    /** Image b of the NCHW output (=, or += when accumulating) from {@code rows [O, B·P]}. */
    private static void channelRowsToImage(ConvGeometry g, float[] rows, float[] out, int b, boolean accumulate) {
        int p = g.outPlane();
        int n = g.batch() * p;
        for (int o = 0; o < g.outChannels(); o++) {
            int src = o * n + b * p;
            int dst = (b * g.outChannels() + o) * p;
            if (accumulate) {
                ElementwiseKernels.axpy(1f, rows, src, out, dst, p);
            } else {
                System.arraycopy(rows, src, out, dst, p);
            }
        }
    }

    /** Image b of an NCHW output gradient into {@code rows [O, B·P]}. */
    private static void imageToChannelRows(ConvGeometry g, float[] image, float[] rows, int b) {
        int p = g.outPlane();
        int n = g.batch() * p;
        for (int o = 0; o < g.outChannels(); o++) {
            System.arraycopy(image, (b * g.outChannels() + o) * p, rows, o * n + b * p, p);
        }
    }

    static void addChannelBias(float[] x, int batch, int channels, int positions, float[] bias) {
        int bound = F.loopBound(positions);
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < channels; c++) {
                int plane = (b * channels + c) * positions;
                float v = bias[c];
                FloatVector vb = FloatVector.broadcast(F, v);
                int p = 0;
                for (; p < bound; p += F.length()) {
                    FloatVector.fromArray(F, x, plane + p).add(vb).intoArray(x, plane + p);
                }
                for (; p < positions; p++) {
                    x[plane + p] += v;
                }
            }
        }
    }

    static void sumChannelsInto(float[] x, int batch, int channels, int positions, float[] out) {
        for (int c = 0; c < channels; c++) {
            double total = 0;
            for (int b = 0; b < batch; b++) {
                total += ElementwiseKernels.sum(x, (b * channels + c) * positions, positions);
            }
            out[c] += (float) total;
        }
    }

    /** Grow-only work buffers of one calling thread. */
    private static final class Scratch {
        private float[] col = new float[0];
        private float[] rows = new float[0];

        float[] col(int size) {
            if (col.length < size) {
                col = new float[size];
            }
            return col;
        }

        float[] rows(int size) {
            if (rows.length < size) {
                rows = new float[size];
            }
            return rows;
        }
    }
}
