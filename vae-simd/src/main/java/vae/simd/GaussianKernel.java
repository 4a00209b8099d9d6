package vae.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import vae.core.random.CounterRng;

/**
 * Standard normal values from the counter-based generator, computed in vector lanes: the
 * SplitMix64 hash in 64-bit integer lanes, then Box–Muller in double lanes. It follows the
 * block layout of {@link CounterRng#gaussianAt(long, long)} exactly, so its values equal the
 * scalar ones up to the last bit of the transcendental functions ({@link VectorMath}, whose
 * results do not depend on the JIT).
 */
final class GaussianKernel {
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;
    /** Quadrants of a turn, one per double lane. */
    private static final VectorSpecies<Long> QUADRANT = VectorSpecies.of(long.class, D.vectorShape());
    /** Floats as many as the double lanes: the shape half as wide. */
    private static final VectorSpecies<Float> HALF = FloatVector.SPECIES_PREFERRED.length() == 2 * D.length()
            ? VectorSpecies.of(float.class, VectorShape.forBitSize(D.vectorBitSize() / 2))
            : null;
    private static final int PAIRS_PER_BLOCK = CounterRng.GAUSSIAN_BLOCK / 2;
    private static final double INV_2_32 = 1.0 / 4294967296.0;

    private GaussianKernel() {
    }

    /**
     * The radius √(−2 log u1) and u2 of the block's pairs. This and {@link #cartesian} are
     * separate methods because together they ran past C2's inlining budget, which left Vector
     * API calls un-inlined and boxing every vector.
     */
    private static void polarParts(long key, long block, double[] radius, double[] u2) {
        for (int h = 0; h < PAIRS_PER_BLOCK; h += L.length()) {
            long pair = block * PAIRS_PER_BLOCK + h;
            // Value p of the stream is mix64(key + (p + 1)·γ).
            LongVector z = LongVector.zero(L).addIndex(1).mul(CounterRng.GOLDEN_GAMMA)
                    .add(key + (pair + 1) * CounterRng.GOLDEN_GAMMA);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            DoubleVector u1 = ((DoubleVector) z.lanewise(VectorOperators.LSHR, 32).add(1L)
                    .convert(VectorOperators.L2D, 0)).mul(INV_2_32);
            ((DoubleVector) z.and(0xFFFFFFFFL).convert(VectorOperators.L2D, 0)).mul(INV_2_32).intoArray(u2, h);
            VectorMath.logPositiveNormal(u1).mul(-2.0).sqrt().intoArray(radius, h);
        }
    }

    /** One pass of {@link #cartesian} over a block. */
    @FunctionalInterface
    private interface Pass {
        void run(Scratch s, float[] out, int at);
    }

    /**
     * The passes of {@link #cartesian}, called through this array so that the call site sees four
     * receivers and C2 compiles each pass as a root of its own rather than inlining all four into
     * one compilation.
     */
    private static final Pass[] PASSES = {
        (s, out, at) -> reduceTurns(s.u2, s.rest, s.quadrant),
        (s, out, at) -> cosinesNearZero(s.rest, s.cos),
        (s, out, at) -> sinesNearZero(s.rest, s.sin),
        (s, out, at) -> rotate(s.radius, s.quadrant, s.cos, s.sin, out, at),
    };

    /**
     * Block values: 8 radius·cos(2πu2), then the 8 matching radius·sin(2πu2), as floats, in four
     * passes over the block: the turn's reduction, the cosine and the sine polynomials near zero,
     * and the quadrant's rotation. In one loop, and even as four methods inlined into one
     * compilation, they ran past C2's inlining budget, and the calls it left out boxed every
     * vector: 3 MB of garbage per million samples, the only allocation of a steady-state
     * training step.
     */
    private static void cartesian(Scratch s, float[] out, int at) {
        for (Pass pass : PASSES) {
            pass.run(s, out, at);
        }
    }

    private static void reduceTurns(double[] u2, double[] rest, long[] quadrant) {
        for (int h = 0; h < PAIRS_PER_BLOCK; h += D.length()) {
            DoubleVector u = DoubleVector.fromArray(D, u2, h);
            VectorMath.turnRemainder(u).intoArray(rest, h);
            VectorMath.turnQuadrant(u).intoArray(quadrant, h);
        }
    }

    private static void cosinesNearZero(double[] rest, double[] cos) {
        for (int h = 0; h < PAIRS_PER_BLOCK; h += D.length()) {
            VectorMath.cosNearZero(DoubleVector.fromArray(D, rest, h)).intoArray(cos, h);
        }
    }

    private static void sinesNearZero(double[] rest, double[] sin) {
        for (int h = 0; h < PAIRS_PER_BLOCK; h += D.length()) {
            VectorMath.sinNearZero(DoubleVector.fromArray(D, rest, h)).intoArray(sin, h);
        }
    }

    private static void rotate(double[] radius, long[] quadrant, double[] cosRest, double[] sinRest,
                               float[] out, int at) {
        for (int h = 0; h < PAIRS_PER_BLOCK; h += D.length()) {
            DoubleVector r = DoubleVector.fromArray(D, radius, h);
            LongVector q = LongVector.fromArray(QUADRANT, quadrant, h);
            DoubleVector cos = DoubleVector.fromArray(D, cosRest, h);
            DoubleVector sin = DoubleVector.fromArray(D, sinRest, h);
            ((FloatVector) r.mul(VectorMath.cosPlusQuarters(q, cos, sin))
                    .convertShape(VectorOperators.D2F, HALF, 0)).intoArray(out, at + h);
            ((FloatVector) r.mul(VectorMath.sinPlusQuarters(q, cos, sin))
                    .convertShape(VectorOperators.D2F, HALF, 0)).intoArray(out, at + h + PAIRS_PER_BLOCK);
        }
    }

    /** The per-block work arrays of one thread. */
    private static final class Scratch {
        final double[] radius = new double[PAIRS_PER_BLOCK];
        final double[] u2 = new double[PAIRS_PER_BLOCK];
        final double[] rest = new double[PAIRS_PER_BLOCK];
        final long[] quadrant = new long[PAIRS_PER_BLOCK];
        final double[] cos = new double[PAIRS_PER_BLOCK];
        final double[] sin = new double[PAIRS_PER_BLOCK];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    static void fill(CounterRng rng, long stream, long first, float[] out, int offset, int n) {
        long key = rng.streamKey(stream);
        int i = 0;
        // Scalar until the index is at a block boundary, whole blocks in vectors, scalar tail.
        while (i < n && ((first + i) & (CounterRng.GAUSSIAN_BLOCK - 1)) != 0) {
            out[offset + i] = (float) CounterRng.gaussianAt(key, first + i);
            i++;
        }
        if (HALF != null && D.length() <= PAIRS_PER_BLOCK && n - i >= CounterRng.GAUSSIAN_BLOCK) {
            Scratch s = SCRATCH.get();
            for (; n - i >= CounterRng.GAUSSIAN_BLOCK; i += CounterRng.GAUSSIAN_BLOCK) {
                long block = (first + i) >>> 4;
                polarParts(key, block, s.radius, s.u2);
                cartesian(s, out, offset + i);
            }
        }
        for (; i < n; i++) {
            out[offset + i] = (float) CounterRng.gaussianAt(key, first + i);
        }
    }
}
