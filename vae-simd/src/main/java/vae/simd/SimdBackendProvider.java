package vae.simd;

import vae.core.random.CounterRng;
import vae.core.backend.AdamStep;
import vae.core.backend.Backend;
import vae.core.backend.ConvGeometry;
import vae.core.backend.UnaryFunction;

/**
 * The service entry of the SIMD backend. It loads no Vector API class until it knows the
 * incubator module is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}); otherwise it reports itself unavailable with the
 * fix, and the scalar backend is chosen instead. {@link #withThreads(int)} hands out the real
 * {@link SimdBackend}, so training never goes through this facade.
 */
public final class SimdBackendProvider implements Backend {
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String MISSING = "the JVM was started without the Vector API module; add "
            + "'--add-modules " + VECTOR_MODULE + "' to the java command (the ./vae launcher does)";

    private final Backend delegate;

    public SimdBackendProvider() {
        this.delegate = vectorApiPresent() ? new SimdBackend(Runtime.getRuntime().availableProcessors()) : null;
    }

    /** True when the incubator module is readable here, so the Vector API classes can load. */
    static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    @Override public String name() { return "simd"; }

    @Override public String description() {
        return delegate == null ? "Vector API backend (unavailable: " + MISSING + ")" : delegate.description();
    }

    @Override public int priority() { return 100; }

    @Override public String unavailableReason() { return delegate == null ? MISSING : null; }

    @Override public int threads() { return live().threads(); }

    @Override public Backend withThreads(int threads) { return live().withThreads(threads); }

    private Backend live() {
        if (delegate == null) {
            throw new IllegalStateException("simd backend unavailable: " + MISSING);
        }
        return delegate;
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset, float[] b,
                     int bOffset, float[] c, int cOffset, boolean accumulate) {
        live().gemm(transA, transB, m, n, k, a, aOffset, b, bOffset, c, cOffset, accumulate);
    }

    @Override public void addRowVector(float[] x, int rows, int cols, float[] v) { live().addRowVector(x, rows, cols, v); }

    @Override public void sumRowsInto(float[] x, int rows, int cols, float[] out) { live().sumRowsInto(x, rows, cols, out); }

    @Override public void map(UnaryFunction f, float[] x, float[] y, int n) { live().map(f, x, y, n); }

    @Override public void mapBackward(UnaryFunction f, float[] x, float[] y, float[] dy, float[] dx, int n,
                                      boolean accumulate) {
        live().mapBackward(f, x, y, dy, dx, n, accumulate);
    }

    @Override public void add(float[] a, float[] b, float[] out, int n) { live().add(a, b, out, n); }

    @Override public void mul(float[] a, float[] b, float[] out, int n) { live().mul(a, b, out, n); }

    @Override public void mulAccumulate(float[] a, float[] b, float[] out, int n) { live().mulAccumulate(a, b, out, n); }

    @Override public void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n) {
        live().axpy(alpha, x, xOffset, y, yOffset, n);
    }

    @Override public void scale(float alpha, float[] x, float[] out, int n) { live().scale(alpha, x, out, n); }

    @Override public void scaleRowsAccumulate(float[] x, float[] s, int rows, int cols, float[] out) {
        live().scaleRowsAccumulate(x, s, rows, cols, out);
    }

    @Override public double sum(float[] x, int offset, int n) { return live().sum(x, offset, n); }

    @Override public void bernoulliNll(float[] logits, float[] targets, int rows, int cols, float[] rowLoss, float[] grad) {
        live().bernoulliNll(logits, targets, rows, cols, rowLoss, grad);
    }

    @Override public void gaussianNll(float[] mean, float[] logvar, float[] targets, int rows, int cols, float[] rowLoss,
                                      float[] gradMean, float[] gradLogvar) {
        live().gaussianNll(mean, logvar, targets, rows, cols, rowLoss, gradMean, gradLogvar);
    }

    @Override public void klStandardNormal(float[] mu, float[] logvar, int rows, int cols, float[] rowKl,
                                           float[] gradMu, float[] gradLogvar) {
        live().klStandardNormal(mu, logvar, rows, cols, rowKl, gradMu, gradLogvar);
    }

    @Override public void reparameterize(float[] mu, float[] logvar, float[] eps, float[] std, float[] z, int n) {
        live().reparameterize(mu, logvar, eps, std, z, n);
    }

    @Override public void reparameterizeBackward(float[] eps, float[] std, float[] dz, float[] dMu, float[] dLogvar, int n) {
        live().reparameterizeBackward(eps, std, dz, dMu, dLogvar, n);
    }

    @Override public void fillGaussian(CounterRng rng, long stream, long first, float[] out, int offset, int n) {
        live().fillGaussian(rng, stream, first, out, offset, n);
    }

    @Override public void adam(float[] param, float[] grad, float[] m, float[] v, int n, AdamStep step) {
        live().adam(param, grad, m, v, n, step);
    }

    @Override public void conv2d(ConvGeometry g, float[] x, float[] weight, float[] out, boolean accumulate) {
        live().conv2d(g, x, weight, out, accumulate);
    }

    @Override public void conv2dBackwardInput(ConvGeometry g, float[] dOut, float[] weight, float[] dx,
                                              boolean accumulate) {
        live().conv2dBackwardInput(g, dOut, weight, dx, accumulate);
    }

    @Override public void conv2dBackwardWeight(ConvGeometry g, float[] x, float[] dOut, float[] dWeight) {
        live().conv2dBackwardWeight(g, x, dOut, dWeight);
    }

    @Override public void addChannelBias(float[] x, int batch, int channels, int positions, float[] bias) {
        live().addChannelBias(x, batch, channels, positions, bias);
    }

    @Override public void sumChannelsInto(float[] x, int batch, int channels, int positions, float[] out) {
        live().sumChannelsInto(x, batch, channels, positions, out);
    }
}
