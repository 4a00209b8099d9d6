package vae.simd;

import static vae.simd.GemmKernel.MR;
import static vae.simd.GemmKernel.NR;
import static vae.simd.GemmKernel.SPECIES;
import static vae.simd.GemmKernel.VL;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;

/**
 * Copies op(A) into MR-row panels and op(B) into NR-column panels, each contiguous along k
 * (step p of a panel is MR or NR consecutive floats), read straight from either stored layout.
 * Past the matrix edge a panel is zero-padded, so the kernel never needs a tail.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /**
     * {@code dst[d + p·MR + r] = op(A)[i0 + r, p]} for r < MR, p < k (zero for r ≥ rows). A is
     * stored m×k, or k×m when {@code transA}.
     */
    static void packA(boolean transA, float[] a, int aOffset, int m, int k, int i0, int rows,
                      float[] dst, int d) {
        if (transA) {
            // Row p of the stored k×m matrix holds the panel's step p contiguously.
            for (int r = 0; r < MR; r += VL) {
                VectorMask<Float> load = SPECIES.indexInRange(r, rows);
                VectorMask<Float> store = SPECIES.indexInRange(r, MR);
                int src = aOffset + i0 + r;
                int di = d + r;
                for (int p = 0; p < k; p++, src += m, di += MR) {
                    FloatVector.fromArray(SPECIES, a, src, load).intoArray(dst, di, store);
                }
            }
        } else {
            // Each stored row is read sequentially and written with stride MR.
            for (int r = 0; r < rows; r++) {
                int src = aOffset + (i0 + r) * k;
                int di = d + r;
                for (int p = 0; p < k; p++, di += MR) {
                    dst[di] = a[src + p];
                }
            }
            zeroColumns(dst, d, MR, rows, k);
        }
    }

    /**
     * {@code dst[d + p·NR + c] = op(B)[p, j0 + c]} for c < NR, p < k (zero for c ≥ cols). B is
     * stored k×n, or n×k when {@code transB}.
     */
    static void packB(boolean transB, float[] b, int bOffset, int n, int k, int j0, int cols,
                      float[] dst, int d) {
        if (transB) {
            for (int c = 0; c < cols; c++) {
                int src = bOffset + (j0 + c) * k;
                int di = d + c;
                for (int p = 0; p < k; p++, di += NR) {
                    dst[di] = b[src + p];
                }
            }
            zeroColumns(dst, d, NR, cols, k);
        } else {
            // Row p of the stored k×n matrix holds the panel's step p contiguously.
            VectorMask<Float> m0 = SPECIES.indexInRange(0, cols);
            VectorMask<Float> m1 = SPECIES.indexInRange(VL, cols);
            int src = bOffset + j0;
            int di = d;
            for (int p = 0; p < k; p++, src += n, di += NR) {
                FloatVector.fromArray(SPECIES, b, src, m0).intoArray(dst, di);
                FloatVector.fromArray(SPECIES, b, src + VL, m1).intoArray(dst, di + VL);
            }
        }
    }

    /** Zeroes lanes [from, width) of every step of a panel {@code width} floats wide. */
    private static void zeroColumns(float[] dst, int d, int width, int from, int k) {
        if (from == width) {
            return;
        }
        for (int p = 0; p < k; p++) {
            int di = d + p * width;
            for (int r = from; r < width; r++) {
                dst[di + r] = 0f;
            }
        }
    }
}
