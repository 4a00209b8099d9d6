package vae.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The register-blocked micro-kernel of {@link SimdGemm}: MR×NR tiles of C from MR-row
 * panels of packed A and an NR-column panel of packed B.
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
     * A column of full tiles: {@code C[MR·panels × NR] += A·B} over {@code kc} steps of k, for the
     * packed A panels {@code ip0 … ip0+panels−1} against one packed B panel. A panel {@code ip}
     * starts at {@code ap[ip·MR·kc]} and holds MR floats per step; the B panel holds NR floats per
     * step from {@code bp[0]}. Tile i covers rows {@code i·MR…} from {@code c[cIndex + i·MR·ldc]}.
     * With {@code add} the sums are added to C, without it they overwrite C, which is then
     * neither read nor needs zeroing first (the first slice of k when not accumulating). The
     * caller points partial tiles at a scratch tile, so this code has no other branch besides its
     * loops: a branch the profile had never seen taken would be compiled as a trap, and hitting it
     * (a new shape) would send the kernel back to the interpreter for seconds. ({@code add} is
     * seen both ways as soon as one product has k > KC.)
     *
     * <p>Every element of C is one FMA chain over p = 0…kc−1 in order, stored or added to C at
     * the end: the result depends on the KC slicing of k only, never on which panel or block it
     * falls in.
     *
     * <p>The strides are constants, so C2 hoists the range checks out of the k loop; the tile loop
     * is inside this method (not a call per tile) so an on-stack-replacement compile covers all the
     * tiles while the method still runs interpreted at startup. The loads, FMAs and stores stay in
     * this one method: a helper taking a FloatVector that C2 did not inline would box every vector.
     */
    static void panels(float[] ap, int ip0, int panels, float[] bp, int kc, float[] c, int cIndex, int ldc,
                       boolean add) {
        for (int ip = 0; ip < panels; ip++) {
            int aBase = (ip0 + ip) * MR * kc;
            int ciBase = cIndex + ip * MR * ldc;
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
            for (int p = 0; p < kc; p++) {
                int ai = aBase + p * MR;
                int bi = p * NR;
                FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
                FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + VL);
                FloatVector a0 = FloatVector.broadcast(SPECIES, ap[ai + 0]);
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
            if (add) {
                c00.add(FloatVector.fromArray(SPECIES, c, ciBase)).intoArray(c, ciBase);
                c01.add(FloatVector.fromArray(SPECIES, c, ciBase + VL)).intoArray(c, ciBase + VL);
                c10.add(FloatVector.fromArray(SPECIES, c, ciBase + 1 * ldc)).intoArray(c, ciBase + 1 * ldc);
                c11.add(FloatVector.fromArray(SPECIES, c, ciBase + 1 * ldc + VL)).intoArray(c, ciBase + 1 * ldc + VL);
                c20.add(FloatVector.fromArray(SPECIES, c, ciBase + 2 * ldc)).intoArray(c, ciBase + 2 * ldc);
                c21.add(FloatVector.fromArray(SPECIES, c, ciBase + 2 * ldc + VL)).intoArray(c, ciBase + 2 * ldc + VL);
                c30.add(FloatVector.fromArray(SPECIES, c, ciBase + 3 * ldc)).intoArray(c, ciBase + 3 * ldc);
                c31.add(FloatVector.fromArray(SPECIES, c, ciBase + 3 * ldc + VL)).intoArray(c, ciBase + 3 * ldc + VL);
                c40.add(FloatVector.fromArray(SPECIES, c, ciBase + 4 * ldc)).intoArray(c, ciBase + 4 * ldc);
                c41.add(FloatVector.fromArray(SPECIES, c, ciBase + 4 * ldc + VL)).intoArray(c, ciBase + 4 * ldc + VL);
                c50.add(FloatVector.fromArray(SPECIES, c, ciBase + 5 * ldc)).intoArray(c, ciBase + 5 * ldc);
                c51.add(FloatVector.fromArray(SPECIES, c, ciBase + 5 * ldc + VL)).intoArray(c, ciBase + 5 * ldc + VL);
                c60.add(FloatVector.fromArray(SPECIES, c, ciBase + 6 * ldc)).intoArray(c, ciBase + 6 * ldc);
                c61.add(FloatVector.fromArray(SPECIES, c, ciBase + 6 * ldc + VL)).intoArray(c, ciBase + 6 * ldc + VL);
                c70.add(FloatVector.fromArray(SPECIES, c, ciBase + 7 * ldc)).intoArray(c, ciBase + 7 * ldc);
                c71.add(FloatVector.fromArray(SPECIES, c, ciBase + 7 * ldc + VL)).intoArray(c, ciBase + 7 * ldc + VL);
                c80.add(FloatVector.fromArray(SPECIES, c, ciBase + 8 * ldc)).intoArray(c, ciBase + 8 * ldc);
                c81.add(FloatVector.fromArray(SPECIES, c, ciBase + 8 * ldc + VL)).intoArray(c, ciBase + 8 * ldc + VL);
                c90.add(FloatVector.fromArray(SPECIES, c, ciBase + 9 * ldc)).intoArray(c, ciBase + 9 * ldc);
                c91.add(FloatVector.fromArray(SPECIES, c, ciBase + 9 * ldc + VL)).intoArray(c, ciBase + 9 * ldc + VL);
                c100.add(FloatVector.fromArray(SPECIES, c, ciBase + 10 * ldc)).intoArray(c, ciBase + 10 * ldc);
                c101.add(FloatVector.fromArray(SPECIES, c, ciBase + 10 * ldc + VL)).intoArray(c, ciBase + 10 * ldc + VL);
                c110.add(FloatVector.fromArray(SPECIES, c, ciBase + 11 * ldc)).intoArray(c, ciBase + 11 * ldc);
                c111.add(FloatVector.fromArray(SPECIES, c, ciBase + 11 * ldc + VL)).intoArray(c, ciBase + 11 * ldc + VL);
            } else {
                c00.intoArray(c, ciBase);
                c01.intoArray(c, ciBase + VL);
                c10.intoArray(c, ciBase + 1 * ldc);
                c11.intoArray(c, ciBase + 1 * ldc + VL);
                c20.intoArray(c, ciBase + 2 * ldc);
                c21.intoArray(c, ciBase + 2 * ldc + VL);
                c30.intoArray(c, ciBase + 3 * ldc);
                c31.intoArray(c, ciBase + 3 * ldc + VL);
                c40.intoArray(c, ciBase + 4 * ldc);
                c41.intoArray(c, ciBase + 4 * ldc + VL);
                c50.intoArray(c, ciBase + 5 * ldc);
                c51.intoArray(c, ciBase + 5 * ldc + VL);
                c60.intoArray(c, ciBase + 6 * ldc);
                c61.intoArray(c, ciBase + 6 * ldc + VL);
                c70.intoArray(c, ciBase + 7 * ldc);
                c71.intoArray(c, ciBase + 7 * ldc + VL);
                c80.intoArray(c, ciBase + 8 * ldc);
                c81.intoArray(c, ciBase + 8 * ldc + VL);
                c90.intoArray(c, ciBase + 9 * ldc);
                c91.intoArray(c, ciBase + 9 * ldc + VL);
                c100.intoArray(c, ciBase + 10 * ldc);
                c101.intoArray(c, ciBase + 10 * ldc + VL);
                c110.intoArray(c, ciBase + 11 * ldc);
                c111.intoArray(c, ciBase + 11 * ldc + VL);
            }
        }
    }

    /**
     * One tile of the first 8 rows of A panel {@code ip} × the full B panel (2 vectors): the last
     * panel of M = 32 (12 + 12 + 8). Same sums as {@link #panels}, written straight to C.
     */
    static void rows8(float[] ap, int ip, float[] bp, int kc, float[] c, int cIndex, int ldc, boolean add) {
        int aBase = ip * MR * kc;
        FloatVector c00 = FloatVector.zero(SPECIES); FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES); FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES); FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES); FloatVector c31 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES); FloatVector c41 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES); FloatVector c51 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES); FloatVector c61 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES); FloatVector c71 = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            int ai = aBase + p * MR;
            int bi = p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + VL);
            FloatVector a0 = FloatVector.broadcast(SPECIES, ap[ai + 0]);
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
        }
        if (add) {
            c00.add(FloatVector.fromArray(SPECIES, c, cIndex + 0 * ldc)).intoArray(c, cIndex + 0 * ldc);
            c01.add(FloatVector.fromArray(SPECIES, c, cIndex + 0 * ldc + VL)).intoArray(c, cIndex + 0 * ldc + VL);
            c10.add(FloatVector.fromArray(SPECIES, c, cIndex + 1 * ldc)).intoArray(c, cIndex + 1 * ldc);
            c11.add(FloatVector.fromArray(SPECIES, c, cIndex + 1 * ldc + VL)).intoArray(c, cIndex + 1 * ldc + VL);
            c20.add(FloatVector.fromArray(SPECIES, c, cIndex + 2 * ldc)).intoArray(c, cIndex + 2 * ldc);
            c21.add(FloatVector.fromArray(SPECIES, c, cIndex + 2 * ldc + VL)).intoArray(c, cIndex + 2 * ldc + VL);
            c30.add(FloatVector.fromArray(SPECIES, c, cIndex + 3 * ldc)).intoArray(c, cIndex + 3 * ldc);
            c31.add(FloatVector.fromArray(SPECIES, c, cIndex + 3 * ldc + VL)).intoArray(c, cIndex + 3 * ldc + VL);
            c40.add(FloatVector.fromArray(SPECIES, c, cIndex + 4 * ldc)).intoArray(c, cIndex + 4 * ldc);
            c41.add(FloatVector.fromArray(SPECIES, c, cIndex + 4 * ldc + VL)).intoArray(c, cIndex + 4 * ldc + VL);
            c50.add(FloatVector.fromArray(SPECIES, c, cIndex + 5 * ldc)).intoArray(c, cIndex + 5 * ldc);
            c51.add(FloatVector.fromArray(SPECIES, c, cIndex + 5 * ldc + VL)).intoArray(c, cIndex + 5 * ldc + VL);
            c60.add(FloatVector.fromArray(SPECIES, c, cIndex + 6 * ldc)).intoArray(c, cIndex + 6 * ldc);
            c61.add(FloatVector.fromArray(SPECIES, c, cIndex + 6 * ldc + VL)).intoArray(c, cIndex + 6 * ldc + VL);
            c70.add(FloatVector.fromArray(SPECIES, c, cIndex + 7 * ldc)).intoArray(c, cIndex + 7 * ldc);
            c71.add(FloatVector.fromArray(SPECIES, c, cIndex + 7 * ldc + VL)).intoArray(c, cIndex + 7 * ldc + VL);
        } else {
            c00.intoArray(c, cIndex + 0 * ldc);
            c01.intoArray(c, cIndex + 0 * ldc + VL);
            c10.intoArray(c, cIndex + 1 * ldc);
            c11.intoArray(c, cIndex + 1 * ldc + VL);
            c20.intoArray(c, cIndex + 2 * ldc);
            c21.intoArray(c, cIndex + 2 * ldc + VL);
            c30.intoArray(c, cIndex + 3 * ldc);
            c31.intoArray(c, cIndex + 3 * ldc + VL);
            c40.intoArray(c, cIndex + 4 * ldc);
            c41.intoArray(c, cIndex + 4 * ldc + VL);
            c50.intoArray(c, cIndex + 5 * ldc);
            c51.intoArray(c, cIndex + 5 * ldc + VL);
            c60.intoArray(c, cIndex + 6 * ldc);
            c61.intoArray(c, cIndex + 6 * ldc + VL);
            c70.intoArray(c, cIndex + 7 * ldc);
            c71.intoArray(c, cIndex + 7 * ldc + VL);
        }
    }

    /**
     * One tile of the first 4 rows of A panel {@code ip} × the full B panel: the last panel of M = 64
     * (5 · 12 + 4). Same sums as {@link #panels}, written straight to C.
     */
    static void rows4(float[] ap, int ip, float[] bp, int kc, float[] c, int cIndex, int ldc, boolean add) {
        int aBase = ip * MR * kc;
        FloatVector c00 = FloatVector.zero(SPECIES); FloatVector c01 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES); FloatVector c11 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES); FloatVector c21 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES); FloatVector c31 = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            int ai = aBase + p * MR;
            int bi = p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector b1 = FloatVector.fromArray(SPECIES, bp, bi + VL);
            FloatVector a0 = FloatVector.broadcast(SPECIES, ap[ai + 0]);
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
        }
        if (add) {
            c00.add(FloatVector.fromArray(SPECIES, c, cIndex + 0 * ldc)).intoArray(c, cIndex + 0 * ldc);
            c01.add(FloatVector.fromArray(SPECIES, c, cIndex + 0 * ldc + VL)).intoArray(c, cIndex + 0 * ldc + VL);
            c10.add(FloatVector.fromArray(SPECIES, c, cIndex + 1 * ldc)).intoArray(c, cIndex + 1 * ldc);
            c11.add(FloatVector.fromArray(SPECIES, c, cIndex + 1 * ldc + VL)).intoArray(c, cIndex + 1 * ldc + VL);
            c20.add(FloatVector.fromArray(SPECIES, c, cIndex + 2 * ldc)).intoArray(c, cIndex + 2 * ldc);
            c21.add(FloatVector.fromArray(SPECIES, c, cIndex + 2 * ldc + VL)).intoArray(c, cIndex + 2 * ldc + VL);
            c30.add(FloatVector.fromArray(SPECIES, c, cIndex + 3 * ldc)).intoArray(c, cIndex + 3 * ldc);
            c31.add(FloatVector.fromArray(SPECIES, c, cIndex + 3 * ldc + VL)).intoArray(c, cIndex + 3 * ldc + VL);
        } else {
            c00.intoArray(c, cIndex + 0 * ldc);
            c01.intoArray(c, cIndex + 0 * ldc + VL);
            c10.intoArray(c, cIndex + 1 * ldc);
            c11.intoArray(c, cIndex + 1 * ldc + VL);
            c20.intoArray(c, cIndex + 2 * ldc);
            c21.intoArray(c, cIndex + 2 * ldc + VL);
            c30.intoArray(c, cIndex + 3 * ldc);
            c31.intoArray(c, cIndex + 3 * ldc + VL);
        }
    }

    /**
     * One tile of all MR rows of A panel {@code ip} × the first vector (VL columns) of the B panel:
     * the tiles of N = 16 (a 1-channel 4×4 kernel's taps). Same sums as {@link #panels}.
     */
    static void half12(float[] ap, int ip, float[] bp, int kc, float[] c, int cIndex, int ldc, boolean add) {
        int aBase = ip * MR * kc;
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        FloatVector c80 = FloatVector.zero(SPECIES);
        FloatVector c90 = FloatVector.zero(SPECIES);
        FloatVector c100 = FloatVector.zero(SPECIES);
        FloatVector c110 = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            int ai = aBase + p * MR;
            int bi = p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector a0 = FloatVector.broadcast(SPECIES, ap[ai + 0]);
            c00 = a0.fma(b0, c00);
            FloatVector a1 = FloatVector.broadcast(SPECIES, ap[ai + 1]);
            c10 = a1.fma(b0, c10);
            FloatVector a2 = FloatVector.broadcast(SPECIES, ap[ai + 2]);
            c20 = a2.fma(b0, c20);
            FloatVector a3 = FloatVector.broadcast(SPECIES, ap[ai + 3]);
            c30 = a3.fma(b0, c30);
            FloatVector a4 = FloatVector.broadcast(SPECIES, ap[ai + 4]);
            c40 = a4.fma(b0, c40);
            FloatVector a5 = FloatVector.broadcast(SPECIES, ap[ai + 5]);
            c50 = a5.fma(b0, c50);
            FloatVector a6 = FloatVector.broadcast(SPECIES, ap[ai + 6]);
            c60 = a6.fma(b0, c60);
            FloatVector a7 = FloatVector.broadcast(SPECIES, ap[ai + 7]);
            c70 = a7.fma(b0, c70);
            FloatVector a8 = FloatVector.broadcast(SPECIES, ap[ai + 8]);
            c80 = a8.fma(b0, c80);
            FloatVector a9 = FloatVector.broadcast(SPECIES, ap[ai + 9]);
            c90 = a9.fma(b0, c90);
            FloatVector a10 = FloatVector.broadcast(SPECIES, ap[ai + 10]);
            c100 = a10.fma(b0, c100);
            FloatVector a11 = FloatVector.broadcast(SPECIES, ap[ai + 11]);
            c110 = a11.fma(b0, c110);
        }
        if (add) {
            c00.add(FloatVector.fromArray(SPECIES, c, cIndex + 0 * ldc)).intoArray(c, cIndex + 0 * ldc);
            c10.add(FloatVector.fromArray(SPECIES, c, cIndex + 1 * ldc)).intoArray(c, cIndex + 1 * ldc);
            c20.add(FloatVector.fromArray(SPECIES, c, cIndex + 2 * ldc)).intoArray(c, cIndex + 2 * ldc);
            c30.add(FloatVector.fromArray(SPECIES, c, cIndex + 3 * ldc)).intoArray(c, cIndex + 3 * ldc);
            c40.add(FloatVector.fromArray(SPECIES, c, cIndex + 4 * ldc)).intoArray(c, cIndex + 4 * ldc);
            c50.add(FloatVector.fromArray(SPECIES, c, cIndex + 5 * ldc)).intoArray(c, cIndex + 5 * ldc);
            c60.add(FloatVector.fromArray(SPECIES, c, cIndex + 6 * ldc)).intoArray(c, cIndex + 6 * ldc);
            c70.add(FloatVector.fromArray(SPECIES, c, cIndex + 7 * ldc)).intoArray(c, cIndex + 7 * ldc);
            c80.add(FloatVector.fromArray(SPECIES, c, cIndex + 8 * ldc)).intoArray(c, cIndex + 8 * ldc);
            c90.add(FloatVector.fromArray(SPECIES, c, cIndex + 9 * ldc)).intoArray(c, cIndex + 9 * ldc);
            c100.add(FloatVector.fromArray(SPECIES, c, cIndex + 10 * ldc)).intoArray(c, cIndex + 10 * ldc);
            c110.add(FloatVector.fromArray(SPECIES, c, cIndex + 11 * ldc)).intoArray(c, cIndex + 11 * ldc);
        } else {
            c00.intoArray(c, cIndex + 0 * ldc);
            c10.intoArray(c, cIndex + 1 * ldc);
            c20.intoArray(c, cIndex + 2 * ldc);
            c30.intoArray(c, cIndex + 3 * ldc);
            c40.intoArray(c, cIndex + 4 * ldc);
            c50.intoArray(c, cIndex + 5 * ldc);
            c60.intoArray(c, cIndex + 6 * ldc);
            c70.intoArray(c, cIndex + 7 * ldc);
            c80.intoArray(c, cIndex + 8 * ldc);
            c90.intoArray(c, cIndex + 9 * ldc);
            c100.intoArray(c, cIndex + 10 * ldc);
            c110.intoArray(c, cIndex + 11 * ldc);
        }
    }

    /**
     * One tile of the first 8 rows of A panel {@code ip} × the first vector of the B panel (M = 32
     * against N = 16). Same sums as {@link #panels}.
     */
    static void half8(float[] ap, int ip, float[] bp, int kc, float[] c, int cIndex, int ldc, boolean add) {
        int aBase = ip * MR * kc;
        FloatVector c00 = FloatVector.zero(SPECIES);
        FloatVector c10 = FloatVector.zero(SPECIES);
        FloatVector c20 = FloatVector.zero(SPECIES);
        FloatVector c30 = FloatVector.zero(SPECIES);
        FloatVector c40 = FloatVector.zero(SPECIES);
        FloatVector c50 = FloatVector.zero(SPECIES);
        FloatVector c60 = FloatVector.zero(SPECIES);
        FloatVector c70 = FloatVector.zero(SPECIES);
        for (int p = 0; p < kc; p++) {
            int ai = aBase + p * MR;
            int bi = p * NR;
            FloatVector b0 = FloatVector.fromArray(SPECIES, bp, bi);
            FloatVector a0 = FloatVector.broadcast(SPECIES, ap[ai + 0]);
            c00 = a0.fma(b0, c00);
            FloatVector a1 = FloatVector.broadcast(SPECIES, ap[ai + 1]);
            c10 = a1.fma(b0, c10);
            FloatVector a2 = FloatVector.broadcast(SPECIES, ap[ai + 2]);
            c20 = a2.fma(b0, c20);
            FloatVector a3 = FloatVector.broadcast(SPECIES, ap[ai + 3]);
            c30 = a3.fma(b0, c30);
            FloatVector a4 = FloatVector.broadcast(SPECIES, ap[ai + 4]);
            c40 = a4.fma(b0, c40);
            FloatVector a5 = FloatVector.broadcast(SPECIES, ap[ai + 5]);
            c50 = a5.fma(b0, c50);
            FloatVector a6 = FloatVector.broadcast(SPECIES, ap[ai + 6]);
            c60 = a6.fma(b0, c60);
            FloatVector a7 = FloatVector.broadcast(SPECIES, ap[ai + 7]);
            c70 = a7.fma(b0, c70);
        }
        if (add) {
            c00.add(FloatVector.fromArray(SPECIES, c, cIndex + 0 * ldc)).intoArray(c, cIndex + 0 * ldc);
            c10.add(FloatVector.fromArray(SPECIES, c, cIndex + 1 * ldc)).intoArray(c, cIndex + 1 * ldc);
            c20.add(FloatVector.fromArray(SPECIES, c, cIndex + 2 * ldc)).intoArray(c, cIndex + 2 * ldc);
            c30.add(FloatVector.fromArray(SPECIES, c, cIndex + 3 * ldc)).intoArray(c, cIndex + 3 * ldc);
            c40.add(FloatVector.fromArray(SPECIES, c, cIndex + 4 * ldc)).intoArray(c, cIndex + 4 * ldc);
            c50.add(FloatVector.fromArray(SPECIES, c, cIndex + 5 * ldc)).intoArray(c, cIndex + 5 * ldc);
            c60.add(FloatVector.fromArray(SPECIES, c, cIndex + 6 * ldc)).intoArray(c, cIndex + 6 * ldc);
            c70.add(FloatVector.fromArray(SPECIES, c, cIndex + 7 * ldc)).intoArray(c, cIndex + 7 * ldc);
        } else {
            c00.intoArray(c, cIndex + 0 * ldc);
            c10.intoArray(c, cIndex + 1 * ldc);
            c20.intoArray(c, cIndex + 2 * ldc);
            c30.intoArray(c, cIndex + 3 * ldc);
            c40.intoArray(c, cIndex + 4 * ldc);
            c50.intoArray(c, cIndex + 5 * ldc);
            c60.intoArray(c, cIndex + 6 * ldc);
            c70.intoArray(c, cIndex + 7 * ldc);
        }
    }

}
