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

    /** Block values: 8 radius·cos(2πu2), then the 8 matching radius·sin(2πu2), as floats. */
    private static void cartesian(double[] radius, double[] u2, float[] out, int at) {
        for (int h = 0; h < PAIRS_PER_BLOCK; h += D.length()) {
            DoubleVector r = DoubleVector.fromArray(D, radius, h);
            DoubleVector u = DoubleVector.fromArray(D, u2, h);
            DoubleVector rest = VectorMath.turnRemainder(u);
            LongVector quadrant = VectorMath.turnQuadrant(u);
            DoubleVector cos = VectorMath.cosNearZero(rest);
            DoubleVector sin = VectorMath.sinNearZero(rest);
            ((FloatVector) r.mul(VectorMath.cosPlusQuarters(quadrant, cos, sin))
                    .convertShape(VectorOperators.D2F, HALF, 0)).intoArray(out, at + h);
            ((FloatVector) r.mul(VectorMath.sinPlusQuarters(quadrant, cos, sin))
                    .convertShape(VectorOperators.D2F, HALF, 0)).intoArray(out, at + h + PAIRS_PER_BLOCK);
        }
    }

    static void fill(CounterRng rng, long stream, long first, float[] out, int offset, int n) {
        long key = rng.streamKey(stream);
        int i = 0;
        // Scalar until the index is at a block boundary, whole blocks in vectors, scalar tail.
        while (i < n && ((first + i) & (CounterRng.GAUSSIAN_BLOCK - 1)) != 0) {
            out[offset + i] = (float) CounterRng.gaussianAt(key, first + i);
            i++;
        }
        if (HALF != null && D.length() <= PAIRS_PER_BLOCK) {
            double[] radius = new double[PAIRS_PER_BLOCK];
            double[] u2 = new double[PAIRS_PER_BLOCK];
            for (; n - i >= CounterRng.GAUSSIAN_BLOCK; i += CounterRng.GAUSSIAN_BLOCK) {
                long block = (first + i) >>> 4;
                polarParts(key, block, radius, u2);
                cartesian(radius, u2, out, offset + i);
            }
        }
        for (; i < n; i++) {
            out[offset + i] = (float) CounterRng.gaussianAt(key, first + i);
        }
    }
}
