package vae.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vae.core.backend.ParallelRunner;
import vae.core.spi.ConvGeometry;

/**
 * Convolution as a few large GEMMs: the batch is cut into chunks of images ({@link #chunkImages})
 * and each chunk of N = images·P output pixels (P per image) is one GEMM. The chunk's input is
 * unfolded (im2col) into a pixel-major matrix {@code col [N, C·kH·kW]}: row
 * {@code image·P + y·OW + x} holds the receptive field of that output pixel, channel by channel,
 * kernel row by kernel row. With the output and its gradient as channel rows {@code [O, N]}:
 * <pre>
 *   forward          rows = W · colᵀ           m = O, n = N,         k = C·kH·kW
 *   input gradient   dcol = drowsᵀ · W         m = N, n = C·kH·kW,   k = O        (then fold)
 *   weight gradient  dW  += drows · col        m = O, n = C·kH·kW,   k = N
 * </pre>
 * A GEMM over many images rather than one per image keeps one dimension in the hundreds or
 * thousands, where the packed kernel runs at speed; chunks rather than the whole batch keep the
 * unfolded matrix in cache. Each image's block of {@code col} is contiguous (100 KB for the
 * conv-vae's second layer), written front to back by short contiguous copies (a kernel row)
 * from zero-bordered planes, so unfolding has no bounds tests and no scattered stores; a
 * tap-major layout, tried first, wrote 512 rows 25 KB apart per image and cost as much as the
 * GEMM. The NCHW ↔ {@code [O, N]} reshuffles are copies of whole planes (pixel rows
 * {@code [N, O]} needed per-image transposes, which cost 12 % of a training step).
 *
 * <p>Unfolding, folding and reshuffling split a chunk into images, each written by one task,
 * chunks follow each other in order, and the GEMM does not depend on its thread count, so
 * neither does any result.
 */
final class SimdConv {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** One kernel row of the default kernel size 4. */
    private static final VectorSpecies<Float> ROW = FloatVector.SPECIES_128;

    private final ParallelRunner runner;
    private final SimdGemm gemm;
    /** The unfolded chunk and its channel rows {@code [O, N]}, kept per calling thread and grown as needed. */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    /** The zero-bordered planes of one image, per worker thread. */
    private final ThreadLocal<float[]> padScratch = ThreadLocal.withInitial(() -> new float[0]);

    SimdConv(ParallelRunner runner, SimdGemm gemm) {
        this.runner = runner;
        this.gemm = gemm;
    }

    /** Floats of the unfolded chunk to aim for: 1 MiB, about what the L2 cache holds. */
    private static final int CHUNK_FLOATS = 1 << 18;

    /**
     * Images per GEMM: as many as keep the unfolded chunk within 1 MiB, so it is written and read
     * back through the cache rather than memory (the whole batch of the conv-vae's second layer
     * would be 12.8 MB), while N = images·P stays in the hundreds. Depends only on the geometry.
     */
    static int chunkImages(ConvGeometry g) {
        long perImage = (long) g.outPlane() * Math.max(g.patchSize(), g.outChannels());
        return (int) Math.max(1, Math.min(g.batch(), CHUNK_FLOATS / perImage));
    }

    void forward(ConvGeometry g, float[] x, float[] weight, float[] out, boolean accumulate) {
        Taps taps = Taps.of(g);
        int chunk = chunkImages(g);
        Scratch s = scratch.get();
        float[] col = s.col(chunk * g.outPlane() * g.patchSize());
        float[] rows = s.rows(chunk * g.outPlane() * g.outChannels());
        int p = g.outPlane();
        pipeline(g.batch(), chunk,
                (b, slot) -> unfold(taps, x, b, col, slot),
                images -> gemm.gemm(false, true, g.outChannels(), images * p, g.patchSize(), weight, 0, col, 0,
                        rows, 0, false),
                (b, slot, images) -> channelRowsToImage(g, rows, images * p, slot, out, b, accumulate));
    }

    void backwardInput(ConvGeometry g, float[] dOut, float[] weight, float[] dx, boolean accumulate) {
        Taps taps = Taps.of(g);
        int chunk = chunkImages(g);
        Scratch s = scratch.get();
        float[] col = s.col(chunk * g.outPlane() * g.patchSize());
        float[] rows = s.rows(chunk * g.outPlane() * g.outChannels());
        int p = g.outPlane();
        pipeline(g.batch(), chunk,
                (b, slot) -> imageToChannelRows(g, dOut, b, rows, Math.min(chunk, g.batch() - b + slot) * p, slot),
                images -> gemm.gemm(true, false, images * p, g.patchSize(), g.outChannels(), rows, 0, weight, 0,
                        col, 0, false),
                (b, slot, images) -> fold(taps, col, slot, dx, b, accumulate));
    }

