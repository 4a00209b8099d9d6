package vae.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernel of {@link SimdGemm}: one MR×NR tile of C from an MR-row
 * panel of packed A and an NR-column panel of packed B.
 *
 * <p>The tile is MR = 12 rows × NR = 2 vectors (2×16 = 32 floats with AVX-512): 24 accumulators,
 * 2 B vectors and one broadcast A value fit in the 32 vector registers. Per step of k it does
 * 2 vector loads, 12 broadcast loads and 24 FMAs, so the two FMA ports, not the load ports, set
 * the pace.
 */
final class GemmKernel {
    static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** Floats per vector: 16 with AVX-512, 8 with AVX2. */
    static final int VL = SPECIES.length();
    /** Rows of the register tile (broadcast side). */
    static final int MR = 12;
    /** Columns of the register tile (vector side): two vectors. */
    static final int NR = 2 * VL;

    private GemmKernel() {
    }

    /**
     * One tile: {@code C[rows×cols] = A·B} or, with {@code addToC}, {@code C[rows×cols] += A·B}
     * over {@code kc} steps of k. Step p reads MR consecutive floats of A at
     * {@code ap[aIndex + p·aStep]} and NR of B at {@code bp[bIndex + p·bStep]}: a packed panel
     * (step MR or NR) or a stored row-major matrix whose rows already run along the tile (step m
     * or n). Both hold a full MR and NR floats per step (a panel is zero-padded past the edge), so
     * the loop has no tail; only the store is cut to the tile's real {@code rows ≤ MR} and
     * {@code cols ≤ NR}. The loads, FMAs and stores stay in this one method: a helper taking a
     * FloatVector that C2 did not inline would box every vector.
     */
    static void tile(float[] ap, int aIndex, int aStep, float[] bp, int bIndex, int bStep, int kc,
                     float[] c, int cIndex, int ldc, int rows, int cols, boolean addToC) {
        FloatVector c00 = FloatVector.zero(SPECIES); FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES); FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES); FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES); FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES); FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES); FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES); FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES); FloatVector c71 = FloatVector.zero(SPECIES);
        FloatVector c80 = FloatVector.zero(SPECIES); FloatVector c81 = FloatVector.zero(SPECIES);
        FloatVector c90 = FloatVector.zero(SPECIES); FloatVector c91 = FloatVector.zero(SPECIES);
        FloatVector c100 = FloatVector.zero(SPECIES); FloatVector c101 = FloatVector.zero(SPECIES);
        FloatVector c110 = FloatVector.zero(SPECIES); FloatVector c111 = FloatVector.zero(SPECIES);
        int ai = aIndex;
        int bi = bIndex;
        for (int p = 0; p < kc; p++, ai += aStep, bi += bStep) {
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + VL);
            FloatVector a0 = FloatVector.broadcast(SPECIES, ap[ai]);
            c00 = a0.fma(b0, c00);
            c01 = a0.fma(b1, c01);
            FloatVector a1 = FloatVector.broadcast(SPECIES, ap[ai + 1]);
            c10 = a1.fma(b0, c10);
            c11 = a1.fma(b1, c11);
            FloatVector a2 = FloatVector.broadcast(SPECIES, ap[ai + 2]);
            c20 = a2.fma(b0, c20);
            c21 = a2.fma(b1, c21);
            FloatVector a3 = FloatVector.broadcast(SPECIES, ap[ai + 3]);
            c30 = a3.fma(b0, c30);
            c31 = a3.fma(b1, c31);
            FloatVector a4 = FloatVector.broadcast(SPECIES, ap[ai + 4]);
            c40 = a4.fma(b0, c40);
            c41 = a4.fma(b1, c41);
            FloatVector a5 = FloatVector.broadcast(SPECIES, ap[ai + 5]);
            c50 = a5.fma(b0, c50);
            c51 = a5.fma(b1, c51);
            FloatVector a6 = FloatVector.broadcast(SPECIES, ap[ai + 6]);
            c60 = a6.fma(b0, c60);
            c61 = a6.fma(b1, c61);
            FloatVector a7 = FloatVector.broadcast(SPECIES, ap[ai + 7]);
            c70 = a7.fma(b0, c70);
            c71 = a7.fma(b1, c71);
            FloatVector a8 = FloatVector.broadcast(SPECIES, ap[ai + 8]);
            c80 = a8.fma(b0, c80);
            c81 = a8.fma(b1, c81);
            FloatVector a9 = FloatVector.broadcast(SPECIES, ap[ai + 9]);
            c90 = a9.fma(b0, c90);
            c91 = a9.fma(b1, c91);
            FloatVector a10 = FloatVector.broadcast(SPECIES, ap[ai + 10]);
            c100 = a10.fma(b0, c100);
            c101 = a10.fma(b1, c101);
            FloatVector a11 = FloatVector.broadcast(SPECIES, ap[ai + 11]);
            c110 = a11.fma(b0, c110);
            c111 = a11.fma(b1, c111);
        }
        VectorMask<Float> m0 = SPECIES.indexInRange(0, cols);
        VectorMask<Float> m1 = SPECIES.indexInRange(VL, cols);
        {
            int ci = cIndex;
            if (addToC) {
                c00 = c00.add(FloatVector.fromArray(SPECIES, c, ci, m0));
                c01 = c01.add(FloatVector.fromArray(SPECIES, c, ci + VL, m1));
            }
            c00.intoArray(c, ci, m0);
            c01.intoArray(c, ci + VL, m1);
        }
        if (rows > 1) {
            int ci = cIndex + ldc;
            if (addToC) {
                c10 = c10.add(FloatVector.fromArray(SPECIES, c, ci, m0));
                c11 = c11.add(FloatVector.fromArray(SPECIES, c, ci + VL, m1));
            }
            c10.intoArray(c, ci, m0);
            c11.intoArray(c, ci + VL, m1);
        }
        if (rows > 2) {
            int ci = cIndex + 2 * ldc;
            if (addToC) {
                c20 = c20.add(FloatVector.fromArray(SPECIES, c, ci, m0));
                c21 = c21.add(FloatVector.fromArray(SPECIES, c, ci + VL, m1));
            }
            c20.intoArray(c, ci, m0);
            c21.intoArray(c, ci + VL, m1);
        }
        if (rows > 3) {
            int ci = cIndex + 3 * ldc;
            if (addToC) {
                c30 = c30.add(FloatVector.fromArray(SPECIES, c, ci, m0));
                c31 = c31.add(FloatVector.fromArray(SPECIES, c, ci + VL, m1));
            }
            c30.intoArray(c, ci, m0);
            c31.intoArray(c, ci + VL, m1);
        }
        if (rows > 4) {
            int ci = cIndex + 4 * ldc;
            if (addToC) {
                c40 = c40.add(FloatVector.fromArray(SPECIES, c, ci, m0));
                c41 = c41.add(FloatVector.fromArray(SPECIES, c, ci + VL, m1));
            }
            c40.intoArray(c, ci, m0);
            c41.intoArray(c, ci + VL, m1);
        }
        if (rows > 5) {
            int ci = cIndex + 5 * ldc;
            if (addToC) {
                c50 = c50.add(FloatVector.fromArray(SPECIES, c, ci, m0));
                c51 = c51.add(FloatVector.fromArray(SPECIES, c, ci + VL, m1));
            }
            c50.intoArray(c, ci, m0);
            c51.intoArray(c, ci + VL, m1);
        }
        if (rows > 6) {
            int ci = cIndex + 6 * ldc;
            if (addToC) {
                c60 = c60.add(FloatVector.fromArray(SPECIES, c, ci, m0));
                c61 = c61.add(FloatVector.fromArray(SPECIES, c, ci + VL, m1));
            }
            c60.intoArray(c, ci, m0);
            c61.intoArray(c, ci + VL, m1);
        }
        if (rows > 7) {
            int ci = cIndex + 7 * ldc;
            if (addToC) {
                c70 = c70.add(FloatVector.fromArray(SPECIES, c, ci, m0));
                c71 = c71.add(FloatVector.fromArray(SPECIES, c, ci + VL, m1));
            }
            c70.intoArray(c, ci, m0);
            c71.intoArray(c, ci + VL, m1);
        }
        if (rows > 8) {
            int ci = cIndex + 8 * ldc;
            if (addToC) {
                c80 = c80.add(FloatVector.fromArray(SPECIES, c, ci, m0));
                c81 = c81.add(FloatVector.fromArray(SPECIES, c, ci + VL, m1));
            }
            c80.intoArray(c, ci, m0);
            c81.intoArray(c, ci + VL, m1);
        }
        if (rows > 9) {
            int ci = cIndex + 9 * ldc;
            if (addToC) {
                c90 = c90.add(FloatVector.fromArray(SPECIES, c, ci, m0));
                c91 = c91.add(FloatVector.fromArray(SPECIES, c, ci + VL, m1));
            }
            c90.intoArray(c, ci, m0);
            c91.intoArray(c, ci + VL, m1);
        }
        if (rows > 10) {
            int ci = cIndex + 10 * ldc;
            if (addToC) {
                c100 = c100.add(FloatVector.fromArray(SPECIES, c, ci, m0));
                c101 = c101.add(FloatVector.fromArray(SPECIES, c, ci + VL, m1));
            }
            c100.intoArray(c, ci, m0);
            c101.intoArray(c, ci + VL, m1);
        }
        if (rows > 11) {
            int ci = cIndex + 11 * ldc;
            if (addToC) {
                c110 = c110.add(FloatVector.fromArray(SPECIES, c, ci, m0));
                c111 = c111.add(FloatVector.fromArray(SPECIES, c, ci + VL, m1));
            }
            c110.intoArray(c, ci, m0);
            c111.intoArray(c, ci + VL, m1);
        }
    }
}
