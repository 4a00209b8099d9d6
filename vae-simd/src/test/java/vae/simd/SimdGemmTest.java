package vae.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vae.core.backend.ParallelRunner;

class SimdGemmTest {
    /** (m, k, n), the awkward ones around the tile and block edges and the VAE's own. */
    private static final int[][] SHAPES = {
        {1, 1, 1}, {1, 17, 1}, {1, 5, 40}, {40, 5, 1}, {15, 33, 17}, {17, 15, 33}, {33, 783, 1},
        {13, 2, 31}, {12, 300, 32}, {130, 70, 37}, {25, 513, 65}, {128, 400, 20}, {128, 784, 400},
        // Tiles with kernels of their own (SimdGemm.partialTile): 8 and 4 rows of a last panel, one
        // vector of columns (16 with AVX-512, alone or after a full panel), and both at once.
        {32, 20, 16}, {20, 130, 16}, {64, 9, 48}, {8, 3, 16}, {4, 17, 64}, {44, 5, 16}, {32, 300, 32},
    };
    private static final int A_OFFSET = 3;
    private static final int B_OFFSET = 5;
    private static final int C_OFFSET = 7;

    private final SimdGemm serial = new SimdGemm(new ParallelRunner(1));
    private final SimdGemm parallel = new SimdGemm(new ParallelRunner(2));

