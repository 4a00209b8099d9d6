package vae.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import vae.core.backend.ParallelRunner;
import vae.core.backend.ConvGeometry;

/**
 * Convolution as a few large GEMMs: the batch is cut into chunks of images and each chunk of
 * N = images·P output pixels (P per image) is one GEMM over the unfolded (im2col) input, the
 * pixel-major matrix {@code col [N, C·kH·kW]}: row {@code image·P + y·OW + x} holds the receptive
 * field of that output pixel, channel by channel, kernel row by kernel row. With the output and
 * its gradient as channel rows {@code [O, N]}:
 * <pre>
 *   forward          rows = W · colᵀ           m = O, n = N,         k = C·kH·kW
 *   input gradient   dcol = drowsᵀ · W         m = N, n = C·kH·kW,   k = O        (then fold)
 *   weight gradient  dW  += drows · col        m = O, n = C·kH·kW,   k = N
 * </pre>
 * In the forward pass and the weight gradient {@code col} is the GEMM's B, and it is never
 * stored: the GEMM asks for each of its packed panels ({@link SimdGemm.PanelSource}) and gets
 * them straight from the chunk's images, copied into zero-bordered planes, where every kernel
 * row of every pixel is kW consecutive values ({@link PatchColumns}, {@link PatchRows}). An
 * unfolded chunk written out first (1 MiB, sized to the L2 cache) and packed from there cost
 * as much time as the GEMM itself: writing it, then transposing it, each missed the cache. The
 * input gradient's {@code dcol} is the GEMM's output, so it is stored (by chunks of
 * {@link #chunkImages}) and folded back. A GEMM over many images rather than one per image keeps
 * one dimension in the hundreds or thousands, where the packed kernel runs at speed. The NCHW ↔
 * {@code [O, N]} reshuffles are copies of whole planes (pixel rows {@code [N, O]} needed
 * per-image transposes, which cost 12 % of a training step).
 *
 * <p>Padding, folding and reshuffling split a chunk into images, each written by one task,
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
    /** The receptive fields of one panel's pixels before they are transposed, per worker thread. */
    private final ThreadLocal<float[]> panelScratch = ThreadLocal.withInitial(() -> new float[0]);

    SimdConv(ParallelRunner runner, SimdGemm gemm) {
        this.runner = runner;
        this.gemm = gemm;
    }

    /** Floats of a chunk's buffers to aim for: 1 MiB, about what the L2 cache holds. */
    private static final int CHUNK_FLOATS = 1 << 18;

    /**
     * Images per input-gradient GEMM: as many as keep its unfolded output {@code dcol} within
     * 1 MiB, so it is written and folded back through the cache rather than memory (the whole
     * batch of the conv-vae's second layer would be 12.8 MB), while N = images·P stays in the
     * hundreds. Depends only on the geometry.
     */
    static int chunkImages(ConvGeometry g) {
        long perImage = (long) g.outPlane() * Math.max(g.patchSize(), g.outChannels());
        return (int) Math.max(1, Math.min(g.batch(), CHUNK_FLOATS / perImage));
    }

    /**
     * Images per forward or weight-gradient GEMM, whose {@code col} is packed from the images:
     * as many as keep the chunk's zero-bordered images and its channel rows within 1 MiB.
     */
    static int packedChunkImages(ConvGeometry g) {
        long paddedImage = (long) g.inChannels() * (g.inHeight() + 2 * g.padHeight()) * (g.inWidth() + 2 * g.padWidth());
        long perImage = (long) g.outPlane() * g.outChannels() + paddedImage;
        return (int) Math.max(1, Math.min(g.batch(), CHUNK_FLOATS / perImage));
    }

    void forward(ConvGeometry g, float[] x, float[] weight, float[] out, boolean accumulate) {
        Taps taps = Taps.of(g);
        int chunk = packedChunkImages(g);
        Scratch s = scratch.get();
        float[] padded = s.padded(chunk * taps.imageSize());
        float[] rows = s.rows(chunk * g.outPlane() * g.outChannels());
        int p = g.outPlane();
        PatchColumns colT = new PatchColumns(taps, padded, panelScratch);
        pipeline(g.batch(), chunk,
                (b, slot) -> taps.padInto(x, b, padded, slot * taps.imageSize()),
                images -> gemm.gemm(false, g.outChannels(), images * p, g.patchSize(), weight, 0, colT,
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
        int chunk = packedChunkImages(g);
        Scratch s = scratch.get();
        float[] padded = s.padded(chunk * taps.imageSize());
        float[] rows = s.rows(chunk * g.outPlane() * g.outChannels());
        int p = g.outPlane();
        PatchRows col = new PatchRows(taps, padded);
        pipeline(g.batch(), chunk,
                (b, slot) -> {
                    taps.padInto(x, b, padded, slot * taps.imageSize());
                    imageToChannelRows(g, dOut, b, rows, Math.min(chunk, g.batch() - b + slot) * p, slot);
                },
                images -> gemm.gemm(false, g.outChannels(), g.patchSize(), images * p, rows, 0, col,
                        dWeight, 0, true),
                null);
    }

    /**
     * The panels of {@code colᵀ} (k = taps, n = pixels: the forward pass's B) from a chunk of
     * zero-bordered images: each of the panel's pixels gets its receptive field over the slice of
     * taps, one kernel row per copy, into a per-thread scratch of NR rows that stays in L1, which is
     * then transposed into the panel.
     */
    private record PatchColumns(Taps taps, float[] padded, ThreadLocal<float[]> scratch)
            implements SimdGemm.PanelSource {
        @Override
        public void pack(int j0, int cols, int p0, int kc, float[] dst) {
            float[] fields = scratch.get();
            if (fields.length < GemmKernel.NR * kc) {
                fields = new float[GemmKernel.NR * kc];
                scratch.set(fields);
            }
            for (int r = 0; r < cols; r++) {
                taps.copyTaps(padded, taps.pixelInChunk(j0 + r), p0, kc, fields, r * kc);
            }
            GemmPacking.transposeRows(fields, 0, kc, cols, GemmKernel.NR, kc, dst, 0);
        }
    }

    /**
     * The panels of {@code col} (k = pixels, n = taps: the weight gradient's B) from a chunk of
     * zero-bordered images: step p of a panel is NR consecutive taps of pixel p, which is how a
     * receptive field lies, so each step is copied straight into place, one kernel row per copy.
     * Columns past the last tap read tap 0 again (the tap table is padded with it).
     */
    private record PatchRows(Taps taps, float[] padded) implements SimdGemm.PanelSource {
        @Override
        public void pack(int j0, int cols, int p0, int kc, float[] dst) {
            for (int p = 0; p < kc; p++) {
                taps.copyTaps(padded, taps.pixelInChunk(p0 + p), j0, GemmKernel.NR, dst, p * GemmKernel.NR);
            }
        }
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
     * The adjoint of unfolding: image b of {@code dx} (zeroed first unless accumulating) += the
     * folded block {@code slot} of {@code col} (laid out as in the class comment), summed into
     * zero-bordered planes whose interior is then added to dx.
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

    /** Adds {@code bias[c]} to every value of channel c of image b. */
    static void addChannelBias(float[] x, int b, int channels, int positions, float[] bias) {
        int bound = F.loopBound(positions);
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

    /** {@code out[c] +=} the sum of channel c over the batch, image after image in double. */
    static void sumChannelInto(float[] x, int batch, int channels, int c, int positions, float[] out) {
        double total = 0;
        float[] lanes = new float[F.length()];
        for (int b = 0; b < batch; b++) {
            total += ElementwiseKernels.sum(x, (b * channels + c) * positions, positions, lanes);
        }
        out[c] += (float) total;
    }

    /**
     * Where the taps of a geometry read in zero-bordered planes of {@code (H + 2ph) × (W + 2pw)}:
     * output pixel {@code y·OW + x} of tap (0, 0) reads at {@code pixel[y·OW + x] = y·sh·Wp + x·sw},
     * tap {@code t = (c·kH + i)·kW + j} at {@code tapOffset[t] = c·planeSize + i·Wp + j} further on.
     * In a chunk of such images ({@link #imageSize} floats apart), pixel q of the chunk reads from
     * {@code chunkPixel[q]}. Both tables run on past their end (tap 0, image 0) to a whole number
     * of panels, so a panel can be copied in whole vectors.
     */
    record Taps(ConvGeometry g, int paddedWidth, int planeSize, int[] pixel, int[] tapOffset, int[] chunkPixel) {
        /** By geometry: a run asks for the same few geometries over and over. */
        private static final java.util.concurrent.ConcurrentHashMap<ConvGeometry, Taps> CACHE =
                new java.util.concurrent.ConcurrentHashMap<>();

        static Taps of(ConvGeometry g) {
            return CACHE.computeIfAbsent(g, Taps::make);
        }

        private static Taps make(ConvGeometry g) {
            int wp = g.inWidth() + 2 * g.padWidth();
            int planeSize = (g.inHeight() + 2 * g.padHeight()) * wp;
            int[] pixel = new int[g.outPlane()];
            for (int y = 0; y < g.outHeight(); y++) {
                for (int x = 0; x < g.outWidth(); x++) {
                    pixel[y * g.outWidth() + x] = y * g.strideHeight() * wp + x * g.strideWidth();
                }
            }
            int[] tapOffset = new int[roundUp(g.patchSize(), GemmKernel.NR)];
            for (int c = 0; c < g.inChannels(); c++) {
                for (int i = 0; i < g.kernelHeight(); i++) {
                    for (int j = 0; j < g.kernelWidth(); j++) {
                        tapOffset[(c * g.kernelHeight() + i) * g.kernelWidth() + j] = c * planeSize + i * wp + j;
                    }
                }
            }
            int chunk = packedChunkImages(g);
            int[] chunkPixel = new int[roundUp(chunk * g.outPlane(), GemmKernel.NR)];
            for (int q = 0; q < chunk * g.outPlane(); q++) {
                chunkPixel[q] = q / g.outPlane() * g.inChannels() * planeSize + pixel[q % g.outPlane()];
            }
            return new Taps(g, wp, planeSize, pixel, tapOffset, chunkPixel);
        }

        private static int roundUp(int n, int multiple) {
            return (n + multiple - 1) / multiple * multiple;
        }

        /** Floats of one image's zero-bordered planes. */
        int imageSize() {
            return g.inChannels() * planeSize;
        }

        /** Where pixel q of a chunk (image q / P, pixel q mod P) reads tap 0 in the chunk's images. */
        int pixelInChunk(int q) {
            return chunkPixel[q];
        }

        /**
         * Taps {@code t0 … t0+count−1} of the pixel whose tap 0 is at {@code padded[base]}, into
         * {@code dst[d …]}: one 128-bit copy per kernel row of the default kernel width 4 when the
         * taps start on a row, one float at a time otherwise.
         */
        void copyTaps(float[] padded, int base, int t0, int count, float[] dst, int d) {
            int[] offsets = tapOffset;
            if (g.kernelWidth() == ROW.length() && t0 % ROW.length() == 0 && count % ROW.length() == 0) {
                for (int t = 0; t < count; t += ROW.length()) {
                    FloatVector.fromArray(ROW, padded, base + offsets[t0 + t]).intoArray(dst, d + t);
                }
            } else {
                for (int t = 0; t < count; t++) {
                    dst[d + t] = padded[base + offsets[t0 + t]];
                }
            }
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
         * Image b of x copied into zero-bordered planes at {@code padded[d …]}. Only the border is
         * zeroed: the interior is overwritten, so whatever the buffer held before does not matter.
         */
        void padInto(float[] x, int b, float[] padded, int d) {
            int ph = g.padHeight();
            int pw = g.padWidth();
            int w = g.inWidth();
            for (int c = 0; c < g.inChannels(); c++) {
                int plane = d + c * planeSize;
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
        private float[] padded = new float[0];

        float[] padded(int size) {
            if (padded.length < size) {
                padded = new float[size];
            }
            return padded;
        }

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
