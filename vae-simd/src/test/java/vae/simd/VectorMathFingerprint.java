package vae.simd;

import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Prints a hash of the bits of every {@link VectorMath} function on fixed inputs, after enough
 * repetitions for C2 to compile them; run in a child JVM by {@link VectorMathTest}.
 */
final class VectorMathFingerprint {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    public static void main(String[] args) {
        int reps = Integer.getInteger("fingerprint.reps", 20_000);
        SplittableRandom r = new SplittableRandom(42);
        float[] x = new float[16 * F.length()];
        double[] u = new double[16 * D.length()];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (r.nextGaussian() * 20);
        }
        for (int i = 0; i < u.length; i++) {
            u[i] = (r.nextInt() >>> 1) / 2147483648.0 + 0x1p-32;
        }
        StringBuilder out = new StringBuilder();
        out.append("exp ").append(hash(VectorMath::exp, x, reps));
        out.append(" log ").append(hash(v -> VectorMath.log(v.abs()), x, reps));
        out.append(" log1p ").append(hash(v -> VectorMath.log1pUnit(VectorMath.exp(v.abs().neg())), x, reps));
        out.append(" tanh ").append(hash(VectorMath::tanh, x, reps));
        out.append(" sigmoid ").append(hash(VectorMath::sigmoid, x, reps));
        long h = 0;
        double[] y = new double[D.length()];
        for (int rep = 0; rep < reps; rep++) {
            h = 0;
            for (int i = 0; i < u.length; i += D.length()) {
                DoubleVector v = DoubleVector.fromArray(D, u, i);
                DoubleVector[] cs = cosSinTwoPi(v);
                VectorMath.logPositiveNormal(v).add(cs[0].mul(3.0)).add(cs[1].mul(7.0)).intoArray(y, 0);
                for (double d : y) {
                    h = h * 31 + Double.doubleToRawLongBits(d);
                }
            }
        }
        out.append(" double ").append(h);
        System.out.println(out);
    }

    private static long hash(UnaryOperator<FloatVector> f, float[] x, int reps) {
        long h = 0;
        float[] y = new float[F.length()];
        for (int rep = 0; rep < reps; rep++) {
            h = 0;
            for (int i = 0; i < x.length; i += F.length()) {
                f.apply(FloatVector.fromArray(F, x, i)).intoArray(y, 0);
                for (float v : y) {
                    h = h * 31 + Float.floatToRawIntBits(v);
                }
            }
        }
        return h;
    }

    /** {cos 2πu, sin 2πu} the way GaussianKernel puts the pieces together. */
    static DoubleVector[] cosSinTwoPi(DoubleVector u) {
        DoubleVector r = VectorMath.turnRemainder(u);
        var q = VectorMath.turnQuadrant(u);
        DoubleVector cos = VectorMath.cosNearZero(r);
        DoubleVector sin = VectorMath.sinNearZero(r);
        return new DoubleVector[] {VectorMath.cosPlusQuarters(q, cos, sin), VectorMath.sinPlusQuarters(q, cos, sin)};
    }
}
