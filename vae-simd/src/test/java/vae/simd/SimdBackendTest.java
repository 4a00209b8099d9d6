package vae.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import vae.core.backend.ScalarBackend;
import vae.core.random.CounterRng;
import vae.core.backend.AdamStep;
import vae.core.backend.Backend;
import vae.core.backend.UnaryFunction;

/** Every SIMD kernel against the scalar reference, on random data and awkward sizes. */
class SimdBackendTest {
    /** Awkward lengths, and one of three chunks and a bit that the backend splits across its threads. */
    private static final int[] SIZES = {1, 3, 15, 16, 17, 33, 100, 783, 784, 1000, 3 * SimdBackend.ELEMENTWISE_CHUNK + 5};
    private final Backend scalar = new ScalarBackend(1);
    private final Backend simd = new SimdBackend(2);

    private static float[] random(int n, long seed, float lo, float hi) {
        CounterRng rng = new CounterRng(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (lo + (hi - lo) * rng.uniform(7, i));
        }
        return x;
    }

    /** |a − b| ≤ tol·max(1, |b|) element by element. */
    private static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            assertTrue(err <= tol * Math.max(1, Math.abs(expected[i])),
                    what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
        }
    }

    /** Runs the same kernel on copies for both backends and compares one output. */
    private void compare(String what, double tol, float[] output, Consumer<Backend> kernel, Consumer<float[]> reset) {
        float[] expected = output.clone();
        reset.accept(output);
        kernel.accept(scalar);
        System.arraycopy(output, 0, expected, 0, output.length);
        reset.accept(output);
        kernel.accept(simd);
        assertClose(expected, output, tol, what);
    }

    @Test
    void providerIsAvailableWhenTheVectorModuleIsPresent() {
        SimdBackendProvider provider = new SimdBackendProvider();
        assertNull(provider.unavailableReason());
        assertEquals("simd", provider.name());
        assertTrue(provider.priority() > new vae.core.backend.ScalarBackendProvider().priority());
        Backend b = provider.create(1);
        assertTrue(b instanceof SimdBackend);
        assertTrue(b.description().contains("-bit"), b.description());
        assertTrue(b.description().contains("1 thread"), b.description());
    }

    @ParameterizedTest
    @EnumSource(UnaryFunction.class)
    void mapAndItsGradientMatchScalar(UnaryFunction f) {
        for (int n : SIZES) {
            float lo = f == UnaryFunction.LOG ? 0.01f : -12f;
            float[] x = random(n, n, lo, 12f);
            float[] dy = random(n, n + 1, -1f, 1f);
            float[] yScalar = new float[n];
            float[] ySimd = new float[n];
            scalar.map(f, x, yScalar, n);
            simd.map(f, x, ySimd, n);
            assertClose(yScalar, ySimd, 2e-6, f + " n=" + n);
            for (boolean accumulate : new boolean[] {true, false}) {
                float[] dxScalar = random(n, 3, -1f, 1f);
                float[] dxSimd = accumulate ? dxScalar.clone() : random(n, 4, -1f, 1f);
                scalar.mapBackward(f, x, yScalar, dy, dxScalar, n, accumulate);
                simd.mapBackward(f, x, yScalar, dy, dxSimd, n, accumulate);
                assertClose(dxScalar, dxSimd, 2e-6, f + " backward n=" + n + " accumulate=" + accumulate);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 3, 15, 17, 33, 783, 5000, 3 * SimdBackend.ELEMENTWISE_CHUNK + 5})
    void binaryAndLinearKernelsMatchScalar(int n) {
        float[] a = random(n, 1, -2f, 2f);
        float[] b = random(n, 2, -2f, 2f);
        float[] init = random(n, 3, -1f, 1f);
        float[] out = new float[n];
        Consumer<float[]> fromInit = o -> System.arraycopy(init, 0, o, 0, n);
        compare("add", 1e-7, out, be -> be.add(a, b, out, n), fromInit);
        compare("mul", 1e-7, out, be -> be.mul(a, b, out, n), fromInit);
        compare("mulAccumulate", 1e-6, out, be -> be.mulAccumulate(a, b, out, n), fromInit);
        compare("scale", 1e-7, out, be -> be.scale(-0.3f, a, out, n), fromInit);
        compare("axpy", 1e-6, out, be -> be.axpy(0.7f, a, 0, out, 0, n), fromInit);
        assertEquals(scalar.sum(a, 0, n), simd.sum(a, 0, n), 1e-5 * n);
    }

    @Test
    void axpyWithOffsetsMatchesScalar() {
        float[] x = random(100, 4, -1f, 1f);
        float[] y = new float[120];
        compare("axpy offsets", 1e-6, y, be -> be.axpy(1.5f, x, 3, y, 17, 81), o -> java.util.Arrays.fill(o, 0.25f));
        int n = 2 * SimdBackend.ELEMENTWISE_CHUNK + 9;
        float[] big = random(n + 3, 5, -1f, 1f);
        float[] target = new float[n + 17];
        compare("axpy offsets in chunks", 1e-6, target, be -> be.axpy(-0.5f, big, 3, target, 17, n),
                o -> java.util.Arrays.fill(o, 0.25f));
        assertEquals(scalar.sum(x, 5, 77), simd.sum(x, 5, 77), 1e-5);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16, 33, 784})
    void rowKernelsMatchScalar(int cols) {
        int rows = 5;
        float[] x = random(rows * cols, 5, -1f, 1f);
        float[] v = random(cols, 6, -1f, 1f);
        float[] s = random(rows, 7, -1f, 1f);
        float[] out = new float[rows * cols];
        Consumer<float[]> fromX = o -> System.arraycopy(x, 0, o, 0, o.length);
        compare("addRowVector", 1e-6, out, be -> be.addRowVector(out, rows, cols, v), fromX);
        compare("scaleRowsAccumulate", 1e-6, out, be -> be.scaleRowsAccumulate(x, s, rows, cols, out), fromX);
        float[] colSums = new float[cols];
        compare("sumRowsInto", 1e-6, colSums, be -> be.sumRowsInto(x, rows, cols, colSums),
                o -> java.util.Arrays.fill(o, 1f));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 15, 17, 20, 784})
    void fusedLossKernelsMatchScalar(int cols) {
        fusedLossKernelsMatchScalar(4, cols);
        fusedLossKernelsMatchScalar((1 << 16) / cols + 7, cols); // several blocks of rows, shared between the threads
    }

    private void fusedLossKernelsMatchScalar(int rows, int cols) {
        int n = rows * cols;
        float[] logits = random(n, 8, -30f, 30f);
        float[] targets = random(n, 9, 0f, 1f);
        float[] mu = random(n, 10, -3f, 3f);
        float[] logvar = random(n, 11, -4f, 3f);
        float[] lossS = new float[rows];
        float[] lossV = new float[rows];
        float[] gradS = new float[n];
        float[] gradV = new float[n];
        float[] grad2S = new float[n];
        float[] grad2V = new float[n];

        scalar.bernoulliNll(logits, targets, rows, cols, lossS, gradS);
        simd.bernoulliNll(logits, targets, rows, cols, lossV, gradV);
        assertClose(lossS, lossV, 1e-5, "bernoulli loss");
        assertClose(gradS, gradV, 1e-6, "bernoulli grad");

        scalar.gaussianNll(mu, logvar, targets, rows, cols, lossS, gradS, grad2S);
        simd.gaussianNll(mu, logvar, targets, rows, cols, lossV, gradV, grad2V);
        assertClose(lossS, lossV, 1e-5, "gaussian loss");
        assertClose(gradS, gradV, 1e-5, "gaussian grad mean");
        assertClose(grad2S, grad2V, 1e-5, "gaussian grad logvar");
        scalar.gaussianNll(mu, null, targets, rows, cols, lossS, null, null);
        simd.gaussianNll(mu, null, targets, rows, cols, lossV, null, null);
        assertClose(lossS, lossV, 1e-5, "gaussian unit-variance loss");

        scalar.klStandardNormal(mu, logvar, rows, cols, lossS, gradS, grad2S);
        simd.klStandardNormal(mu, logvar, rows, cols, lossV, gradV, grad2V);
        assertClose(lossS, lossV, 1e-5, "kl");
        assertClose(gradS, gradV, 1e-6, "kl grad mu");
        assertClose(grad2S, grad2V, 1e-6, "kl grad logvar");

        float[] eps = random(n, 12, -3f, 3f);
        float[] stdS = new float[n];
        float[] stdV = new float[n];
        float[] zS = new float[n];
        float[] zV = new float[n];
        scalar.reparameterize(mu, logvar, eps, stdS, zS, n);
        simd.reparameterize(mu, logvar, eps, stdV, zV, n);
        assertClose(stdS, stdV, 1e-6, "std");
        assertClose(zS, zV, 1e-6, "z");
        float[] dz = random(n, 13, -1f, 1f);
        float[] dMuS = random(n, 14, -1f, 1f);
        float[] dMuV = dMuS.clone();
        float[] dLvS = random(n, 15, -1f, 1f);
        float[] dLvV = dLvS.clone();
        scalar.reparameterizeBackward(eps, stdS, dz, dMuS, dLvS, n);
        simd.reparameterizeBackward(eps, stdS, dz, dMuV, dLvV, n);
        assertClose(dMuS, dMuV, 1e-6, "dmu");
        assertClose(dLvS, dLvV, 1e-6, "dlogvar");
    }

    @ParameterizedTest
    @EnumSource(UnaryFunction.class)
    void aMappedValueIsTheSameBitsWhereverItLiesInTheArray(UnaryFunction f) {
        // 37 values: two whole vectors and a tail of 5 (16 floats a vector), or 2 + 2 + 1 lanes of
        // 8; each value mapped on its own (all tail) must equal its value inside the long array.
        float[] x = random(37, 31, f == UnaryFunction.LOG ? 0.01f : -4f, 4f);
        float[] whole = new float[x.length];
        simd.map(f, x, whole, x.length);
        for (int i = 0; i < x.length; i++) {
            float[] one = new float[1];
            simd.map(f, new float[] {x[i]}, one, 1);
            assertEquals(Float.floatToRawIntBits(whole[i]), Float.floatToRawIntBits(one[0]), f + " of x[" + i + "]");
        }
    }

    @Test
    void reparameterizedLatentsAreTheSameBitsWhereverTheyLieInTheArray() {
        float[] mu = random(37, 32, -2f, 2f);
        float[] logvar = random(37, 33, -3f, 1f);
        float[] eps = random(37, 34, -2f, 2f);
        float[] std = new float[37];
        float[] z = new float[37];
        simd.reparameterize(mu, logvar, eps, std, z, 37);
        for (int i = 0; i < 37; i++) {
            float[] s1 = new float[1];
            float[] z1 = new float[1];
            simd.reparameterize(new float[] {mu[i]}, new float[] {logvar[i]}, new float[] {eps[i]}, s1, z1, 1);
            assertEquals(Float.floatToRawIntBits(z[i]), Float.floatToRawIntBits(z1[0]), "z[" + i + "]");
            assertEquals(Float.floatToRawIntBits(std[i]), Float.floatToRawIntBits(s1[0]), "std[" + i + "]");
        }
    }

    @Test
    void bernoulliLossStaysFiniteForHugeLogits() {
        float[] logits = {-1e4f, 1e4f, -90f, 90f, 0f, -1e4f, 1e4f, -90f, 90f, 0f, -1e4f, 1e4f, -90f, 90f, 0f, 1e4f, 3f};
        float[] targets = new float[logits.length];
        java.util.Arrays.fill(targets, 0.5f);
        float[] lossS = new float[1];
        float[] lossV = new float[1];
        float[] grad = new float[logits.length];
        scalar.bernoulliNll(logits, targets, 1, logits.length, lossS, grad);
        simd.bernoulliNll(logits, targets, 1, logits.length, lossV, grad);
        assertTrue(Float.isFinite(lossV[0]));
        assertEquals(lossS[0], lossV[0], 1e-5 * Math.abs(lossS[0]));
        for (float g : grad) {
            assertTrue(Float.isFinite(g));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 5, 16, 29})
    void gaussianFillMatchesTheScalarDefinitionFromAnyStart(int first) {
        CounterRng rng = new CounterRng(42);
        for (int n : new int[] {1, 15, 16, 17, 64, 1001}) {
            float[] expected = new float[n + 3];
            float[] actual = new float[n + 3];
            scalar.fillGaussian(rng, 99, first, expected, 3, n);
            simd.fillGaussian(rng, 99, first, actual, 3, n);
            assertClose(expected, actual, 1e-6, "gaussian first=" + first + " n=" + n);
        }
    }

    @Test
    void gaussianFillHasStandardNormalMoments() {
        int n = 1 << 18;
        float[] x = new float[n];
        simd.fillGaussian(new CounterRng(7), 1, 0, x, 0, n);
        double mean = 0;
        double sq = 0;
        double fourth = 0;
        for (float v : x) {
            mean += v;
            sq += v * v;
            fourth += (double) v * v * v * v;
        }
        mean /= n;
        double var = sq / n - mean * mean;
        // Standard errors for 2^18 samples: mean 0.002, variance 0.003, fourth moment 0.019.
        assertEquals(0, mean, 0.01);
        assertEquals(1, var, 0.015);
        assertEquals(3, fourth / n, 0.1);
    }

    /**
     * Chi-square against N(0, 1) over ten equiprobable bins (edges at the normal deciles). With
     * 9 degrees of freedom the 99.9 % point is 27.88; uniform or scaled values fail by far.
     */
    @Test
    void gaussianFillPassesAChiSquareNormalityTest() {
        double[] deciles = {-1.2815516, -0.8416212, -0.5244005, -0.2533471, 0, 0.2533471, 0.5244005, 0.8416212, 1.2815516};
        int n = 100_000;
        float[] x = new float[n];
        simd.fillGaussian(new CounterRng(11), 5, 3, x, 0, n);
        int[] counts = new int[10];
        for (float v : x) {
            int bin = 0;
            while (bin < deciles.length && v > deciles[bin]) {
                bin++;
            }
            counts[bin]++;
        }
        double expected = n / 10.0;
        double chi2 = 0;
        for (int c : counts) {
            chi2 += (c - expected) * (c - expected) / expected;
        }
        assertTrue(chi2 < 27.88, "chi-square " + chi2 + " for bins " + java.util.Arrays.toString(counts));
    }

    /** One block, and several chunks of a tensor large enough to be shared between the threads. */
    @ParameterizedTest
    @ValueSource(ints = {1001, (1 << 18) + 37})
    void adamMatchesScalar(int n) {
        float[] pS = random(n, 20, -1f, 1f);
        float[] pV = pS.clone();
        float[] mS = new float[n];
        float[] vS = new float[n];
        float[] mV = new float[n];
        float[] vV = new float[n];
        for (int t = 1; t <= 3; t++) {
            float[] g = random(n, 20 + t, -0.1f, 0.1f);
            AdamStep s = AdamStep.of(1e-3, 0.9, 0.999, 1e-8, 0.01, t);
            float[] gV = g.clone();
            scalar.adam(pS, g, mS, vS, n, s);
            simd.adam(pV, gV, mV, vV, n, s);
            assertClose(new float[n], gV, 0, "gradients zeroed");
        }
        assertClose(pS, pV, 1e-6, "param");
        assertClose(mS, mV, 1e-6, "m");
        assertClose(vS, vV, 1e-6, "v");
    }
}
