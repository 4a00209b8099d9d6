package vae.simd;

import jdk.incubator.vector.FloatVector;
import vae.core.backend.ParallelRunner;
import vae.core.random.CounterRng;
import vae.core.backend.AdamStep;
import vae.core.backend.Backend;
import vae.core.backend.ConvGeometry;
import vae.core.backend.UnaryFunction;

/**
 * The backend on the JDK Vector API with {@code FloatVector.SPECIES_PREFERRED}: a packed,
 * register-blocked, cache-blocked GEMM threaded over output blocks, and single-pass fused
 * element-wise kernels. Only loaded when the incubator module is present (see
 * {@link SimdBackendProvider}).
 */
public final class SimdBackend implements Backend {
    /**
     * Values per parallel task of the fused loss kernels (whole rows): enough that a task outweighs
     * handing it to another core, whose caches the rows must first travel to (see
     * {@link SimdGemm#MIN_PARALLEL_FLOPS}).
     */
    private static final int LOSS_VALUES = 1 << 16;
    /** Parameters per parallel Adam task: 256 KiB of each of the four arrays it reads, L2-sized. */
    private static final int ADAM_CHUNK = 1 << 16;
    /**
     * Parameters below which a tensor's Adam update stays on the calling thread: a smaller update
     * costs about as much as moving its gradients, moments and weights to the other core and back.
     */
    private static final int ADAM_MIN_PARALLEL = 1 << 18;
    /** Values per parallel task of the element-wise maps and axpy: 64 KiB of each array. */
    static final int ELEMENTWISE_CHUNK = 1 << 14;
    /**
     * The system property ({@code -Dvae.simd.plain=true}) that has the backend run the kernels that
     * have plain Java twins ({@link PlainGemm}, the bias add, the sigmoid map) as plain Java, which
     * gives the same bits. For a JVM without C2 ({@code -XX:TieredStopAtLevel=1}, which {@code ./vae}
     * uses for commands of a few images): C1 compiles no Vector API operation to vector
     * instructions, so each stays a call and an allocation, and decoding 64 images spent most of
     * its time there, while C1 compiles a plain loop of {@code Math.fma} to a tight scalar loop.
     * With C2 the kernels are the fast ones, so the property is off by default.
     */
    static final String PLAIN_PROPERTY = "vae.simd.plain";
    private final ParallelRunner runner;
    private final SimdGemm gemm;
    private final SimdConv conv;
    private final boolean plain;

    /** A backend on {@code threads} threads, its plain twins on if {@link #PLAIN_PROPERTY} is true. */
    public SimdBackend(int threads) {
        this(threads, Boolean.getBoolean(PLAIN_PROPERTY));
    }

    SimdBackend(int threads, boolean plain) {
        this.runner = new ParallelRunner(threads);
        this.gemm = new SimdGemm(runner);
        this.conv = new SimdConv(runner, gemm);
        this.plain = plain;
    }

    @Override public String name() { return "simd"; }

    @Override public String description() {
        int lanes = FloatVector.SPECIES_PREFERRED.length();
        return "Vector API, " + FloatVector.SPECIES_PREFERRED.vectorBitSize() + "-bit (" + lanes + " floats), "
                + threads() + (threads() == 1 ? " thread" : " threads");
    }