    /** Chunks are summed into dW one after another, so the order of the sum is fixed by the geometry. */
    void backwardWeight(ConvGeometry g, float[] x, float[] dOut, float[] dWeight) {
        Taps taps = Taps.of(g);
        int chunk = chunkImages(g);
        Scratch s = scratch.get();
        float[] col = s.col(chunk * g.outPlane() * g.patchSize());
        float[] rows = s.rows(chunk * g.outPlane() * g.outChannels());
        int p = g.outPlane();
        pipeline(g.batch(), chunk,
                (b, slot) -> {
                    unfold(taps, x, b, col, slot);
                    imageToChannelRows(g, dOut, b, rows, Math.min(chunk, g.batch() - b + slot) * p, slot);
                },
                images -> gemm.gemm(false, false, g.outChannels(), g.patchSize(), images * p, rows, 0, col, 0,
                        dWeight, 0, true),
                null);
    }

    /** Per-image work before a chunk's GEMM: image b goes to position {@code slot} of the chunk. */
    @FunctionalInterface
    private interface Before {
        void run(int b, int slot);
    }

    /** Per-image work after a chunk's GEMM, which covered {@code images} images. */
    @FunctionalInterface
    private interface After {
        void run(int b, int slot, int images);
    }

    /** The GEMM of a chunk of {@code images} images. */
    @FunctionalInterface
    private interface ChunkGemm {
        void run(int images);
    }

    /**
     * For each chunk of images in order: {@code before} for its images, its GEMM, {@code after}
     * for its images. The {@code after} of one chunk and the {@code before} of the next read and
     * write different buffers, so they share one parallel section: one hand-off to the threads
     * per chunk instead of two. Each task is one image, so the work is split by the data.
     */
    private void pipeline(int batch, int chunk, Before before, ChunkGemm gemmStep, After after) {
        int first = Math.min(chunk, batch);
        runner.forEach(first, i -> before.run(i, i));
        for (int b0 = 0; b0 < batch; b0 += chunk) {
            int start = b0;
            int images = Math.min(chunk, batch - b0);
            gemmStep.run(images);
            int next = b0 + chunk;
            int nextImages = Math.max(0, Math.min(chunk, batch - next));
            int afterTasks = after == null ? 0 : images;
            if (afterTasks + nextImages > 0) {
                runner.forEach(afterTasks + nextImages, t -> {
                    if (t < afterTasks) {
                        after.run(start + t, t, images);
                    } else {
                        before.run(next + t - afterTasks, t - afterTasks);
                    }
                });
            }
        }
    }

    /**
     * Image b's rows of {@code col}, the block of chunk position {@code slot}:
     * {@code col[slot·P + y·OW + x][(c·kH + i)·kW + j] =
     * in[b, c, y·sh − ph + i, x·sw − pw + j]}, zero where that falls in the padding. The image is
     * first copied into zero-bordered planes, where every kernel row of every pixel is kW
     * consecutive values.
     */
    void unfold(Taps taps, float[] x, int b, float[] col, int slot) {
        ConvGeometry g = taps.g;
        float[] padded = taps.padded(x, b, padScratch.get());
        padScratch.set(padded);
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int wp = taps.paddedWidth;
        int[] pixel = taps.pixel;
        int dst = slot * g.outPlane() * g.patchSize();
        for (int q = 0; q < g.outPlane(); q++) {
            for (int c = 0; c < g.inChannels(); c++) {
                int src = c * taps.planeSize + pixel[q];
                if (kw == ROW.length()) {
                    // The default kernel row is exactly one 128-bit vector: one load, one store.
                    for (int i = 0; i < kh; i++, src += wp, dst += kw) {
                        FloatVector.fromArray(ROW, padded, src).intoArray(col, dst);
                    }
                } else {
                    for (int i = 0; i < kh; i++, src += wp, dst += kw) {
                        for (int j = 0; j < kw; j++) {
                            col[dst + j] = padded[src + j];
                        }
                    }
                }
            }
        }
    }

    /**
     * The adjoint of {@link #unfold}: image b of {@code dx} (zeroed first unless accumulating) +=
     * the folded block {@code slot} of {@code col}, summed into zero-bordered planes whose interior is then added to dx.
     */
    void fold(Taps taps, float[] col, int slot, float[] dx, int b, boolean accumulate) {
        ConvGeometry g = taps.g;
        float[] padded = taps.zeroPadded(padScratch.get());
        padScratch.set(padded);
        int kh = g.kernelHeight();
        int kw = g.kernelWidth();
        int wp = taps.paddedWidth;
        int[] pixel = taps.pixel;
        int src = slot * g.outPlane() * g.patchSize();
        for (int q = 0; q < g.outPlane(); q++) {
            for (int c = 0; c < g.inChannels(); c++) {
                int dst = c * taps.planeSize + pixel[q];
                if (kw == ROW.length()) {
                    for (int i = 0; i < kh; i++, dst += wp, src += kw) {
                        FloatVector.fromArray(ROW, padded, dst).add(FloatVector.fromArray(ROW, col, src))
                                .intoArray(padded, dst);
                    }
                } else {
                    for (int i = 0; i < kh; i++, dst += wp, src += kw) {
                        for (int j = 0; j < kw; j++) {
                            padded[dst + j] += col[src + j];
                        }
                    }
                }
            }
        }
        taps.unpad(padded, dx, b, accumulate);
    }

