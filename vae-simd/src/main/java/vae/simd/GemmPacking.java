package vae.simd;

import static vae.simd.GemmKernel.MR;
import static vae.simd.GemmKernel.NR;
import static vae.simd.GemmKernel.SPECIES;
import static vae.simd.GemmKernel.VL;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Copies op(A) into MR-row panels and op(B) into NR-column panels, each contiguous along k
 * (step p of a panel is MR or NR consecutive floats), read straight from either stored layout:
 * a row of the stored matrix is copied with vector loads, a column is gathered. Past the matrix
 * edge a panel is zero-padded, so the kernel never needs a tail.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /**
     * {@code dst[d + p·MR + r] = op(A)[i0 + r, p]} for r < MR and p in [p0, p0 + kc), step p
     * written at {@code d + (p − p0)·MR}; zero for r ≥ rows. A is stored m×k, or k×m when
     * {@code transA}.
     */
    static void packA(boolean transA, float[] a, int aOffset, int m, int k, int i0, int rows,
                      int p0, int kc, float[] dst, int d) {
        if (transA) {
            copyRows(a, aOffset + p0 * m + i0, m, rows, MR, kc, dst, d);
        } else {
            gatherColumns(a, aOffset + i0 * k + p0, k, rows, MR, kc, dst, d);
        }
    }

    /**
     * {@code dst[d + p·NR + c] = op(B)[p, j0 + c]} for c < NR and p in [p0, p0 + kc), step p
     * written at {@code d + (p − p0)·NR}; zero for c ≥ cols. B is stored k×n, or n×k when
     * {@code transB}.
     */
    static void packB(boolean transB, float[] b, int bOffset, int n, int k, int j0, int cols,
                      int p0, int kc, float[] dst, int d) {
        if (transB) {
            gatherColumns(b, bOffset + j0 * k + p0, k, cols, NR, kc, dst, d);
        } else {
            copyRows(b, bOffset + p0 * n + j0, n, cols, NR, kc, dst, d);
        }
    }

    /**
     * The panel's step p is the {@code count} floats at {@code src + p·stride}: vector copies,
     * masked only on the panel's last, partial vector.
     */
    private static void copyRows(float[] src, int start, int stride, int count, int width, int kc,
                                 float[] dst, int d) {
        for (int lane0 = 0; lane0 < width; lane0 += VL) {
            VectorMask<Float> load = SPECIES.indexInRange(lane0, count);
            VectorMask<Float> store = SPECIES.indexInRange(lane0, width);
            int si = start + lane0;
            int di = d + lane0;
            if (lane0 + VL <= count && lane0 + VL <= width) {
                for (int p = 0; p < kc; p++, si += stride, di += width) {
                    FloatVector.fromArray(SPECIES, src, si).intoArray(dst, di);
                }
            } else {
                for (int p = 0; p < kc; p++, si += stride, di += width) {
                    FloatVector.fromArray(SPECIES, src, si, load).intoArray(dst, di, store);
                }
            }
        }
    }

    /**
     * The panel's step p is element p of {@code count} stored rows {@code stride} floats apart,
     * starting at {@code src[start]}: a transpose, done in blocks of TRANSPOSE_STEPS steps so that
     * both the rows read and the panel written stay in L1.
     */
    private static void gatherColumns(float[] src, int start, int stride, int count, int width, int kc,
                                      float[] dst, int d) {
        for (int p0 = 0; p0 < kc; p0 += TRANSPOSE_STEPS) {
            int steps = Math.min(TRANSPOSE_STEPS, kc - p0);
            for (int lane = 0; lane < count; lane++) {
                int si = start + lane * stride + p0;
                int di = d + p0 * width + lane;
                for (int p = 0; p < steps; p++, di += width) {
                    dst[di] = src[si + p];
                }
            }
            for (int p = 0; p < steps; p++) {
                int di = d + (p0 + p) * width;
                for (int lane = count; lane < width; lane++) {
                    dst[di + lane] = 0f;
                }
            }
        }
    }

    /** Steps of k per transpose block: 16 floats are one cache line of each row read. */
    private static final int TRANSPOSE_STEPS = 16;
}
