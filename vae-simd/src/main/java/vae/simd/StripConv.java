package vae.simd;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vae.core.backend.ConvGeometry;
import vae.core.backend.ParallelRunner;

/**
 * Stride-1 convolutions (a residual block's 3×3) as GEMMs whose unfolded input is never gathered:
 * a chunk of images is laid side by side in one strip per channel, sharing their zero borders
 * ({@link Strip}), and every output pixel is computed at its place in that strip, so tap
 * {@code (c, i, j)} of the strip's pixels {@code q … q+NR−1} is the NR consecutive values at
 * {@code q + offset(c, i, j)}: a forward panel is two vector loads per tap, with no per-pixel
 * copies or transposes. The price is the strip's columns that are no output pixel (the shared
 * borders and each row's last kW−1), computed and thrown away: an eighth more work for 8×8 maps
 * with padding 1, a sixteenth for 16×16 ones ({@link #applies}).
 *
 * <p>The input gradient of a stride-1 convolution is itself one, of the output gradient with the
 * kernel flipped and its channel axes swapped, padded by {@code k − 1 − p}, so it takes the same
 * path and needs no fold. The weight gradient is the GEMM of the output gradient on the strip
 * (zero at the thrown-away pixels) with the strip's taps, transposed per panel.
 *
 * <p>One difference from unfolding: a thrown-away pixel's taps may read an input value that no
 * real output's tap reads, and multiply it by a zero output gradient. So an infinite input can
 * turn weight gradients NaN that would otherwise stay finite (its forward outputs are not finite
 * either).
 *
 * <p>As in {@link SimdConv}, each chunk is one task, a batch of one chunk runs its GEMM across the
 * threads, and the weight gradient's chunks are fixed by the geometry and their partial gradients
 * added in chunk order, so no result depends on the thread count.
 */
final class StripConv {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final int VL = F.length();
    private static final int NR = GemmKernel.NR;
    /** Floats of a chunk's strip and output rows to aim for: about what the L2 cache holds. */
    private static final int CHUNK_FLOATS = 1 << 18;

    private final ParallelRunner runner;
    private final SimdGemm gemm;
    private final ThreadLocal<Buffers> buffers = ThreadLocal.withInitial(Buffers::new);
    /** The runs of one weight-gradient panel before they are transposed, per worker thread. */
    private final ThreadLocal<float[]> runScratch = ThreadLocal.withInitial(() -> new float[0]);

    StripConv(ParallelRunner runner, SimdGemm gemm) {
        this.runner = runner;
        this.gemm = gemm;
    }

    /**
     * Stride 1 and a kernel wider than one pixel (a 1×1 convolution's weight gradient ran slower
     * here than by unfolding), padded by less than the kernel (so that the input gradient's padding
     * {@code k − 1 − p} is not negative), on rows wide enough that the strip's columns per image,
     * {@code W + pW}, are at most 9/8 of its output pixels (3×3 with padding 1: maps 8 wide or
     * more): on 6×6 maps (7/6) the work thrown away already cost more than the unfolding path's copies.
     */
    static boolean applies(ConvGeometry g) {
        return g.strideHeight() == 1 && g.strideWidth() == 1 && g.kernelHeight() * g.kernelWidth() > 1
                && g.padHeight() < g.kernelHeight() && g.padWidth() < g.kernelWidth()
                && 8L * (g.inWidth() + g.padWidth()) <= 9L * g.outWidth();
    }

    /** Images per chunk: as many as keep a chunk's strip and its output rows within 1 MiB. */
    static int chunkImages(ConvGeometry g) {
        long columns = g.inWidth() + g.padWidth();
        long perImage = columns * ((long) g.inChannels() * (g.inHeight() + 2 * g.padHeight())
                + (long) g.outChannels() * g.outHeight());
        return SimdConv.evenChunks(g.batch(), CHUNK_FLOATS / perImage);
    }

    void forward(ConvGeometry g, float[] x, float[] weight, float[] out, boolean accumulate) {
        int chunks = SimdConv.chunkCount(g.batch(), chunkImages(g), runner.threads());
        if (chunks == 1) {
            Chunk ch = chunk(g, g.batch());
            runner.forEach(g.batch(), b -> ch.s.place(x, b, b, ch.strip));
            gemm.gemm(false, g.outChannels(), ch.s.columns(), g.patchSize(), weight, 0, new TapPanels(ch.s, ch.strip),
                    ch.rows, 0, false);
            runner.forEach(g.batch(), b -> ch.s.take(ch.rows, b, b, out, accumulate));
            return;
        }
        forEachChunk(g.batch(), chunks, (c, first, images) -> {
            Chunk ch = chunk(g, images);
            for (int i = 0; i < images; i++) {
                ch.s.place(x, first + i, i, ch.strip);
            }
            gemm.gemmOnThisThread(false, g.outChannels(), ch.s.columns(), g.patchSize(), weight, 0,
                    new TapPanels(ch.s, ch.strip), ch.rows, 0, false);
            for (int i = 0; i < images; i++) {
                ch.s.take(ch.rows, i, first + i, out, accumulate);
            }
        });
    }