    /** Image b of the NCHW output (=, or += when accumulating) from block {@code slot} of {@code rows [O, n]}. */
    private static void channelRowsToImage(ConvGeometry g, float[] rows, int n, int slot, float[] out, int b,
                                           boolean accumulate) {
        int p = g.outPlane();
        for (int o = 0; o < g.outChannels(); o++) {
            int src = o * n + slot * p;
            int dst = (b * g.outChannels() + o) * p;
            if (accumulate) {
                ElementwiseKernels.axpy(1f, rows, src, out, dst, p);
            } else {
                System.arraycopy(rows, src, out, dst, p);
            }
        }
    }

    /** Image b of an NCHW output gradient into block {@code slot} of {@code rows [O, n]}. */
    private static void imageToChannelRows(ConvGeometry g, float[] image, int b, float[] rows, int n, int slot) {
        int p = g.outPlane();
        for (int o = 0; o < g.outChannels(); o++) {
            System.arraycopy(image, (b * g.outChannels() + o) * p, rows, o * n + slot * p, p);
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

    /**
     * Where the taps of a geometry read in zero-bordered planes of {@code (H + 2ph) × (W + 2pw)}:
     * output pixel {@code y·OW + x} of tap (0, 0) reads at {@code pixel[y·OW + x] = y·sh·Wp + x·sw},
     * tap (i, j) of channel c {@code c·planeSize + i·Wp + j} further on.
     */
    record Taps(ConvGeometry g, int paddedWidth, int planeSize, int[] pixel) {
        /** By geometry: a run asks for the same few geometries over and over. */
        private static final java.util.concurrent.ConcurrentHashMap<ConvGeometry, Taps> CACHE =
                new java.util.concurrent.ConcurrentHashMap<>();

        static Taps of(ConvGeometry g) {
            return CACHE.computeIfAbsent(g, Taps::make);
        }

        private static Taps make(ConvGeometry g) {
            int wp = g.inWidth() + 2 * g.padWidth();
            int[] pixel = new int[g.outPlane()];
            for (int y = 0; y < g.outHeight(); y++) {
                for (int x = 0; x < g.outWidth(); x++) {
                    pixel[y * g.outWidth() + x] = y * g.strideHeight() * wp + x * g.strideWidth();
                }
            }
            return new Taps(g, wp, (g.inHeight() + 2 * g.padHeight()) * wp, pixel);
        }

        private float[] buffer(float[] scratch) {
            int size = g.inChannels() * planeSize;
            return scratch.length >= size ? scratch : new float[size];
        }

        /** A zeroed buffer for the planes of one image. */
        float[] zeroPadded(float[] scratch) {
            float[] padded = buffer(scratch);
            java.util.Arrays.fill(padded, 0, g.inChannels() * planeSize, 0f);
            return padded;
        }

        /**
         * Image b of x copied into zero-bordered planes. Only the border is zeroed: the interior is
         * overwritten, so whatever the buffer held before does not matter.
         */
        float[] padded(float[] x, int b, float[] scratch) {
            float[] padded = buffer(scratch);
            int ph = g.padHeight();
            int pw = g.padWidth();
            int w = g.inWidth();
            for (int c = 0; c < g.inChannels(); c++) {
                int plane = c * planeSize;
                java.util.Arrays.fill(padded, plane, plane + ph * paddedWidth, 0f);
                java.util.Arrays.fill(padded, plane + (ph + g.inHeight()) * paddedWidth, plane + planeSize, 0f);
                int src = (b * g.inChannels() + c) * g.inPlane();
                for (int y = 0; y < g.inHeight(); y++) {
                    int row = plane + (ph + y) * paddedWidth;
                    for (int i = 0; i < pw; i++) {
                        padded[row + i] = 0f;
                        padded[row + pw + w + i] = 0f;
                    }
                    System.arraycopy(x, src + y * w, padded, row + pw, w);
                }
            }
            return padded;
        }

        /** The interior of the planes into image b of x (=, or += when accumulating). */
        void unpad(float[] padded, float[] x, int b, boolean accumulate) {
            for (int c = 0; c < g.inChannels(); c++) {
                int dst = (b * g.inChannels() + c) * g.inPlane();
                int src = c * planeSize + g.padHeight() * paddedWidth + g.padWidth();
                for (int y = 0; y < g.inHeight(); y++) {
                    if (accumulate) {
                        ElementwiseKernels.axpy(1f, padded, src + y * paddedWidth, x, dst + y * g.inWidth(), g.inWidth());
                    } else {
                        System.arraycopy(padded, src + y * paddedWidth, x, dst + y * g.inWidth(), g.inWidth());
                    }
                }
            }
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
