package vae.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import vae.core.random.CounterRng;
import vae.core.random.RandomPurpose;
import vae.core.backend.Backend;
import vae.core.backend.UnaryFunction;

/** The scalar backend's kernels other than gemm and Adam. */
class ScalarBackendTest {

    private static float[] random(long seed, int n, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (lo + (hi - lo) * r.nextDouble());
        }
        return x;
    }

    @Test
    void identityAndThreads() {
        ScalarBackend be = new ScalarBackend(1);
        assertEquals("scalar", be.name());
        assertEquals(1, be.threads());
        assertTrue(be.description().contains("1 thread"), be.description());
        assertNull(new ScalarBackendProvider().unavailableReason());
        Backend three = Backends.select("scalar", 3);
        assertInstanceOf(ScalarBackend.class, three);
        assertEquals(3, three.threads());
        assertTrue(three.description().contains("3 threads"), three.description());
        assertThrows(IllegalArgumentException.class, () -> new ScalarBackend(0));
    }

    @Test
    void serviceLoaderFindsTheScalarBackend() {
        boolean found = ServiceLoader.load(BackendProvider.class).stream()
                .anyMatch(p -> p.type() == ScalarBackendProvider.class);
        assertTrue(found, "ScalarBackendProvider is not provided as a BackendProvider service");
        assertInstanceOf(ScalarBackend.class, Backends.select(null, 1), "the only backend in vae-core is the default");
    }

    @Test
    void selectionErrorsSayWhatIsWrong() {
        assertEquals("unknown backend 'gpu'; known backends: scalar",
                assertThrows(IllegalArgumentException.class, () -> Backends.select("gpu", 1)).getMessage());
        assertEquals("the thread count must be in 1.." + Backends.maxThreads() + " (4 per core here), got 0",
                assertThrows(IllegalArgumentException.class, () -> Backends.select("scalar", 0)).getMessage());
    }

    @Test
    void parallelRunnerRunsEveryTaskExactlyOnce() {
        for (int threads : new int[] {1, 2}) {
            ParallelRunner runner = new ParallelRunner(threads);
            assertEquals(threads, runner.threads());
            AtomicIntegerArray counts = new AtomicIntegerArray(1000);
            runner.forEach(1000, counts::incrementAndGet);
            for (int i = 0; i < 1000; i++) {
                assertEquals(1, counts.get(i), "task " + i + " on " + threads + " threads");
            }
        }
        assertThrows(IllegalArgumentException.class, () -> new ParallelRunner(0));
    }

    @Test
    void sumMatchesDoubleSumAndIsTheSameForOneAndTwoThreads() {
        int n = 3 * 4096 + 123;
        float[] x = random(1, n + 10, -1, 1);
        double exact = 0;
        for (int i = 5; i < 5 + n; i++) {
            exact += x[i];
        }
        double one = new ScalarBackend(1).sum(x, 5, n);
        double two = new ScalarBackend(2).sum(x, 5, n);
        assertEquals(one, two, 0.0, "the sum depends on the thread count");
        assertEquals(exact, one, 1e-9);
        assertEquals(0.0, new ScalarBackend(1).sum(x, 3, 0));
        assertEquals(x[7], new ScalarBackend(1).sum(x, 7, 1), 0.0);
    }

    @Test
    void mapAppliesTheFunctionFormulas() {
        ScalarBackend be = new ScalarBackend(1);
        float[] x = random(2, 101, -6, 6);
        float[] positive = random(3, 101, 0.01, 10);
        for (UnaryFunction f : UnaryFunction.values()) {
            float[] in = f == UnaryFunction.LOG ? positive : x;
            float[] y = new float[in.length];
            be.map(f, in, y, in.length);
            for (int i = 0; i < in.length; i++) {
                assertEquals(f.apply(in[i]), y[i], 0f, f + " at " + in[i]);
            }
        }
    }

    @Test
    void mapBackwardAccumulatesDerivativeTimesUpstreamGradient() {
        ScalarBackend be = new ScalarBackend(1);
        float[] x = random(4, 57, -5, 5);
        float[] positive = random(5, 57, 0.05, 5);
        float[] dy = random(6, 57, -2, 2);
        float[] dx0 = random(7, 57, -1, 1);
        for (UnaryFunction f : UnaryFunction.values()) {
            float[] in = f == UnaryFunction.LOG ? positive : x;
            float[] y = new float[in.length];
            be.map(f, in, y, in.length);
            for (boolean accumulate : new boolean[] {true, false}) {
                float[] dx = dx0.clone();
                be.mapBackward(f, in, y, dy, dx, in.length, accumulate);
                for (int i = 0; i < in.length; i++) {
                    float expected = (accumulate ? dx0[i] : 0f) + f.derivative(in[i], y[i]) * dy[i];
                    assertEquals(expected, dx[i], 1e-6f * Math.max(1, Math.abs(expected)),
                            f + " at " + in[i] + " accumulate=" + accumulate);
                }
            }
        }
    }

    @Test
    void elementwiseKernels() {
        ScalarBackend be = new ScalarBackend(1);
        float[] a = random(8, 9, -2, 2);
        float[] b = random(9, 9, -2, 2);
        float[] out = new float[9];
        be.add(a, b, out, 9);
        for (int i = 0; i < 9; i++) {
            assertEquals(a[i] + b[i], out[i]);
        }
        be.mul(a, b, out, 9);
        for (int i = 0; i < 9; i++) {
            assertEquals(a[i] * b[i], out[i]);
        }
        float[] acc = random(10, 9, -1, 1);
        float[] acc0 = acc.clone();
        be.mulAccumulate(a, b, acc, 9);
        for (int i = 0; i < 9; i++) {
            assertEquals(acc0[i] + a[i] * b[i], acc[i], 1e-6);
        }
        be.scale(-3f, a, out, 9);
        for (int i = 0; i < 9; i++) {
            assertEquals(-3f * a[i], out[i]);
        }
    }

    @Test
    void axpyHonoursOffsetsAndLength() {
        ScalarBackend be = new ScalarBackend(1);
        float[] x = {1, 2, 3, 4, 5};
        float[] y = {10, 20, 30, 40, 50, 60};
        be.axpy(2f, x, 1, y, 3, 3);
        assertArrayEquals(new float[] {10, 20, 30, 44, 56, 68}, y);
    }

    @Test
    void rowVectorKernels() {
        ScalarBackend be = new ScalarBackend(1);
        float[] x = {1, 2, 3, 4, 5, 6};
        be.addRowVector(x, 2, 3, new float[] {10, 20, 30});
        assertArrayEquals(new float[] {11, 22, 33, 14, 25, 36}, x);
        float[] sums = {1, 1, 1};
        be.sumRowsInto(x, 2, 3, sums);
        assertArrayEquals(new float[] {26, 48, 70}, sums);
        float[] out = {1, 1, 1, 1, 1, 1};
        be.scaleRowsAccumulate(new float[] {1, 2, 3, 4, 5, 6}, new float[] {2, -1}, 2, 3, out);
        assertArrayEquals(new float[] {3, 5, 7, -3, -4, -5}, out);
    }

    @Test
    void fusedLossesGiveTheSameValuesWithAndWithoutGradientBuffers() {
        ScalarBackend be = new ScalarBackend(1);
        float[] a = random(11, 12, -3, 3);
        float[] b = random(12, 12, -1, 1);
        float[] t = random(13, 12, 0, 1);
        float[] with = new float[3];
        float[] without = new float[3];
        be.bernoulliNll(a, t, 3, 4, with, new float[12]);
        be.bernoulliNll(a, t, 3, 4, without, null);
        assertArrayEquals(with, without);
        be.gaussianNll(a, b, t, 3, 4, with, new float[12], new float[12]);
        be.gaussianNll(a, b, t, 3, 4, without, null, null);
        assertArrayEquals(with, without);
        be.klStandardNormal(a, b, 3, 4, with, new float[12], new float[12]);
        be.klStandardNormal(a, b, 3, 4, without, null, null);
        assertArrayEquals(with, without);
    }

    @Test
    void reparameterizeAndItsBackward() {
        ScalarBackend be = new ScalarBackend(1);
        float[] mu = {0.5f, -1f, 2f};
        float[] lv = {0f, 2f, -2f};
        float[] eps = {1f, -0.5f, 2f};
        float[] std = new float[3];
        float[] z = new float[3];
        be.reparameterize(mu, lv, eps, std, z, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(Math.exp(lv[i] / 2.0), std[i], 1e-6);
            assertEquals(mu[i] + Math.exp(lv[i] / 2.0) * eps[i], z[i], 1e-6);
        }
        float[] dz = {1f, 2f, -1f};
        float[] dMu = {1f, 1f, 1f};
        float[] dLv = {0f, 0f, 0f};
        be.reparameterizeBackward(eps, std, dz, dMu, dLv, 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(1 + dz[i], dMu[i], 1e-7);
            assertEquals(0.5 * dz[i] * eps[i] * Math.exp(lv[i] / 2.0), dLv[i], 1e-6);
        }
        // Either gradient may be absent.
        be.reparameterizeBackward(eps, std, dz, null, dLv, 3);
        be.reparameterizeBackward(eps, std, dz, dMu, null, 3);
    }

    @Test
    void fillGaussianWithAnOffsetStartMatchesGaussianAt() {
        CounterRng rng = new CounterRng(2024);
        long stream = RandomPurpose.TRAIN_NOISE.stream(17);
        long key = rng.streamKey(stream);
        for (long first : new long[] {0, 1, 1001, 123_456_789_013L}) {
            float[] out = new float[300];
            java.util.Arrays.fill(out, Float.NaN);
            new ScalarBackend(1).fillGaussian(rng, stream, first, out, 7, 290);
            for (int i = 0; i < 7; i++) {
                assertTrue(Float.isNaN(out[i]), "wrote before the offset");
            }
            for (int i = 0; i < 290; i++) {
                assertEquals((float) CounterRng.gaussianAt(key, first + i), out[7 + i], "first=" + first + " i=" + i);
            }
            for (int i = 297; i < 300; i++) {
                assertTrue(Float.isNaN(out[i]), "wrote past n");
            }
            float[] two = new float[300];
            java.util.Arrays.fill(two, Float.NaN);
            new ScalarBackend(2).fillGaussian(rng, stream, first, two, 7, 290);
            assertArrayEquals(out, two, "fillGaussian depends on the thread count");
        }
        // A buffer filled in two halves equals one filled at once.
        float[] whole = new float[100];
        float[] halves = new float[100];
        ScalarBackend be = new ScalarBackend(1);
        be.fillGaussian(rng, stream, 50, whole, 0, 100);
        be.fillGaussian(rng, stream, 50, halves, 0, 37);
        be.fillGaussian(rng, stream, 87, halves, 37, 63);
        assertArrayEquals(whole, halves);
    }
}
