package vae.core.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The matrix product against a naive triple loop in double, and its independence of threads. */
class ScalarBackendGemmTest {

    /** Float32 unit roundoff. */
    private static final double U = 0x1.0p-24;

    private static final int[][] SIZES = {
        // m, n, k
        {1, 1, 1}, {1, 3, 15}, {3, 1, 17}, {15, 17, 1}, {17, 15, 3}, {33, 17, 15},
        {3, 33, 33}, {16, 16, 16}, {17, 33, 1}, {130, 37, 70},
    };

    private static float[] random(SplittableRandom r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * r.nextDouble() - 1);
        }
        return x;
    }

    /** op(A)[i, p] for A stored k×m when transposed, m×k otherwise. */
    private static double opA(float[] a, int off, boolean trans, int m, int k, int i, int p) {
        return trans ? a[off + p * m + i] : a[off + i * k + p];
    }

    /** op(B)[p, j] for B stored n×k when transposed, k×n otherwise. */
    private static double opB(float[] b, int off, boolean trans, int n, int k, int p, int j) {
        return trans ? b[off + j * k + p] : b[off + p * n + j];
    }

    /**
     * Runs gemm and checks every element against the double reference within the classic bound
     * for a float dot product, {@code |error| ≤ (k + 2)·u·(Σ_p |a_ip b_pj| + |c0_ij|)}.
     */
    private static void checkGemm(ScalarBackend be, boolean transA, boolean transB, int m, int n, int k,
                                  boolean accumulate, int aOff, int bOff, int cOff, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = random(r, aOff + m * k + 3);
        float[] b = random(r, bOff + k * n + 3);
        float[] c = random(r, cOff + m * n + 3);
        float[] c0 = c.clone();
        be.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        String where = String.format("transA=%b transB=%b m=%d n=%d k=%d accumulate=%b", transA, transB, m, n, k,
                accumulate);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double expected = accumulate ? c0[cOff + i * n + j] : 0;
                double magnitude = Math.abs(expected);
                for (int p = 0; p < k; p++) {
                    double term = opA(a, aOff, transA, m, k, i, p) * opB(b, bOff, transB, n, k, p, j);
                    expected += term;
                    magnitude += Math.abs(term);
                }
                double bound = (k + 2) * U * magnitude;
                double actual = c[cOff + i * n + j];
                assertTrue(Math.abs(actual - expected) <= bound,
                        where + ": C[" + i + ", " + j + "] = " + actual + ", expected " + expected + " ± " + bound);
            }
        }
        for (int i = 0; i < cOff; i++) {
            assertEquals(c0[i], c[i], where + ": wrote before C");
        }
        for (int i = cOff + m * n; i < c.length; i++) {
            assertEquals(c0[i], c[i], where + ": wrote after C");
        }
    }

    @Test
    void gemmMatchesNaiveTripleLoopInAllTransposeAndAccumulateCombinations() {
        ScalarBackend be = new ScalarBackend(1);
        long seed = 1;
        for (int[] size : SIZES) {
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    for (boolean accumulate : new boolean[] {false, true}) {
                        checkGemm(be, transA, transB, size[0], size[1], size[2], accumulate, 0, 0, 0, seed++);
                    }
                }
            }
        }
    }

    @Test
    void gemmOnTwoThreadsMatchesNaiveTripleLoop() {
        ScalarBackend be = new ScalarBackend(2);
        long seed = 100;
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    checkGemm(be, transA, transB, 130, 37, 70, accumulate, 0, 0, 0, seed++);
                }
            }
        }
    }

    @Test
    void gemmHonoursOffsetsAndLeavesTheRestOfCUntouched() {
        ScalarBackend be = new ScalarBackend(1);
        long seed = 200;
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    checkGemm(be, transA, transB, 17, 5, 9, accumulate, 7, 3, 11, seed++);
                }
            }
        }
    }

    @Test
    void gemmWithoutAccumulateOverwritesGarbage() {
        ScalarBackend be = new ScalarBackend(1);
        float[] a = {1, 2, 3, 4};           // 2×2
        float[] b = {5, 6, 7, 8};           // 2×2
        float[] c = {Float.NaN, 1e30f, -7, 3};
        be.gemm(false, false, 2, 2, 2, a, 0, b, 0, c, 0, false);
        assertArrayEquals(new float[] {19, 22, 43, 50}, c);
        be.gemm(false, false, 2, 2, 2, a, 0, b, 0, c, 0, true);
        assertArrayEquals(new float[] {38, 44, 86, 100}, c);
    }

    @Test
    void gemmResultsAreBitIdenticalForOneAndTwoThreads() {
        ScalarBackend one = new ScalarBackend(1);
        ScalarBackend two = new ScalarBackend(2);
        assertEquals(2, two.threads());
        int m = 130;
        int n = 37;
        int k = 70;
        SplittableRandom r = new SplittableRandom(7);
        float[] a = random(r, m * k);
        float[] b = random(r, k * n);
        float[] c0 = random(r, m * n);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                for (boolean accumulate : new boolean[] {false, true}) {
                    float[] c1 = c0.clone();
                    float[] c2 = c0.clone();
                    one.gemm(transA, transB, m, n, k, a, 0, b, 0, c1, 0, accumulate);
                    two.gemm(transA, transB, m, n, k, a, 0, b, 0, c2, 0, accumulate);
                    assertArrayEquals(c1, c2, "transA=" + transA + " transB=" + transB + " acc=" + accumulate);
                }
            }
        }
    }
}
