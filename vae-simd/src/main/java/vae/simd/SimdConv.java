package vae.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
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
 * <p>Threads share the work by chunks: each chunk is one task that pads, multiplies (its GEMM on
 * that thread alone) and folds or reshuffles its own images into per-thread buffers, so a call
 * hands work to the threads once rather than twice per chunk, and no GEMM waits for the slower
 * of two halves. Chunks are as even as the batch allows ({@link #chunkCount}). A batch of one
 * chunk runs its GEMM across the threads instead. A GEMM's bits do not depend on how it is cut,
 * and the weight gradient sums the chunks' partial gradients in chunk order, so no result depends
 * on the thread count.
 */
final class SimdConv {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    /** One kernel row of the default kernel size 4. */
    private static final VectorSpecies<Float> ROW = FloatVector.SPECIES_128;

    private final ParallelRunner runner;
    private final SimdGemm gemm;
    /** The stride-1 convolutions ({@link StripConv#applies}). */
    private final StripConv strip;
    /** The unfolded chunk and its channel rows {@code [O, N]}, kept per calling thread and grown as needed. */
    private final ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(Scratch::new);
    /** The zero-bordered planes of one image, per worker thread. */
    private final ThreadLocal<float[]> padScratch = ThreadLocal.withInitial(() -> new float[0]);
    /** The receptive fields of one panel's pixels before they are transposed, per worker thread. */
    private final ThreadLocal<float[]> panelScratch = ThreadLocal.withInitial(() -> new float[0]);

    SimdConv(ParallelRunner runner, SimdGemm gemm) {
        this.runner = runner;
        this.gemm = gemm;
        this.strip = new StripConv(runner, gemm);
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
        return evenChunks(g.batch(), CHUNK_FLOATS / perImage);
    }

    /**
     * At most {@code most} images per chunk, in as few chunks as that allows, of equal sizes
     * (within one image): the chunks are the tasks the threads share, so equal ones keep them
     * equally busy (128 images at most 23 a chunk: 6 chunks of 22 or 18, not 5 of 23 and one of 13).
     */
    static int evenChunks(int batch, long most) {
        int chunks = chunkCount(batch, most, 1);
        return (batch + chunks - 1) / chunks;
    }

    /**
     * How many chunks to cut a batch into, with at most {@code most} images each: as few as that
     * allows, rounded up to a multiple of {@code tasks} where the batch allows (13 chunks become
     * 14 for two threads), chunk c holding images {@link #chunkStart}(c) up to chunkStart(c + 1).
     * A multiple of the thread count only for the forward pass and the input gradient, whose
     * results do not depend on the chunks; the weight gradient's sums do, so it passes 1.
     */
    static int chunkCount(int batch, long most, int tasks) {
        int max = (int) Math.max(1, Math.min(batch, most));
        int chunks = (batch + max - 1) / max;
        if (chunks > 1 && tasks > 1) {
            chunks = Math.min(batch, (chunks + tasks - 1) / tasks * tasks);
        }
        return chunks;
    }

    /** The first image of chunk c of {@code chunks} (c = chunks gives the batch). */
    static int chunkStart(int c, int chunks, int batch) {
        return (int) ((long) c * batch / chunks);
    }

    /**
     * Images per forward or weight-gradient GEMM, whose {@code col} is packed from the images:
     * as many as keep the chunk's zero-bordered images and its channel rows within 1 MiB.
     */
    static int packedChunkImages(ConvGeometry g) {
        long paddedImage = (long) g.inChannels() * (g.inHeight() + 2 * g.padHeight()) * (g.inWidth() + 2 * g.padWidth());
        long perImage = (long) g.outPlane() * g.outChannels() + paddedImage;
        return evenChunks(g.batch(), CHUNK_FLOATS / perImage);
    }

    /**
     * A 1×1 convolution of stride 1 without padding (a residual block's second one) whose planes
     * are whole vectors: its unfolded input is the images as they lie, channel after channel, so
     * its GEMMs take their panels straight from the NCHW array ({@link ImageColumns}), with no
     * zero-bordered copy, tap gathers or fold. Each output is the same sum over the same k in the
     * same order as on the unfolding path, so the bits are too.
     */
    static boolean pointwise(ConvGeometry g) {
        return g.kernelHeight() == 1 && g.kernelWidth() == 1 && g.strideHeight() == 1 && g.strideWidth() == 1
                && g.padHeight() == 0 && g.padWidth() == 0 && g.outPlane() % F.length() == 0;
    }

    /**
     * {@code rows [m, N] = op(A)·B} with B the batch's images as {@code [k, N]} (N = batch·P, k
     * their channels), one GEMM across the threads, then each image's channel rows copied (or
     * added) into its NCHW planes of {@code out}.
     */
    private void pointwiseGemm(ConvGeometry g, boolean transA, int m, int k, float[] a, float[] images,
                               float[] out, boolean accumulate) {
        int p = g.outPlane();
        int n = g.batch() * p;
        float[] rows = scratch.get().rows(m * n);
        gemm.gemm(transA, m, n, k, a, 0, new ImageColumns(images, k, p), rows, 0, false);
        runner.forEach(g.batch(), b -> {
            for (int r = 0; r < m; r++) {
                int dst = (b * m + r) * p;
                if (accumulate) {
                    ElementwiseKernels.axpy(1f, rows, r * n + b * p, out, dst, p);
                } else {
                    System.arraycopy(rows, r * n + b * p, out, dst, p);
                }
            }
        });
    }

    /**
     * The panels of a batch of NCHW images read as the matrix {@code [channels, batch·P]}: column
     * {@code b·P + q} of row c is pixel q of channel c of image b. P is a whole number of vectors,
     * so every vector of a panel lies inside one image's plane and is one load.
     */
    private record ImageColumns(float[] images, int channels, int plane) implements SimdGemm.PanelSource {
        @Override
        public void pack(int j0, int cols, int p0, int kc, float[] dst) {
            for (int v = 0; v < cols; v += F.length()) {
                int column = j0 + v;
                int src = ((column / plane) * channels + p0) * plane + column % plane;
                for (int c = 0; c < kc; c++, src += plane) {
                    FloatVector.fromArray(F, images, src).intoArray(dst, c * GemmKernel.NR + v);
                }
            }
        }
    }

    void forward(ConvGeometry g, float[] x, float[] weight, float[] out, boolean accumulate) {
        if (pointwise(g)) {
            pointwiseGemm(g, false, g.outChannels(), g.inChannels(), weight, x, out, accumulate);
            return;
        }
        if (StripConv.applies(g)) {
            strip.forward(g, x, weight, out, accumulate);
            return;
        }
        Taps taps = Taps.of(g);
        int chunks = chunkCount(g.batch(), packedChunkImages(g), runner.threads());
        int chunk = (g.batch() + chunks - 1) / chunks;
        int p = g.outPlane();
        if (chunks == 1) {
            Scratch s = scratch.get();
            float[] padded = s.padded(chunk * taps.imageSize() + F.length());
            float[] rows = s.rows(chunk * p * g.outChannels());
            runner.forEach(g.batch(), b -> taps.padInto(x, b, padded, b * taps.imageSize()));
            gemm.gemm(false, g.outChannels(), g.batch() * p, g.patchSize(), weight, 0,
                    new PatchColumns(taps, padded, panelScratch), rows, 0, false);
            runner.forEach(g.batch(), b -> channelRowsToImage(g, rows, g.batch() * p, b, out, b, accumulate));
            return;
        }
        int paddedSize = chunk * taps.imageSize() + F.length();
        int rowsSize = chunk * p * g.outChannels();
        chunked(g.batch(), chunks,
                (b, slot, images) -> taps.padInto(x, b, scratch.get().padded(paddedSize), slot * taps.imageSize()),
                (c, images) -> gemm.gemmOnThisThread(false, g.outChannels(), images * p, g.patchSize(), weight, 0,
                        new PatchColumns(taps, scratch.get().padded(paddedSize), panelScratch),
                        scratch.get().rows(rowsSize), 0, false),
                (b, slot, images) -> channelRowsToImage(g, scratch.get().rows(rowsSize), images * p, slot, out, b,
                        accumulate));
    }

    void backwardInput(ConvGeometry g, float[] dOut, float[] weight, float[] dx, boolean accumulate) {
        if (pointwise(g)) {
            pointwiseGemm(g, true, g.inChannels(), g.outChannels(), weight, dOut, dx, accumulate);
            return;
        }
        if (StripConv.applies(g)) {
            strip.backwardInput(g, dOut, weight, dx, accumulate);
            return;
        }
        Taps taps = Taps.of(g);
        int chunks = chunkCount(g.batch(), chunkImages(g), runner.threads());
        int chunk = (g.batch() + chunks - 1) / chunks;
        int p = g.outPlane();
        if (chunks == 1) {
            Scratch s = scratch.get();
            float[] col = s.col(chunk * p * g.patchSize());
            float[] rows = s.rows(chunk * p * g.outChannels());
            runner.forEach(g.batch(), b -> imageToChannelRows(g, dOut, b, rows, g.batch() * p, b));
            gemm.gemm(true, false, g.batch() * p, g.patchSize(), g.outChannels(), rows, 0, weight, 0, col, 0, false);
            runner.forEach(g.batch(), b -> fold(taps, col, b, dx, b, accumulate));
            return;
        }
        int colSize = chunk * p * g.patchSize();
        int rowsSize = chunk * p * g.outChannels();
        chunked(g.batch(), chunks,
                (b, slot, images) -> imageToChannelRows(g, dOut, b, scratch.get().rows(rowsSize), images * p, slot),
                (c, images) -> gemm.gemmOnThisThread(true, false, images * p, g.patchSize(), g.outChannels(),
                        scratch.get().rows(rowsSize), 0, weight, 0, scratch.get().col(colSize), 0, false),
                (b, slot, images) -> fold(taps, scratch.get().col(colSize), slot, dx, b, accumulate));
    }

    /**
     * With one chunk, its GEMM adds to dW directly (split across the threads). With several, each
     * chunk's GEMM writes a partial gradient of its own (the chunks run in parallel, one per task),
     * and then every element of dW gets the partials added in chunk order: the chunks and so the
     * order of every sum are fixed by the geometry, never by the thread count.
     */
    void backwardWeight(ConvGeometry g, float[] x, float[] dOut, float[] dWeight) {
        if (StripConv.applies(g)) {
            strip.backwardWeight(g, x, dOut, dWeight);
            return;
        }
        Taps taps = Taps.of(g);
        int chunks = chunkCount(g.batch(), packedChunkImages(g), 1);
        int chunk = (g.batch() + chunks - 1) / chunks;
        int p = g.outPlane();
        int size = g.weightSize();
        if (chunks == 1) {
            Scratch s = scratch.get();
            float[] padded = s.padded(chunk * taps.imageSize() + F.length());
            float[] rows = s.rows(chunk * p * g.outChannels());
            runner.forEach(g.batch(), b -> {
                taps.padInto(x, b, padded, b * taps.imageSize());
                imageToChannelRows(g, dOut, b, rows, g.batch() * p, b);
            });
            gemm.gemm(false, g.outChannels(), g.patchSize(), g.batch() * p, rows, 0, new PatchRows(taps, padded),
                    dWeight, 0, true);
            return;
        }
        float[] partials = scratch.get().partials(chunks * size);
        int paddedSize = chunk * taps.imageSize() + F.length();
        int rowsSize = chunk * p * g.outChannels();
        chunked(g.batch(), chunks,
                (b, slot, images) -> {
                    taps.padInto(x, b, scratch.get().padded(paddedSize), slot * taps.imageSize());
                    imageToChannelRows(g, dOut, b, scratch.get().rows(rowsSize), images * p, slot);
                },
                (c, images) -> gemm.gemmOnThisThread(false, g.outChannels(), g.patchSize(), images * p,
                        scratch.get().rows(rowsSize), 0, new PatchRows(taps, scratch.get().padded(paddedSize)),
                        partials, c * size, false),
                null);
        int blocks = (size + SUM_BLOCK - 1) / SUM_BLOCK;
        runner.forEach(blocks, blk -> addPartials(partials, chunks, size, dWeight, blk * SUM_BLOCK,
                Math.min(size, (blk + 1) * SUM_BLOCK)));
    }

    /** Per-image work of a chunk of {@code images} images: image b is the chunk's image {@code slot}. */
    @FunctionalInterface
    private interface PerImage {
        void run(int b, int slot, int images);
    }

    /** The GEMM of chunk {@code chunk}, of {@code images} images, on the calling thread. */
    @FunctionalInterface
    private interface ChunkGemm {
        void run(int chunk, int images);
    }

    /**
     * One task per chunk: {@code before} for each of its images, its GEMM, then {@code after} (if
     * any) for each image. The three stages are called through these shared interfaces on
     * purpose: the call sites see every convolution's lambdas, so C2 compiles each stage on its
     * own (as the per-image tasks were before) rather than inlining the fold and the padding into
     * one large task per convolution; paired, the second layer's input gradient ran 1.04× faster
     * this way. Each stage fetches its thread's buffers ({@link #scratch}), the same ones within a
     * task.
     */
    private void chunked(int batch, int chunks, PerImage before, ChunkGemm gemmStep, PerImage after) {
        runner.forEach(chunks, c -> {
            int b0 = chunkStart(c, chunks, batch);
            int images = chunkStart(c + 1, chunks, batch) - b0;
            for (int i = 0; i < images; i++) {
                before.run(b0 + i, i, images);
            }
            gemmStep.run(c, images);
            if (after != null) {
                for (int i = 0; i < images; i++) {
                    after.run(b0 + i, i, images);
                }
            }
        });
    }

    /** Weights per task of the partial gradients' sum. */
    static final int SUM_BLOCK = 4096;

    /** {@code dW[e] += partial[0][e] + partial[1][e] + …} for e in [from, to), left to right. */
    static void addPartials(float[] partials, int chunks, int size, float[] dW, int from, int to) {
        int e = from;
        for (int bound = from + F.loopBound(to - from); e < bound; e += F.length()) {
            FloatVector sum = FloatVector.fromArray(F, dW, e);
            for (int c = 0; c < chunks; c++) {
                sum = sum.add(FloatVector.fromArray(F, partials, c * size + e));
            }
            sum.intoArray(dW, e);
        }
        for (; e < to; e++) {
            float sum = dW[e];
            for (int c = 0; c < chunks; c++) {
                sum += partials[c * size + e];
            }
            dW[e] = sum;
        }
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
        // A kernel row of 2 or 3 taps (3x3 kernels) as one masked 4-lane add: each value still gets
        // its terms in the same order, so the bits are those of the scalar loop.
        boolean maskedRows = kw > 1 && kw < ROW.length();
        VectorMask<Float> row = VectorMask.fromLong(ROW, (1L << Math.min(kw, ROW.length())) - 1);
        for (int q = 0; q < g.outPlane(); q++) {
            for (int c = 0; c < g.inChannels(); c++) {
                int dst = c * taps.planeSize + pixel[q];
                if (kw == ROW.length()) {
                    for (int i = 0; i < kh; i++, dst += wp, src += kw) {
                        FloatVector.fromArray(ROW, padded, dst).add(FloatVector.fromArray(ROW, col, src))
                                .intoArray(padded, dst);
                    }
                } else if (maskedRows) {
                    for (int i = 0; i < kh; i++, dst += wp, src += kw) {
                        FloatVector.fromArray(ROW, padded, dst, row).add(FloatVector.fromArray(ROW, col, src, row))
                                .intoArray(padded, dst, row);
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
    record Taps(ConvGeometry g, int paddedWidth, int planeSize, int[] pixel, int[] tapOffset, int[] chunkPixel,
                boolean[] inside) {
        /** By geometry: a run asks for the same few geometries over and over. */
        private static final java.util.concurrent.ConcurrentHashMap<ConvGeometry, Taps> CACHE =
                new java.util.concurrent.ConcurrentHashMap<>();
        private static final int MAX_CACHED = 256;

        static Taps of(ConvGeometry g) {
            if (CACHE.size() > MAX_CACHED) { // a run asks for a few; a stream of new shapes must not grow it forever
                CACHE.clear();
            }
            return CACHE.computeIfAbsent(g, Taps::make);
        }

        /** How many are cached now (for the test that the cache stays bounded). */
        static int cached() {
            return CACHE.size();
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
            // Lanes of a padded row (two vectors' worth) that hold the image rather than the border.
            boolean[] inside = new boolean[2 * F.length()];
            for (int i = g.padWidth(); i < Math.min(inside.length, g.padWidth() + g.inWidth()); i++) {
                inside[i] = true;
            }
            return new Taps(g, wp, planeSize, pixel, tapOffset, chunkPixel, inside);
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
            // A vector of slack, so that the last rows can be read as whole vectors (unpad).
            return scratch.length >= size + F.length() ? scratch : new float[size + F.length()];
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
            // A padded row in one or two whole vectors: the row with its neighbours' values either
            // side, those lanes zeroed (the mask of interior lanes is {@code inside}); lanes past
            // the row land on the next row, which is written after it, the last row's on the
            // bottom border, zeroed after it, so they must fit there: other tasks may be writing
            // the next image's planes. Rows whose vectors would read outside x are copied exactly.
            int vl = F.length();
            int vectors = paddedWidth <= vl ? 1 : paddedWidth <= 2 * vl ? 2 : 0;
            boolean vectorRows = vectors > 0 && vectors * vl - paddedWidth <= ph * paddedWidth;
            VectorMask<Float> inside0 = VectorMask.fromArray(F, inside, 0);
            VectorMask<Float> inside1 = VectorMask.fromArray(F, inside, vl);
            FloatVector zero = FloatVector.zero(F);
            for (int c = 0; c < g.inChannels(); c++) {
                int plane = d + c * planeSize;
                int src = (b * g.inChannels() + c) * g.inPlane();
                java.util.Arrays.fill(padded, plane, plane + ph * paddedWidth, 0f);
                int y = 0;
                if (vectorRows) {
                    int end = Math.min(g.inHeight(), Math.floorDiv(x.length - vectors * vl - src + pw, w) + 1);
                    y = Math.min(end, Math.max(0, Math.ceilDiv(pw - src, w)));
                    for (int r = 0; r < y; r++) {
                        padRow(x, src + r * w, padded, plane + (ph + r) * paddedWidth);
                    }
                    if (vectors == 1) {
                        for (; y < end; y++) {
                            zero.blend(FloatVector.fromArray(F, x, src + y * w - pw), inside0)
                                    .intoArray(padded, plane + (ph + y) * paddedWidth);
                        }
                    } else {
                        for (; y < end; y++) {
                            int from = src + y * w - pw;
                            int to = plane + (ph + y) * paddedWidth;
                            zero.blend(FloatVector.fromArray(F, x, from), inside0).intoArray(padded, to);
                            zero.blend(FloatVector.fromArray(F, x, from + vl), inside1).intoArray(padded, to + vl);
                        }
                    }
                }
                for (; y < g.inHeight(); y++) {
                    padRow(x, src + y * w, padded, plane + (ph + y) * paddedWidth);
                }
                java.util.Arrays.fill(padded, plane + (ph + g.inHeight()) * paddedWidth, plane + planeSize, 0f);
            }
        }

        /** One row of x at {@code x[src …]} into the padded row at {@code padded[row …]}, with its border. */
        private void padRow(float[] x, int src, float[] padded, int row) {
            int pw = g.padWidth();
            int w = g.inWidth();
            for (int i = 0; i < pw; i++) {
                padded[row + i] = 0f;
                padded[row + pw + w + i] = 0f;
            }
            System.arraycopy(x, src, padded, row + pw, w);
        }

        /** The interior of the planes into image b of x (=, or += when accumulating). */
        void unpad(float[] padded, float[] x, int b, boolean accumulate) {
            int w = g.inWidth();
            // Rows no wider than a vector are copied as one whole vector each when not
            // accumulating: its lanes past the row land on the next row, written after it. Only
            // the rows whose vector would reach past this image (into another task's) or past the
            // padded buffer are copied exactly.
            int imageEnd = (b + 1) * g.inChannels() * g.inPlane();
            boolean vectorRows = !accumulate && w <= F.length();
            for (int c = 0; c < g.inChannels(); c++) {
                int dst = (b * g.inChannels() + c) * g.inPlane();
                int src = c * planeSize + g.padHeight() * paddedWidth + g.padWidth();
                int y = 0;
                if (vectorRows) {
                    int end = Math.min(g.inHeight(), Math.min(Math.floorDiv(imageEnd - F.length() - dst, w),
                            Math.floorDiv(padded.length - F.length() - src, paddedWidth)) + 1);
                    for (; y < end; y++) {
                        FloatVector.fromArray(F, padded, src + y * paddedWidth).intoArray(x, dst + y * w);
                    }
                }
                for (; y < g.inHeight(); y++) {
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
        private float[] partials = new float[0];

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

        float[] partials(int size) {
            if (partials.length < size) {
                partials = new float[size];
            }
            return partials;
        }
    }
}