    /** A chunk's strip and output rows, in this thread's buffers, the strip's borders zeroed. */
    private record Chunk(Strip s, float[] strip, float[] rows) {
    }

    private Chunk chunk(ConvGeometry g, int images) {
        Strip s = Strip.of(g, images);
        Buffers own = buffers.get();
        float[] strip = own.strip(s.stripSize());
        s.clearBorders(strip);
        return new Chunk(s, strip, own.rows(g.outChannels() * s.columns()));
    }

    /** Chunk c of {@code images} images from image {@code first}. */
    @FunctionalInterface
    private interface ChunkTask {
        void run(int c, int first, int images);
    }

    /** One task per chunk of the batch, the chunks as in {@link SimdConv#chunkStart}. */
    private void forEachChunk(int batch, int chunks, ChunkTask task) {
        runner.forEach(chunks, c -> {
            int first = SimdConv.chunkStart(c, chunks, batch);
            task.run(c, first, SimdConv.chunkStart(c + 1, chunks, batch) - first);
        });
    }

    /** The forward convolution of dOut with the flipped, channel-swapped kernel ({@link #transposedGeometry}). */
    void backwardInput(ConvGeometry g, float[] dOut, float[] weight, float[] dx, boolean accumulate) {
        float[] flipped = buffers.get().flipped(g.weightSize());
        flipKernel(g, weight, flipped);
        forward(transposedGeometry(g), dOut, flipped, dx, accumulate);
    }

    /** The convolution whose forward pass is g's input gradient: O → C channels on the output's planes. */
    static ConvGeometry transposedGeometry(ConvGeometry g) {
        return new ConvGeometry(g.batch(), g.outChannels(), g.outHeight(), g.outWidth(), g.inChannels(),
                g.kernelHeight(), g.kernelWidth(), 1, 1, g.kernelHeight() - 1 - g.padHeight(),
                g.kernelWidth() - 1 - g.padWidth());
    }

    /** {@code flipped[c][o][i][j] = weight[o][c][kH−1−i][kW−1−j]}. */
    static void flipKernel(ConvGeometry g, float[] weight, float[] flipped) {
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int taps = kh * kw;
        for (int o = 0; o < g.outChannels(); o++) {
            for (int c = 0; c < g.inChannels(); c++) {
                int src = (o * g.inChannels() + c) * taps;
                int dst = (c * g.outChannels() + o) * taps;
                for (int t = 0; t < taps; t++) {
                    flipped[dst + taps - 1 - t] = weight[src + t];
                }
            }
        }
    }

    /**
     * {@code dW += dOut·colᵀ} with m = O, n = taps, k = the strip's pixels. One chunk adds straight
     * into dW across the threads; several write partial gradients, added in chunk order.
     */
    void backwardWeight(ConvGeometry g, float[] x, float[] dOut, float[] dWeight) {
        int chunks = SimdConv.chunkCount(g.batch(), chunkImages(g), 1);
        int size = g.weightSize();
        if (chunks == 1) {
            Chunk ch = chunk(g, g.batch());
            ch.s.clearRows(ch.rows);
            runner.forEach(g.batch(), b -> {
                ch.s.place(x, b, b, ch.strip);
                ch.s.give(dOut, b, b, ch.rows);
            });
            gemm.gemm(false, g.outChannels(), g.patchSize(), ch.s.columns(), ch.rows, 0,
                    new PixelPanels(ch.s, ch.strip, runScratch), dWeight, 0, true);
            return;
        }
        float[] partials = buffers.get().partials(chunks * size);
        forEachChunk(g.batch(), chunks, (c, first, images) -> {
            Chunk ch = chunk(g, images);
            ch.s.clearRows(ch.rows);
            for (int i = 0; i < images; i++) {
                ch.s.place(x, first + i, i, ch.strip);
                ch.s.give(dOut, first + i, i, ch.rows);
            }
            gemm.gemmOnThisThread(false, g.outChannels(), g.patchSize(), ch.s.columns(), ch.rows, 0,
                    new PixelPanels(ch.s, ch.strip, runScratch), partials, c * size, false);
        });
        int blocks = (size + SimdConv.SUM_BLOCK - 1) / SimdConv.SUM_BLOCK;
        runner.forEach(blocks, blk -> SimdConv.addPartials(partials, chunks, size, dWeight,
                blk * SimdConv.SUM_BLOCK, Math.min(size, (blk + 1) * SimdConv.SUM_BLOCK)));
    }

