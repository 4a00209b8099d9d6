package vae.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vae.core.backend.ParallelRunner;

/** The plain twins give their kernels' bits, so the backend may hand work to either. */
class PlainTwinsTest {
    /** (m, k, n): tile and block edges, several k slices (k > 128), the VAE's own shapes. */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 17, 1}, {1, 5, 40}, {40, 5, 1}, {15, 33, 17}, {17, 15, 33}, {33, 783, 1},
        {13, 2, 31}, {12, 300, 32}, {130, 70, 37}, {25, 513, 65}, {64, 20, 400}, {64, 400, 784},
    };

    private final SimdGemm kernel = new SimdGemm(new ParallelRunner(2));

    @Test
    void givesTheKernelsBitsInEveryCase() {
        for (int[] shape : SHAPES) {
            int m = shape[0];
            int k = shape[1];
            int n = shape[2];
            SplittableRandom random = new SplittableRandom(31L * m + 17L * k + n);
            float[] a = values(random, 3 + m * k);
            float[] b = values(random, 5 + k * n);
            float[] c0 = values(random, 7 + m * n + 2);
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    for (boolean accumulate : new boolean[] {false, true}) {
                        float[] simd = c0.clone();
                        float[] plain = c0.clone();
                        kernel.gemm(transA, transB, m, n, k, a, 3, b, 5, simd, 7, accumulate);
                        PlainGemm.gemm(transA, transB, m, n, k, a, 3, b, 5, plain, 7, accumulate);
                        assertArrayEquals(simd, plain, Arrays.toString(shape) + " transA=" + transA + " transB="
                                + transB + " accumulate=" + accumulate);
                    }
                }
            }
        }
    }

    @Test
    void signedZerosInfinitiesAndNaNsComeOutAsTheKernelsDo() {
        int m = 13;
        int k = 140;
        int n = 33;
        SplittableRandom random = new SplittableRandom(9);
        float[] a = values(random, m * k);
        float[] b = values(random, k * n);
        float[] specials = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, Float.MIN_VALUE,
            -Float.MAX_VALUE};
        for (int i = 0; i < a.length; i += 7) {
            a[i] = specials[(i / 7) % specials.length];
        }
        for (int i = 3; i < b.length; i += 11) {
            b[i] = specials[(i / 11) % specials.length];
        }
        float[] simd = new float[m * n];
        float[] plain = new float[m * n];
        kernel.gemm(false, true, m, n, k, a, 0, b, 0, simd, 0, false);
        PlainGemm.gemm(false, true, m, n, k, a, 0, b, 0, plain, 0, false);
        for (int i = 0; i < simd.length; i++) {
            // NaN payloads are not compared: Float.compare treats every NaN as one value.
            assertEquals(0, Float.compare(simd[i], plain[i]), "element " + i + ": " + simd[i] + " vs " + plain[i]);
        }
    }

    @Test
    void aPlainBackendGivesTheKernelsProducts() {
        int m = 64;
        int k = 400;
        int n = 784;
        float[] a = values(new SplittableRandom(1), m * k);
        float[] b = values(new SplittableRandom(2), n * k);
        float[] kernel = new float[m * n];
        float[] plain = new float[m * n];
        new SimdBackend(2, false).gemm(false, true, m, n, k, a, 0, b, 0, kernel, 0, false);
        new SimdBackend(2, true).gemm(false, true, m, n, k, a, 0, b, 0, plain, 0, false);
        assertArrayEquals(kernel, plain);
    }

    @Test
    void aPlainBackendGivesTheKernelsSigmoidsAndBiasAdds() {
        int n = 3 * SimdBackend.ELEMENTWISE_CHUNK + 21;
        float[] x = values(new SplittableRandom(4), n);
        for (int i = 0; i < n; i++) {
            x[i] *= 40;
        }
        float[][] out = new float[2][n];
        float[][] biased = {x.clone(), x.clone()};
        float[] bias = values(new SplittableRandom(8), 21);
        for (int side = 0; side < 2; side++) {
            SimdBackend backend = new SimdBackend(2, side == 1);
            backend.map(vae.core.backend.UnaryFunction.SIGMOID, x, out[side], n);
            backend.addRowVector(biased[side], n / 21, 21, bias);
        }
        assertArrayEquals(out[0], out[1]);
        assertArrayEquals(biased[0], biased[1]);
    }

    @Test
    void thePlainBiasAddGivesTheKernelsBits() {
        int rows = 7;
        int cols = 53;
        float[] x = values(new SplittableRandom(5), rows * cols);
        float[] v = values(new SplittableRandom(6), cols);
        v[3] = Float.MIN_VALUE;
        v[4] = -0f;
        float[] plain = x.clone();
        ElementwiseKernels.addRowVectorPlain(plain, rows, cols, v);
        ElementwiseKernels.addRowVector(x, rows, cols, v);
        assertArrayEquals(x, plain);
    }

    private static float[] values(SplittableRandom random, int count) {
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }
}
