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
 * a row of the stored matrix is copied with vector loads, columns are transposed. Past the matrix
 * edge a panel is padded (with zeros, copies of the last row, or what a previous panel left), so
 * the kernel never needs a tail: padding only meets rows or columns of a tile that the caller
 * throws away.
 */
final class GemmPacking {
    private GemmPacking() {
    }

    /**
     * {@code dst[d + p·MR + r] = op(A)[i0 + r, p]} for r < MR and p in [p0, p0 + kc), step p
     * written at {@code d + (p − p0)·MR}; padding for r ≥ rows. A is stored m×k, or k×m when
     * {@code transA}.
     */
    static void packA(boolean transA, float[] a, int aOffset, int m, int k, int i0, int rows,
                      int p0, int kc, float[] dst, int d) {
        if (transA) {
            copyRows(a, aOffset + p0 * m + i0, m, rows, MR, kc, dst, d);
        } else {
            transposeRows(a, aOffset + i0 * k + p0, k, rows, MR, kc, dst, d);
        }
    }

    /**
     * {@code dst[d + p·NR + c] = op(B)[p, j0 + c]} for c < NR and p in [p0, p0 + kc), step p
     * written at {@code d + (p − p0)·NR}; padding for c ≥ cols. B is stored k×n, or n×k when
     * {@code transB}.
     */
    static void packB(boolean transB, float[] b, int bOffset, int n, int k, int j0, int cols,
                      int p0, int kc, float[] dst, int d) {
        if (transB) {
            transposeRows(b, bOffset + j0 * k + p0, k, cols, NR, kc, dst, d);
        } else {
            copyRows(b, bOffset + p0 * n + j0, n, cols, NR, kc, dst, d);
        }
    }

    /**
     * The panel's step p is the {@code count} floats at {@code src + p·stride}: whole-vector
     * copies. A panel narrower than its vectors (MR = 12 rows of 16-float vectors) is still
     * copied in whole vectors: each step's extra lanes land on the next step, which overwrites
     * them, and the last step's on the next panel (packed after this one) or the buffer's slack;
     * lanes past {@code count} read on into the source, pad the panel, and only meet results that
     * are thrown away. Only where a whole vector would read past the source array's end do the
     * copies take masks (only those steps: a masked load costs a per-lane bounds check), which read zeros
     * past {@code count}.
     */
    private static void copyRows(float[] src, int start, int stride, int count, int width, int kc,
                                 float[] dst, int d) {
        for (int lane0 = 0; lane0 < width; lane0 += VL) {
            int si = start + lane0;
            int di = d + lane0;
            // steps whose whole vector stays inside the array: the masked load costs a per-lane check
            long room = (long) src.length - VL - si;
            int whole = room < 0 ? 0 : (int) Math.min(kc, room / stride + 1);
            int p = 0;
            for (; p < whole; p++, si += stride, di += width) {
                FloatVector.fromArray(SPECIES, src, si).intoArray(dst, di);
            }
            if (p < kc) {
                VectorMask<Float> load = SPECIES.indexInRange(lane0, count);
                for (; p < kc; p++, si += stride, di += width) {
                    FloatVector.fromArray(SPECIES, src, si, load).intoArray(dst, di);
                }
            }
        }
    }

    /**
     * The panel's step p is element p of {@code count ≤ width} stored rows {@code stride} floats
     * apart, starting at {@code src[start]}: a transpose. With 16-float vectors it is done 16
     * rows × 16 steps at a time in registers ({@link #transpose16}); the last {@code kc mod 16}
     * steps, and other vector sizes, go through the scalar {@link #gatherColumns}.
     */
    static void transposeRows(float[] src, int start, int stride, int count, int width, int kc,
                              float[] dst, int d) {
        int full = VL == 16 && width <= 32 ? kc & ~15 : 0;
        if (full > 0) {
            int rows0 = Math.min(16, count);
            int rows1 = Math.min(16, count - 16);
            for (int p0 = 0; p0 < full; p0 += 16) {
                transpose16(src, start + p0, stride, rows0, dst, d + p0 * width, width);
                if (rows1 > 0) {
                    transpose16(src, start + 16 * stride + p0, stride, rows1, dst, d + p0 * width + 16, width);
                }
            }
        }
        if (full < kc) {
            gatherColumns(src, start + full, stride, count, width, kc - full, dst, d + full * width);
        }
    }

    /**
     * Index vectors of the four stages of {@link #transpose16}, two per stage: stage j swaps bit j
     * of the row with bit j of the lane, pairing rows r and r + 2^j (bit j clear in r). Indices 0–15
     * pick lanes of the first row, 16–31 of the second.
     */
    private static final float[] TRANSPOSE_INDEX = new float[8 * 16];