    /** The forward pass's B ({@code k} = taps, {@code n} = strip pixels): two vector loads per tap. */
    private record TapPanels(Strip s, float[] strip) implements SimdGemm.PanelSource {
        @Override
        public void pack(int j0, int cols, int p0, int kc, float[] dst) {
            int[] offsets = s.tapOffset;
            for (int t = 0; t < kc; t++) {
                int src = j0 + offsets[p0 + t];
                FloatVector.fromArray(F, strip, src).intoArray(dst, t * NR);
                FloatVector.fromArray(F, strip, src + VL).intoArray(dst, t * NR + VL);
            }
        }
    }

    /**
     * The weight gradient's B ({@code k} = strip pixels, {@code n} = taps): step p is NR taps of
     * pixel p. Each tap's pixels are a run of the strip, so the panel's NR runs are copied into a
     * per-thread scratch that stays in L1 and transposed from there ({@link GemmPacking#transposeRows},
     * 16×16 in registers); a gather per pixel was slower.
     */
    private record PixelPanels(Strip s, float[] strip, ThreadLocal<float[]> scratch) implements SimdGemm.PanelSource {
        @Override
        public void pack(int j0, int cols, int p0, int kc, float[] dst) {
            float[] runs = scratch.get();
            if (runs.length < NR * kc) {
                runs = new float[NR * kc];
                scratch.set(runs);
            }
            int[] offsets = s.tapOffset;
            for (int v = 0; v < NR; v++) {
                System.arraycopy(strip, p0 + offsets[j0 + v], runs, v * kc, kc);
            }
            GemmPacking.transposeRows(runs, 0, kc, NR, NR, kc, dst, 0);
        }
    }

    /**
     * A chunk of {@code images} images side by side: channel c is a plane of {@code H + 2pH} rows
     * of {@code width = images·(W + pW) + pW} values, image b's row y at column {@code pW + b·(W + pW)}
     * of row {@code pH + y}, the pW columns between two images the right border of one and the left
     * of the next. Output pixel (b, y, x) is strip pixel {@code y·width + b·(W + pW) + x}, the
     * corner of its receptive field; the strip's pixels are its first OH rows, all columns. Tap
     * t = (c·kH + i)·kW + j reads {@code tapOffset[t] = c·plane + i·width + j} further on; the
     * table runs on past the last tap (reading tap 0) to a whole number of panels.
     */
    record Strip(ConvGeometry g, int images, int width, int plane, int[] tapOffset) {
        private static final ConcurrentHashMap<Key, Strip> CACHE = new ConcurrentHashMap<>();
        private static final int MAX_CACHED = 256;

        private record Key(ConvGeometry g, int images) {
        }

        static Strip of(ConvGeometry g, int images) {
            if (CACHE.size() > MAX_CACHED) { // a run asks for a few; a stream of new shapes must not grow it forever
                CACHE.clear();
            }
            return CACHE.computeIfAbsent(new Key(g, images), k -> make(k.g, k.images));
        }

        /** How many are cached now (for the test that the cache stays bounded). */
        static int cached() {
            return CACHE.size();
        }

        private static Strip make(ConvGeometry g, int images) {
            int width = images * (g.inWidth() + g.padWidth()) + g.padWidth();
            int plane = (g.inHeight() + 2 * g.padHeight()) * width;
            int[] tapOffset = new int[(g.patchSize() + NR - 1) / NR * NR];
            for (int c = 0; c < g.inChannels(); c++) {
                for (int i = 0; i < g.kernelHeight(); i++) {
                    for (int j = 0; j < g.kernelWidth(); j++) {
                        tapOffset[(c * g.kernelHeight() + i) * g.kernelWidth() + j] = c * plane + i * width + j;
                    }
                }
            }
            return new Strip(g, images, width, plane, tapOffset);
        }

        /** The strip's pixels: the GEMMs' n (forward) or k (weight gradient). */
        int columns() {
            return g.outHeight() * width;
        }

