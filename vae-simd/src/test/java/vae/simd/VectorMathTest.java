package vae.simd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;
import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;
import org.junit.jupiter.api.Test;

class VectorMathTest {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

    private static float[] apply(UnaryOperator<FloatVector> f, float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i += F.length()) {
            f.apply(FloatVector.fromArray(F, x, i)).intoArray(y, i);
        }
        return y;
    }

    private static float[] uniform(double from, double to, int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) r.nextDouble(from, to);
        }
        return x;
    }

    /** The largest distance, in float ulps of the reference, from the double-precision reference. */
    private static double maxUlps(float[] x, float[] y, DoubleUnaryOperator reference) {
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double want = reference.applyAsDouble(x[i]);
            float ref = (float) want;
            double ulps = Math.abs(y[i] - want) / Math.ulp(ref == 0 ? Float.MIN_VALUE : ref);
            worst = Math.max(worst, ulps);
        }
        return worst;
    }

    @Test
    void expIsWithinTwoUlpsOverTheWholeFloatRange() {
        float[] x = uniform(-103, 88.7, 1 << 16, 1);
        assertTrue(maxUlps(x, apply(VectorMath::exp, x), Math::exp) <= 2.0);
        float[] small = uniform(-1, 1, 1 << 14, 2);
        assertTrue(maxUlps(small, apply(VectorMath::exp, small), Math::exp) <= 1.0);
    }

    @Test
    void scalarExpAndSigmoidGiveTheLanesBits() {
        float[] x = new float[1 << 17];
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < x.length; i++) {
            // Every exponent and sign: random bit patterns, finite ones and a few of the rest.
            x[i] = i % 4 == 0 ? (float) r.nextDouble(-120, 120) : Float.intBitsToFloat(r.nextInt());
        }
        float[] specials = filled(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN, 89f, -104f, 88.72f,
                -103.3f, 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MAX_VALUE, -Float.MAX_VALUE, 1f, -1f, 0.5f);
        System.arraycopy(specials, 0, x, 0, specials.length);
        float[] expLanes = apply(VectorMath::exp, x);
        float[] sigmoidLanes = apply(VectorMath::sigmoid, x);
        for (int i = 0; i < x.length; i++) {
            assertEquals(Float.floatToIntBits(expLanes[i]), Float.floatToIntBits(VectorMath.exp(x[i])), "exp " + x[i]);
            assertEquals(Float.floatToIntBits(sigmoidLanes[i]), Float.floatToIntBits(VectorMath.sigmoid(x[i])),
                    "sigmoid " + x[i]);
        }
    }

    @Test
    void thePlainSigmoidMapGivesTheVectorMapsBitsTailIncluded() {
        float[] x = uniform(-30, 30, 1000, 12);
        for (int[] range : new int[][] {{0, 1000}, {3, 999}, {0, 15}, {7, 40}, {16, 32}}) {
            float[] vector = new float[x.length];
            float[] plain = new float[x.length];
            ElementwiseKernels.map(vae.core.backend.UnaryFunction.SIGMOID, x, vector, range[0], range[1]);
            ElementwiseKernels.mapSigmoidPlain(x, plain, range[0], range[1]);
            for (int i = 0; i < x.length; i++) {
                assertEquals(Float.floatToIntBits(vector[i]), Float.floatToIntBits(plain[i]), range[0] + ".." + range[1]
                        + " at " + i);
            }
        }
    }

    @Test
    void expHandlesInfinitiesNanOverflowAndSubnormals() {
        float[] x = filled(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN, 89f, -200f, 0f, -100f, 1f);
        float[] y = apply(VectorMath::exp, x);
        assertEquals(0f, y[0]);
        assertEquals(Float.POSITIVE_INFINITY, y[1]);
        assertTrue(Float.isNaN(y[2]));
        assertEquals(Float.POSITIVE_INFINITY, y[3]);
        assertEquals(0f, y[4]);
        assertEquals(1f, y[5]);
        assertEquals((float) Math.exp(-100), y[6], Float.MIN_VALUE); // subnormal: to the last subnormal step
        assertEquals((float) Math.E, y[7], Math.ulp((float) Math.E));
    }

    @Test
    void logIsWithinTwoUlpsIncludingSubnormals() {
        float[] x = uniform(1e-30, 1e30, 1 << 14, 3);
        assertTrue(maxUlps(x, apply(VectorMath::log, x), Math::log) <= 2.0);
        float[] nearOne = uniform(0.5, 2, 1 << 14, 4);
        assertTrue(maxUlps(nearOne, apply(VectorMath::log, nearOne), Math::log) <= 2.0);
        float[] tiny = uniform(Float.MIN_VALUE, Float.MIN_NORMAL, 1 << 10, 5);
        assertTrue(maxUlps(tiny, apply(VectorMath::log, tiny), Math::log) <= 2.0);
    }

    @Test
    void logOfZeroNegativeInfinityAndNan() {
        float[] y = apply(VectorMath::log, filled(0f, -1f, Float.POSITIVE_INFINITY, Float.NaN, 1f, -0f, 2f, 4f));
        assertEquals(Float.NEGATIVE_INFINITY, y[0]);
        assertTrue(Float.isNaN(y[1]));
        assertEquals(Float.POSITIVE_INFINITY, y[2]);
        assertTrue(Float.isNaN(y[3]));
        assertEquals(0f, y[4]);
        assertEquals(Float.NEGATIVE_INFINITY, y[5]);
        assertEquals((float) Math.log(2), y[6], Math.ulp((float) Math.log(2)));
    }

    @Test
    void log1pStaysAccurateWhereOnePlusXRoundsToOne() {
        float[] x = uniform(0, 1, 1 << 14, 6);
        double wide = maxUlps(x, apply(VectorMath::log1pUnit, x), Math::log1p);
        float[] tiny = uniform(1e-12, 1e-6, 1 << 12, 7);
        double small = maxUlps(tiny, apply(VectorMath::log1pUnit, tiny), Math::log1p);
        float[] ends = apply(VectorMath::log1pUnit, filled(0f, 1f, 1e-30f));
        assertEquals(0f, ends[0]);
        assertEquals((float) Math.log(2), ends[1], Math.ulp((float) Math.log(2)));
        assertEquals(1e-30f, ends[2], Math.ulp(1e-30f));
        assertTrue(wide <= 3.0 && small <= 2.0, "worst " + wide + " and " + small + " ulps");
    }

    @Test
    void tanhIsAccurateOnBothSidesOfTheBranch() {
        float[] x = uniform(-12, 12, 1 << 15, 8);
        assertTrue(maxUlps(x, apply(VectorMath::tanh, x), Math::tanh) <= 3.0);
        float[] y = apply(VectorMath::tanh, filled(50f, -50f, Float.NaN, 0f, 0.625f, -0.625f, 1e-20f, 0.6f));
        assertEquals(1f, y[0]);
        assertEquals(-1f, y[1]);
        assertTrue(Float.isNaN(y[2]));
        assertEquals(0f, y[3]);
        assertEquals(1e-20f, y[6]);
    }

    @Test
    void doubleLogIsWithinOneUlp() {
        SplittableRandom r = new SplittableRandom(9);
        double worst = 0;
        double[] x = new double[D.length()];
        double[] y = new double[D.length()];
        for (int rep = 0; rep < 4096; rep++) {
            for (int i = 0; i < x.length; i++) {
                x[i] = rep % 2 == 0 ? r.nextDouble(0x1p-32, 1.0) : r.nextDouble(1e-300, 1e300);
            }
            VectorMath.logPositiveNormal(DoubleVector.fromArray(D, x, 0)).intoArray(y, 0);
            for (int i = 0; i < x.length; i++) {
                worst = Math.max(worst, Math.abs(y[i] - StrictMath.log(x[i])) / Math.ulp(StrictMath.log(x[i])));
            }
        }
        assertTrue(worst <= 1.0, "worst " + worst + " ulps");
    }

    @Test
    void cosSinOfTwoPiUMatchTheLibraryInEveryQuadrant() {
        SplittableRandom r = new SplittableRandom(10);
        double[] u = new double[D.length()];
        double[] c = new double[D.length()];
        double[] s = new double[D.length()];
        double worst = 0;
        for (int rep = 0; rep < 4096; rep++) {
            for (int i = 0; i < u.length; i++) {
                u[i] = rep == 0 && i < 3 ? i * 0.25 : Math.floor(r.nextDouble() * 4294967296.0) / 4294967296.0;
            }
            DoubleVector[] cs = VectorMathFingerprint.cosSinTwoPi(DoubleVector.fromArray(D, u, 0));
            cs[0].intoArray(c, 0);
            cs[1].intoArray(s, 0);
            for (int i = 0; i < u.length; i++) {
                double theta = 2 * Math.PI * u[i];
                // Our reduction is more exact than rounding 2πu first, so compare to 2e-16 absolutely.
                worst = Math.max(worst, Math.max(Math.abs(c[i] - Math.cos(theta)), Math.abs(s[i] - Math.sin(theta))));
            }
        }
        assertTrue(worst < 2e-15, "worst " + worst);
    }

    @Test
    void resultsAreTheSameInterpretedAndCompiled() throws Exception {
        // The Vector API's own EXP/LOG/TANH fail this: compiled code uses SVML, the interpreter Math.
        String interpreted = runChild("-Xint");
        String compiled = runChild("-XX:-TieredCompilation");
        assertEquals(interpreted, compiled);
        assertTrue(interpreted.startsWith("exp "), interpreted);
    }

    private static String runChild(String mode) throws IOException, InterruptedException {
        String launcher = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = location(VectorMath.class) + java.io.File.pathSeparator + location(VectorMathTest.class);
        Process p = new ProcessBuilder(launcher, mode, "-Dfingerprint.reps=" + (mode.equals("-Xint") ? 1 : 20_000), "--add-modules", "jdk.incubator.vector", "-cp", classPath,
                VectorMathFingerprint.class.getName()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), err);
        return out;
    }

    private static String location(Class<?> c) throws IOException {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private static float[] filled(float... values) {
        float[] x = new float[Math.max(F.length(), values.length)];
        System.arraycopy(values, 0, x, 0, values.length);
        return x;
    }

}