    static {
        for (int j = 0; j < 4; j++) {
            int bit = 1 << j;
            for (int lane = 0; lane < 16; lane++) {
                boolean high = (lane & bit) != 0;
                TRANSPOSE_INDEX[2 * j * 16 + lane] = high ? 16 + lane - bit : lane;
                TRANSPOSE_INDEX[(2 * j + 1) * 16 + lane] = high ? 16 + lane : lane + bit;
            }
        }
    }

    /**
     * Transposes 16 rows × 16 floats (AVX-512 only): row r is {@code src[s + r·stride …+16]} for
     * r < rows (at least 1), and rows past that repeat the last one (their lanes pad a panel, whose
     * padding only ever meets results that are thrown away; a branch here would cost a recompile
     * per new shape); output row p (lane r = input row r, element p) is stored at
     * {@code dst[d + p·dstStride]}, in order of p, so with {@code dstStride < 16} each store's
     * extra lanes are overwritten by the next one, and the last store's by what is packed after
     * it (or they fall in the buffer's slack; see {@link #copyRows}). A masked last store would
     * go through a per-lane bounds check (AbstractMask.checkIndexByLane) that C2 does not remove:
     * 6 % of a conv-vae step. 64 two-vector permutes (vpermi2ps) for 256 floats. Straight-line
     * code with the vectors in locals: an array of vectors would put them on the heap.
     */
    private static void transpose16(float[] src, int s, int stride, int rows,
                                    float[] dst, int d, int dstStride) {
        int last = rows - 1;
        FloatVector v0 = FloatVector.fromArray(SPECIES, src, s + Math.min(0, last) * stride);
        FloatVector v1 = FloatVector.fromArray(SPECIES, src, s + Math.min(1, last) * stride);
        FloatVector v2 = FloatVector.fromArray(SPECIES, src, s + Math.min(2, last) * stride);
        FloatVector v3 = FloatVector.fromArray(SPECIES, src, s + Math.min(3, last) * stride);
        FloatVector v4 = FloatVector.fromArray(SPECIES, src, s + Math.min(4, last) * stride);
        FloatVector v5 = FloatVector.fromArray(SPECIES, src, s + Math.min(5, last) * stride);
        FloatVector v6 = FloatVector.fromArray(SPECIES, src, s + Math.min(6, last) * stride);
        FloatVector v7 = FloatVector.fromArray(SPECIES, src, s + Math.min(7, last) * stride);
        FloatVector v8 = FloatVector.fromArray(SPECIES, src, s + Math.min(8, last) * stride);
        FloatVector v9 = FloatVector.fromArray(SPECIES, src, s + Math.min(9, last) * stride);
        FloatVector v10 = FloatVector.fromArray(SPECIES, src, s + Math.min(10, last) * stride);
        FloatVector v11 = FloatVector.fromArray(SPECIES, src, s + Math.min(11, last) * stride);
        FloatVector v12 = FloatVector.fromArray(SPECIES, src, s + Math.min(12, last) * stride);
        FloatVector v13 = FloatVector.fromArray(SPECIES, src, s + Math.min(13, last) * stride);
        FloatVector v14 = FloatVector.fromArray(SPECIES, src, s + Math.min(14, last) * stride);
        FloatVector v15 = FloatVector.fromArray(SPECIES, src, s + Math.min(15, last) * stride);
        FloatVector t0;
        FloatVector t1;
        FloatVector lo0 = FloatVector.fromArray(SPECIES, TRANSPOSE_INDEX, 0);
        FloatVector hi0 = FloatVector.fromArray(SPECIES, TRANSPOSE_INDEX, 16);
        t0 = lo0.selectFrom(v0, v1); t1 = hi0.selectFrom(v0, v1); v0 = t0; v1 = t1;
        t0 = lo0.selectFrom(v2, v3); t1 = hi0.selectFrom(v2, v3); v2 = t0; v3 = t1;
        t0 = lo0.selectFrom(v4, v5); t1 = hi0.selectFrom(v4, v5); v4 = t0; v5 = t1;
        t0 = lo0.selectFrom(v6, v7); t1 = hi0.selectFrom(v6, v7); v6 = t0; v7 = t1;
        t0 = lo0.selectFrom(v8, v9); t1 = hi0.selectFrom(v8, v9); v8 = t0; v9 = t1;
        t0 = lo0.selectFrom(v10, v11); t1 = hi0.selectFrom(v10, v11); v10 = t0; v11 = t1;
        t0 = lo0.selectFrom(v12, v13); t1 = hi0.selectFrom(v12, v13); v12 = t0; v13 = t1;
        t0 = lo0.selectFrom(v14, v15); t1 = hi0.selectFrom(v14, v15); v14 = t0; v15 = t1;
        FloatVector lo1 = FloatVector.fromArray(SPECIES, TRANSPOSE_INDEX, 32);
        FloatVector hi1 = FloatVector.fromArray(SPECIES, TRANSPOSE_INDEX, 48);
        t0 = lo1.selectFrom(v0, v2); t1 = hi1.selectFrom(v0, v2); v0 = t0; v2 = t1;
        t0 = lo1.selectFrom(v1, v3); t1 = hi1.selectFrom(v1, v3); v1 = t0; v3 = t1;
        t0 = lo1.selectFrom(v4, v6); t1 = hi1.selectFrom(v4, v6); v4 = t0; v6 = t1;
        t0 = lo1.selectFrom(v5, v7); t1 = hi1.selectFrom(v5, v7); v5 = t0; v7 = t1;
        t0 = lo1.selectFrom(v8, v10); t1 = hi1.selectFrom(v8, v10); v8 = t0; v10 = t1;
        t0 = lo1.selectFrom(v9, v11); t1 = hi1.selectFrom(v9, v11); v9 = t0; v11 = t1;
        t0 = lo1.selectFrom(v12, v14); t1 = hi1.selectFrom(v12, v14); v12 = t0; v14 = t1;
        t0 = lo1.selectFrom(v13, v15); t1 = hi1.selectFrom(v13, v15); v13 = t0; v15 = t1;
        FloatVector lo2 = FloatVector.fromArray(SPECIES, TRANSPOSE_INDEX, 64);
        FloatVector hi2 = FloatVector.fromArray(SPECIES, TRANSPOSE_INDEX, 80);
        t0 = lo2.selectFrom(v0, v4); t1 = hi2.selectFrom(v0, v4); v0 = t0; v4 = t1;
        t0 = lo2.selectFrom(v1, v5); t1 = hi2.selectFrom(v1, v5); v1 = t0; v5 = t1;
        t0 = lo2.selectFrom(v2, v6); t1 = hi2.selectFrom(v2, v6); v2 = t0; v6 = t1;
        t0 = lo2.selectFrom(v3, v7); t1 = hi2.selectFrom(v3, v7); v3 = t0; v7 = t1;
        t0 = lo2.selectFrom(v8, v12); t1 = hi2.selectFrom(v8, v12); v8 = t0; v12 = t1;
        t0 = lo2.selectFrom(v9, v13); t1 = hi2.selectFrom(v9, v13); v9 = t0; v13 = t1;
        t0 = lo2.selectFrom(v10, v14); t1 = hi2.selectFrom(v10, v14); v10 = t0; v14 = t1;
        t0 = lo2.selectFrom(v11, v15); t1 = hi2.selectFrom(v11, v15); v11 = t0; v15 = t1;
        FloatVector lo3 = FloatVector.fromArray(SPECIES, TRANSPOSE_INDEX, 96);
        FloatVector hi3 = FloatVector.fromArray(SPECIES, TRANSPOSE_INDEX, 112);
        t0 = lo3.selectFrom(v0, v8); t1 = hi3.selectFrom(v0, v8); v0 = t0; v8 = t1;
        t0 = lo3.selectFrom(v1, v9); t1 = hi3.selectFrom(v1, v9); v1 = t0; v9 = t1;
        t0 = lo3.selectFrom(v2, v10); t1 = hi3.selectFrom(v2, v10); v2 = t0; v10 = t1;
        t0 = lo3.selectFrom(v3, v11); t1 = hi3.selectFrom(v3, v11); v3 = t0; v11 = t1;
        t0 = lo3.selectFrom(v4, v12); t1 = hi3.selectFrom(v4, v12); v4 = t0; v12 = t1;
        t0 = lo3.selectFrom(v5, v13); t1 = hi3.selectFrom(v5, v13); v5 = t0; v13 = t1;
        t0 = lo3.selectFrom(v6, v14); t1 = hi3.selectFrom(v6, v14); v6 = t0; v14 = t1;
        t0 = lo3.selectFrom(v7, v15); t1 = hi3.selectFrom(v7, v15); v7 = t0; v15 = t1;
        v0.intoArray(dst, d + 0 * dstStride);
        v1.intoArray(dst, d + 1 * dstStride);
        v2.intoArray(dst, d + 2 * dstStride);
        v3.intoArray(dst, d + 3 * dstStride);
        v4.intoArray(dst, d + 4 * dstStride);
        v5.intoArray(dst, d + 5 * dstStride);
        v6.intoArray(dst, d + 6 * dstStride);
        v7.intoArray(dst, d + 7 * dstStride);
        v8.intoArray(dst, d + 8 * dstStride);
        v9.intoArray(dst, d + 9 * dstStride);
        v10.intoArray(dst, d + 10 * dstStride);
        v11.intoArray(dst, d + 11 * dstStride);
        v12.intoArray(dst, d + 12 * dstStride);
        v13.intoArray(dst, d + 13 * dstStride);
        v14.intoArray(dst, d + 14 * dstStride);
        v15.intoArray(dst, d + 15 * dstStride);
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