        /**
         * The planes and the slack read past them: the last panel's pixels (up to NR − 1 past the
         * strip's) and the taps that reach past the last row of the last plane.
         */
        int stripSize() {
            return g.inChannels() * plane + NR + g.kernelWidth();
        }

        /**
         * Zeroes every value that {@link #place} does not write: the border rows, the columns
         * between and beside the images, and the slack. The slack is read only for pixels whose
         * results are thrown away, but in the weight gradient those meet zeros, and 0·NaN would
         * not be zero, so it is never left holding an earlier call's values.
         */
        void clearBorders(float[] strip) {
            int ph = g.padHeight();
            int pw = g.padWidth();
            int step = g.inWidth() + pw;
            for (int c = 0; c < g.inChannels(); c++) {
                int base = c * plane;
                Arrays.fill(strip, base, base + ph * width, 0f);
                for (int y = 0; y < g.inHeight(); y++) {
                    int row = base + (ph + y) * width;
                    if (pw > 0) {
                        for (int b = 0; b <= images; b++) {
                            Arrays.fill(strip, row + b * step, row + b * step + pw, 0f);
                        }
                    }
                }
                Arrays.fill(strip, base + (ph + g.inHeight()) * width, base + plane, 0f);
            }
            Arrays.fill(strip, g.inChannels() * plane, stripSize(), 0f);
        }

        /** Image b of the NCHW input x into the strip's place {@code slot}. */
        void place(float[] x, int b, int slot, float[] strip) {
            int w = g.inWidth();
            int start = g.padHeight() * width + g.padWidth() + slot * (w + g.padWidth());
            for (int c = 0; c < g.inChannels(); c++) {
                int src = (b * g.inChannels() + c) * g.inPlane();
                int dst = c * plane + start;
                for (int y = 0; y < g.inHeight(); y++, src += w, dst += width) {
                    copyRow(x, src, strip, dst, w);
                }
            }
        }

        /** Image b of the NCHW output (=, or += when accumulating) from place {@code slot} of {@code rows [O, columns]}. */
        void take(float[] rows, int slot, int b, float[] out, boolean accumulate) {
            int ow = g.outWidth();
            int p = g.outPlane();
            int n = columns();
            for (int o = 0; o < g.outChannels(); o++) {
                int src = o * n + slot * (g.inWidth() + g.padWidth());
                int dst = (b * g.outChannels() + o) * p;
                for (int y = 0; y < g.outHeight(); y++, src += width, dst += ow) {
                    if (accumulate) {
                        ElementwiseKernels.axpy(1f, rows, src, out, dst, ow);
                    } else {
                        copyRow(rows, src, out, dst, ow);
                    }
                }
            }
        }

        /** Zeroes {@code rows [O, columns]}, so that the pixels {@link #give} leaves alone are zero. */
        void clearRows(float[] rows) {
            Arrays.fill(rows, 0, g.outChannels() * columns(), 0f);
        }

        /** Image b of the NCHW output gradient into place {@code slot} of {@code rows [O, columns]}. */
        void give(float[] dOut, int b, int slot, float[] rows) {
            int ow = g.outWidth();
            int n = columns();
            for (int o = 0; o < g.outChannels(); o++) {
                int src = (b * g.outChannels() + o) * g.outPlane();
                int dst = o * n + slot * (g.inWidth() + g.padWidth());
                for (int y = 0; y < g.outHeight(); y++, src += ow, dst += width) {
                    copyRow(dOut, src, rows, dst, ow);
                }
            }
        }
    }

    /** {@code n} floats from {@code src[s …]} to {@code dst[d …]}: a row is a few vectors, shorter than arraycopy pays for. */
    private static void copyRow(float[] src, int s, float[] dst, int d, int n) {
        int i = 0;
        for (; i <= n - VL; i += VL) {
            FloatVector.fromArray(F, src, s + i).intoArray(dst, d + i);
        }
        for (; i < n; i++) {
            dst[d + i] = src[s + i];
        }
    }

    /** Grow-only work buffers of one thread. */
    private static final class Buffers {
        private float[] strip = new float[0];
        private float[] rows = new float[0];
        private float[] partials = new float[0];
        private float[] flipped = new float[0];

        float[] strip(int size) {
            return strip.length >= size ? strip : (strip = new float[size]);
        }

        float[] rows(int size) {
            return rows.length >= size ? rows : (rows = new float[size]);
        }

        float[] partials(int size) {
            return partials.length >= size ? partials : (partials = new float[size]);
        }

        float[] flipped(int size) {
            return flipped.length >= size ? flipped : (flipped = new float[size]);
        }
    }
}