    @Override public int threads() { return runner.threads(); }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset, float[] b,
                     int bOffset, float[] c, int cOffset, boolean accumulate) {
        if (plain) {
            PlainGemm.gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset, accumulate);
        } else {
            gemm.gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset, accumulate);
        }
    }

    @Override public void addRowVector(float[] x, int rows, int cols, float[] v) {
        if (plain) {
            ElementwiseKernels.addRowVectorPlain(x, rows, cols, v);
        } else {
            ElementwiseKernels.addRowVector(x, rows, cols, v);
        }
    }

    @Override public void sumRowsInto(float[] x, int rows, int cols, float[] out) {
        ElementwiseKernels.sumRowsInto(x, rows, cols, out);
    }

    @Override public void map(UnaryFunction f, float[] x, float[] y, int n) {
        if (plain && f == UnaryFunction.SIGMOID) {
            inChunks(n, (from, to) -> ElementwiseKernels.mapSigmoidPlain(x, y, from, to));
        } else {
            inChunks(n, (from, to) -> ElementwiseKernels.map(f, x, y, from, to));
        }
    }


    @Override public void mapBackward(UnaryFunction f, float[] x, float[] y, float[] dy, float[] dx, int n,
                                      boolean accumulate) {
        inChunks(n, (from, to) -> ElementwiseKernels.mapBackward(f, x, y, dy, dx, from, to, accumulate));
    }

    @Override public void add(float[] a, float[] b, float[] out, int n) { ElementwiseKernels.add(a, b, out, n); }

    @Override public void mul(float[] a, float[] b, float[] out, int n) { ElementwiseKernels.mul(a, b, out, n); }

    @Override public void mulAccumulate(float[] a, float[] b, float[] out, int n) {
        ElementwiseKernels.mulAccumulate(a, b, out, n);
    }

    @Override public void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n) {
        inChunks(n, (from, to) -> ElementwiseKernels.axpy(alpha, x, xOffset + from, y, yOffset + from, to - from));
    }

    /** Element-wise work over {@code [0, n)} in chunks of {@link #ELEMENTWISE_CHUNK} values. */
    private void inChunks(int n, Range range) {
        inBlocks(n, ELEMENTWISE_CHUNK, range);
    }

    /**
     * Work over {@code [0, n)} in fixed blocks of {@code block} (values, rows or parameters), the
     * blocks handed to the threads through the runner (a single block runs on the calling
     * thread). Blocks are fixed by the data, so nothing depends on the thread count. Even one
     * block goes through the runner: its task call site is megamorphic, so C2 compiles the kernel
     * as a root of its own instead of inlining it into a caller's compilation, where the Vector
     * API calls ran out of inlining budget and boxed every vector.
     */
    private void inBlocks(int n, int block, Range range) {
        int blocks = (n + block - 1) / block;
        runner.forEach(blocks, b -> range.run(b * block, Math.min(n, (b + 1) * block)));
    }

    /** Work on {@code [from, to)}. */
    @FunctionalInterface
    private interface Range {
        void run(int from, int to);
    }

    @Override public void scale(float alpha, float[] x, float[] out, int n) { ElementwiseKernels.scale(alpha, x, out, n); }

    @Override public void scaleRowsAccumulate(float[] x, float[] s, int rows, int cols, float[] out) {
        ElementwiseKernels.scaleRowsAccumulate(x, s, rows, cols, out);
    }

    @Override public double sum(float[] x, int offset, int n) { return ElementwiseKernels.sum(x, offset, n); }

    /** Rows per task of a loss kernel over rows of {@code cols} values. */
    private static int lossRows(int cols) {
        return Math.max(1, (LOSS_VALUES + cols - 1) / Math.max(1, cols));
    }

    /** The likelihoods and the KL go in blocks of rows ({@link #inBlocks}). */
    @Override public void bernoulliNll(float[] logits, float[] targets, int rows, int cols, float[] rowLoss, float[] grad) {
        inBlocks(rows, lossRows(cols), (from, to) -> LossKernels.bernoulliNll(logits, targets, from, to, cols, rowLoss, grad));
    }

    @Override public void gaussianNll(float[] mean, float[] logvar, float[] targets, int rows, int cols, float[] rowLoss,
                                      float[] gradMean, float[] gradLogvar) {
        inBlocks(rows, lossRows(cols), (from, to) -> LossKernels.gaussianNll(mean, logvar, targets, from, to, cols, rowLoss,
                gradMean, gradLogvar));
    }

    /**
     * In blocks of rows. This and the reparameterisation kernels, called straight from the
     * graph, were inlined into compilations that ran out of C2's inlining budget and boxed their
     * vectors (400 KB of garbage per conv-vae step): see {@link #inBlocks}.
     */
    @Override public void klStandardNormal(float[] mu, float[] logvar, int rows, int cols, float[] rowKl,
                                           float[] gradMu, float[] gradLogvar) {
        inBlocks(rows, lossRows(cols), (from, to) -> LossKernels.klStandardNormal(mu, logvar, from, to, cols, rowKl,
                gradMu, gradLogvar));
    }

    @Override public void reparameterize(float[] mu, float[] logvar, float[] eps, float[] std, float[] z, int n) {
        inChunks(n, (from, to) -> LossKernels.reparameterize(mu, logvar, eps, std, z, from, to));
    }

    @Override public void reparameterizeBackward(float[] eps, float[] std, float[] dz, float[] dMu, float[] dLogvar, int n) {
        inChunks(n, (from, to) -> LossKernels.reparameterizeBackward(eps, std, dz, dMu, dLogvar, from, to));
    }

    @Override public void fillGaussian(CounterRng rng, long stream, long first, float[] out, int offset, int n) {
        GaussianKernel.fill(rng, stream, first, out, offset, n);
    }

    /**
     * Adam is memory-bound: fixed chunks of a large tensor's parameters go to the threads; a small
     * tensor is one block (element-wise, so the bits are the same either way).
     */
    @Override public void adam(float[] param, float[] grad, float[] m, float[] v, int n, AdamStep step) {
        inBlocks(n, n < ADAM_MIN_PARALLEL ? Math.max(n, 1) : ADAM_CHUNK,
                (from, to) -> AdamKernel.step(param, grad, m, v, from, to, step));
    }

    // ---- convolution: unfold + one SIMD GEMM over the batch (see SimdConv) ---------------------

    @Override public void conv2d(ConvGeometry g, float[] x, float[] weight, float[] out, boolean accumulate) {
        conv.forward(g, x, weight, out, accumulate);
    }

    @Override public void conv2dBackwardInput(ConvGeometry g, float[] dOut, float[] weight, float[] dx,
                                              boolean accumulate) {
        conv.backwardInput(g, dOut, weight, dx, accumulate);
    }

    @Override public void conv2dBackwardWeight(ConvGeometry g, float[] x, float[] dOut, float[] dWeight) {
        conv.backwardWeight(g, x, dOut, dWeight);
    }

    /** One task per image. */
    @Override public void addChannelBias(float[] x, int batch, int channels, int positions, float[] bias) {
        runner.forEach(batch, b -> SimdConv.addChannelBias(x, b, channels, positions, bias));
    }

    /** One task per channel, each summing its planes over the batch in order. */
    @Override public void sumChannelsInto(float[] x, int batch, int channels, int positions, float[] out) {
        runner.forEach(channels, c -> SimdConv.sumChannelInto(x, batch, channels, c, positions, out));
    }
}