    @Test
    void everyTransposeCaseMatchesDoublePrecisionReference() {
        for (int[] shape : SHAPES) {
            Product product = new Product(shape[0], shape[1], shape[2]);
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    for (boolean accumulate : new boolean[] {false, true}) {
                        product.check(serial, transA, transB, accumulate);
                    }
                }
            }
        }
    }

    @Test
    void twoThreadsMatchTheReferenceToo() {
        // One row block in two column blocks; A smaller than one panel; two row blocks.
        new Product(128, 784, 400).check(parallel, false, true, false);
        new Product(5, 600, 3000).check(parallel, true, false, true);
        new Product(400, 128, 784).check(parallel, true, false, true);
    }

    @Test
    void overwritesGarbageWhenNotAccumulating() {
        int m = 17;
        int k = 9;
        int n = 35;
        SplittableRandom random = new SplittableRandom(3);
        float[] a = randomArray(random, m * k);
        float[] b = randomArray(random, k * n);
        float[] c = new float[m * n];
        Arrays.fill(c, Float.NaN);
        serial.gemm(false, false, m, n, k, a, 0, b, 0, c, 0, false);
        float[] clean = new float[m * n];
        serial.gemm(false, false, m, n, k, a, 0, b, 0, clean, 0, false);
        assertArrayEquals(clean, c);
    }

    @Test
    void leavesEverythingOutsideCUntouched() {
        int m = 13;
        int k = 7;
        int n = 19;
        SplittableRandom random = new SplittableRandom(4);
        float[] a = randomArray(random, m * k);
        float[] b = randomArray(random, k * n);
        float[] c = new float[C_OFFSET + m * n + 40];
        Arrays.fill(c, 42f);
        serial.gemm(true, true, m, n, k, a, 0, b, 0, c, C_OFFSET, false);
        for (int i = 0; i < C_OFFSET; i++) {
            assertEquals(42f, c[i]);
        }
        for (int i = C_OFFSET + m * n; i < c.length; i++) {
            assertEquals(42f, c[i]);
        }
    }

    @Test
    void nonFiniteLastRowAndColumnStayInTheirOwnRowAndColumn() {
        // Panels past the matrix edge are padded with copies of the last row or column; what they
        // compute must never reach C. NaN in the last row of op(A) and the last column of op(B)
        // must leave every other element of C exact (the rest of A and B hold small integers).
        for (int[] shape : new int[][] {{13, 40, 20}, {25, 33, 17}, {12, 300, 32}, {130, 70, 37}}) {
            int m = shape[0];
            int k = shape[1];
            int n = shape[2];
            float[] opA = new float[m * k];
            float[] opB = new float[k * n];
            SplittableRandom random = new SplittableRandom(7);
            for (int i = 0; i < m * k; i++) {
                opA[i] = i / k == m - 1 ? Float.NaN : random.nextInt(-3, 4);
            }
            for (int i = 0; i < k * n; i++) {
                opB[i] = i % n == n - 1 ? Float.NaN : random.nextInt(-3, 4);
            }
            for (boolean transA : new boolean[] {false, true}) {
                for (boolean transB : new boolean[] {false, true}) {
                    float[] a = new float[m * k];
                    float[] b = new float[k * n];
                    for (int i = 0; i < m; i++) {
                        for (int p = 0; p < k; p++) {
                            a[transA ? p * m + i : i * k + p] = opA[i * k + p];
                        }
                    }
                    for (int p = 0; p < k; p++) {
                        for (int j = 0; j < n; j++) {
                            b[transB ? j * k + p : p * n + j] = opB[p * n + j];
                        }
                    }
                    for (SimdGemm gemm : new SimdGemm[] {serial, parallel}) {
                        float[] c = new float[m * n];
                        gemm.gemm(transA, transB, m, n, k, a, 0, b, 0, c, 0, false);
                        for (int i = 0; i < m - 1; i++) {
                            for (int j = 0; j < n - 1; j++) {
                                float expected = 0f;
                                for (int p = 0; p < k; p++) {
                                    expected += opA[i * k + p] * opB[p * n + j];
                                }
                                assertEquals(expected, c[i * n + j], "m=" + m + " k=" + k + " n=" + n
                                        + " transA=" + transA + " transB=" + transB + " C[" + i + "," + j + "]");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void emptyKZeroesOrKeepsC() {
        float[] c = {1f, 2f, 3f, 4f};
        serial.gemm(false, false, 2, 2, 0, new float[0], 0, new float[0], 0, c, 0, true);
        assertArrayEquals(new float[] {1f, 2f, 3f, 4f}, c);
        serial.gemm(false, false, 2, 2, 0, new float[0], 0, new float[0], 0, c, 0, false);
        assertArrayEquals(new float[4], c);
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        // Big enough that the partition has many blocks and k several KC steps.
        int m = 200;
        int k = 600;
        int n = 300;
        SplittableRandom random = new SplittableRandom(5);
        float[] a = randomArray(random, m * k);
        float[] b = randomArray(random, k * n);
        for (boolean transA : new boolean[] {false, true}) {
            for (boolean transB : new boolean[] {false, true}) {
                float[] one = randomArray(new SplittableRandom(6), m * n);
                float[] two = one.clone();
                serial.gemm(transA, transB, m, n, k, a, 0, b, 0, one, 0, true);
                parallel.gemm(transA, transB, m, n, k, a, 0, b, 0, two, 0, true);
                assertArrayEquals(one, two, "transA=" + transA + " transB=" + transB);
            }
        }
    }

    @Test
    void partialTilesGiveTheBitsOfFullTiles() {
        // Rows 0..31 of a 36-row product (all full panels) against a 32-row product (8-row last
        // panel), 0..63 of 72 against 64 (4 rows), and columns 0..15 of 32 against 16 (one vector):
        // each element is the same FMA chain whichever kernel computes its tile.
        int k = 300; // more than one k slice, so the kernels also add to C
        SplittableRandom random = new SplittableRandom(9);
        float[] a = randomArray(random, 72 * k);
        float[] b = randomArray(random, k * 32);
        for (int[] cut : new int[][] {{36, 32, 32, 32}, {72, 64, 32, 32}, {36, 36, 32, 16}, {36, 32, 32, 16}}) {
            int bigM = cut[0], m = cut[1], bigN = cut[2], n = cut[3];
            float[] bNarrow = new float[k * n];
            for (int p = 0; p < k; p++) {
                System.arraycopy(b, p * bigN, bNarrow, p * n, n);
            }
            float[] whole = new float[bigM * bigN];
            float[] part = new float[m * n];
            serial.gemm(false, false, bigM, bigN, k, a, 0, b, 0, whole, 0, false);
            serial.gemm(false, false, m, n, k, a, 0, bNarrow, 0, part, 0, false);
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    assertEquals(Float.floatToRawIntBits(whole[i * bigN + j]), Float.floatToRawIntBits(part[i * n + j]),
                            java.util.Arrays.toString(cut) + " at " + i + "," + j);
                }
            }
        }
    }

    @Test
    void repeatedCallsWithSmallerShapesReuseBuffersCorrectly() {
        checkAgainstReference(serial, false, false, 64, 300, 100, false);
        checkAgainstReference(serial, true, true, 5, 3, 7, false);
        checkAgainstReference(serial, false, true, 30, 30, 30, true);
    }

    private static void checkAgainstReference(SimdGemm gemm, boolean transA, boolean transB,
                                              int m, int k, int n, boolean accumulate) {
        new Product(m, k, n).check(gemm, transA, transB, accumulate);
    }

    /**
     * Random op(A) (m×k), op(B) (k×n) and a starting C, with op(A)·op(B) and Σ|a||b| per element
     * in double computed once; {@link #check} stores them in either layout at nonzero offsets.
     */
    private static final class Product {
        final int m;
        final int k;
        final int n;
        final float[] a;
        final float[] b;
        final float[] c0;
        final double[] product;
        final double[] magnitude;

        Product(int m, int k, int n) {
            this.m = m;
            this.k = k;
            this.n = n;
            SplittableRandom random = new SplittableRandom(31L * m + 17L * k + n);
            a = randomArray(random, m * k);
            b = randomArray(random, k * n);
            c0 = randomArray(random, m * n);
            product = new double[m * n];
            magnitude = new double[m * n];
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    double x = a[i * k + p];
                    for (int j = 0; j < n; j++) {
                        double xy = x * b[p * n + j];
                        product[i * n + j] += xy;
                        magnitude[i * n + j] += Math.abs(xy);
                    }
                }
            }
        }

        void check(SimdGemm gemm, boolean transA, boolean transB, boolean accumulate) {
            float[] storedA = new float[A_OFFSET + m * k];
            float[] storedB = new float[B_OFFSET + k * n];
            for (int i = 0; i < m; i++) {
                for (int p = 0; p < k; p++) {
                    storedA[A_OFFSET + (transA ? p * m + i : i * k + p)] = a[i * k + p];
                }
            }
            for (int p = 0; p < k; p++) {
                for (int j = 0; j < n; j++) {
                    storedB[B_OFFSET + (transB ? j * k + p : p * n + j)] = b[p * n + j];
                }
            }
            float[] c = new float[C_OFFSET + m * n + 3];
            Arrays.fill(c, 42f);
            if (accumulate) {
                System.arraycopy(c0, 0, c, C_OFFSET, m * n);
            } else {
                Arrays.fill(c, C_OFFSET, C_OFFSET + m * n, Float.NaN);
            }
            gemm.gemm(transA, transB, m, n, k, storedA, A_OFFSET, storedB, B_OFFSET, c, C_OFFSET, accumulate);
            String what = "transA=" + transA + " transB=" + transB + " accumulate=" + accumulate
                    + " m=" + m + " k=" + k + " n=" + n;
            for (int e = 0; e < m * n; e++) {
                double expected = product[e] + (accumulate ? c0[e] : 0.0);
                double bound = 1e-5 * (magnitude[e] + (accumulate ? Math.abs(c0[e]) : 0.0)) + 1e-30;
                double got = c[C_OFFSET + e];
                if (!(Math.abs(got - expected) <= bound)) {
                    throw new AssertionError(what + ": C[" + e / n + "," + e % n + "] = " + got
                            + ", expected " + expected + " within " + bound);
                }
            }
            for (int i = 0; i < C_OFFSET; i++) {
                assertEquals(42f, c[i], what + ": wrote before C");
            }
            for (int i = C_OFFSET + m * n; i < c.length; i++) {
                assertEquals(42f, c[i], what + ": wrote after C");
            }
        }
    }

    private static float[] randomArray(SplittableRandom random, int size) {
        float[] x = new float[size];
        for (int i = 0; i < size; i++) {
            x[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return x;
    }
}
