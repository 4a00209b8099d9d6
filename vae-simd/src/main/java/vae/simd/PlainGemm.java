package vae.simd;

import java.util.Arrays;

/**
 * {@link SimdGemm}'s product in plain Java loops, with its exact sums: for each slice of k
 * ({@link SimdGemm#sliceSteps}), each element of C is one FMA chain over the slice in order,
 * starting from zero, then stored (the first slice, unless accumulating) or added to C. So the two
 * give the same bits, and {@link SimdBackend} can take either.
 *
 * <p>Why it exists: C1 compiles no Vector API operation to vector instructions, so without C2
 * ({@code -XX:TieredStopAtLevel=1}, which {@code ./vae} uses for commands of a few images) every
 * one is a method call and an allocation, and decoding 64 images spent a third of its time in
 * {@link GemmKernel}; C1 compiles this loop of {@code Math.fma} to a tight scalar loop. The backend
 * runs it when {@link SimdBackend#PLAIN_PROPERTY} is set.
 */
final class PlainGemm {
    private PlainGemm() {
    }

    /** Same contract as {@link SimdGemm#gemm(boolean, boolean, int, int, int, float[], int, float[], int, float[], int, boolean)}. */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOffset, float[] b,
                     int bOffset, float[] c, int cOffset, boolean accumulate) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative size: m=" + m + ", n=" + n + ", k=" + k);
        }
        if (k == 0) {
            if (!accumulate) {
                Arrays.fill(c, cOffset, cOffset + m * n, 0f);
            }
            return;
        }
        int step = SimdGemm.sliceSteps(k);
        float[] sums = new float[n];
        for (int i = 0; i < m; i++) {
            int row = cOffset + i * n;
            for (int p0 = 0; p0 < k; p0 += step) {
                int p1 = Math.min(k, p0 + step);
                if (transB) {
                    // B stored n×k: a column of op(B) is a row of B, so each sum is a dot product in p order.
                    for (int j = 0; j < n; j++) {
                        sums[j] = transA ? dotStrided(a, aOffset + p0 * m + i, m, b, bOffset + j * k + p0, p1 - p0)
                                : dot(a, aOffset + i * k + p0, b, bOffset + j * k + p0, p1 - p0);
                    }
                } else {
                    Arrays.fill(sums, 0f);
                    for (int p = p0; p < p1; p++) {
                        float av = transA ? a[aOffset + p * m + i] : a[aOffset + i * k + p];
                        fmaRow(av, b, bOffset + p * n, sums, n);
                    }
                }
                if (accumulate || p0 > 0) {
                    for (int j = 0; j < n; j++) {
                        c[row + j] += sums[j];
                    }
                } else {
                    System.arraycopy(sums, 0, c, row, n);
                }
            }
        }
    }

    /** {@code sums[j] = a·b[from + j] + sums[j]}, fused: one step p of every sum of a row. */
    private static void fmaRow(float a, float[] b, int from, float[] sums, int n) {
        for (int j = 0; j < n; j++) {
            sums[j] = Math.fma(a, b[from + j], sums[j]);
        }
    }

    /** {@code Σ a[ai + p]·b[bi + p]} over p < count, one FMA chain in p order from zero. */
    private static float dot(float[] a, int ai, float[] b, int bi, int count) {
        float sum = 0f;
        for (int p = 0; p < count; p++) {
            sum = Math.fma(a[ai + p], b[bi + p], sum);
        }
        return sum;
    }

    /** As {@link #dot}, with a's values {@code stride} apart. */
    private static float dotStrided(float[] a, int ai, int stride, float[] b, int bi, int count) {
        float sum = 0f;
        for (int p = 0; p < count; p++) {
            sum = Math.fma(a[ai + p * stride], b[bi + p], sum);
        }
        return sum;
    }
}
