package vae.simd;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * Transcendental functions in vector lanes built only from IEEE add, multiply, divide, square
 * root, comparisons and bit operations, which give the same bits interpreted, C1- or
 * C2-compiled. The Vector API's own {@code EXP}, {@code LOG}, {@code TANH}, {@code SIN}, ...
 * do not: compiled code calls Intel's SVML and the interpreter falls back to {@code Math},
 * which differ in the last bit, so a run's numbers depended on when the JIT got to a kernel
 * and the same seed did not give the same run twice.
 *
 * <p>The polynomials are Cephes' ({@code expf}, {@code logf}, {@code tanhf}, about one ulp in
 * float) and fdlibm's ({@code log}, {@code __kernel_sin}, {@code __kernel_cos}, under one ulp
 * in double). No fused multiply-add is used on purpose: {@code Math.fma} in the interpreter and
 * the FMA instruction agree, but keeping to plain operations makes that one less thing to trust.
 */
final class VectorMath {
    // Rounding to an integer by adding and subtracting 1.5·2^23: exact for |x| < 2^22.
    private static final float ROUND_F = 12582912f;
    private static final int ROUND_F_BITS = Float.floatToRawIntBits(ROUND_F);
    private static final float LOG2E = 1.44269504088896341f;
    // ln 2 split so that n·LN2_HI is exact for the |n| ≤ 150 that occur (Cody–Waite).
    private static final float LN2_HI_F = 0.693359375f;
    private static final float LN2_LO_F = -2.12194440e-4f;
    /** Below this e^x is 0 in float; above {@link #EXP_MAX} it is +inf. */
    private static final float EXP_MIN = -104f;
    private static final float EXP_MAX = 88.72283905206835f;
    private static final float SQRT_HALF_F = 0.707106781186547524f;

    private VectorMath() {
    }

    /** e^x in float lanes (Cephes {@code expf}); +inf above 88.72, 0 far below −87, NaN stays NaN. */
    static FloatVector exp(FloatVector x) {
        VectorMask<Float> nan = x.compare(VectorOperators.NE, x);
        VectorMask<Float> overflow = x.compare(VectorOperators.GT, EXP_MAX);
        FloatVector c = x.max(EXP_MIN).min(EXP_MAX);
        FloatVector t = c.mul(LOG2E).add(ROUND_F);
        FloatVector n = t.sub(ROUND_F);
        IntVector k = t.reinterpretAsInts().sub(ROUND_F_BITS);
        FloatVector r = c.sub(n.mul(LN2_HI_F)).sub(n.mul(LN2_LO_F));
        FloatVector z = r.mul(r);
        FloatVector p = r.mul(1.9875691500E-4f).add(1.3981999507E-3f)
                .mul(r).add(8.3334519073E-3f)
                .mul(r).add(4.1665795894E-2f)
                .mul(r).add(1.6666665459E-1f)
                .mul(r).add(5.0000001201E-1f)
                .mul(z).add(r).add(1f);
        // 2^k in two factors so that results down to the subnormal range come out right.
        IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
        IntVector k2 = k.sub(k1);
        FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = k2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2).blend(Float.POSITIVE_INFINITY, overflow).blend(x, nan);
    }

    /** The natural logarithm in float lanes (Cephes {@code logf}); −inf at 0, NaN below 0 and for NaN. */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> subnormal = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        FloatVector v = x.blend(x.mul(8388608f), subnormal); // 2^23
        IntVector bits = v.reinterpretAsInts();
        IntVector e = bits.lanewise(VectorOperators.LSHR, 23).sub(126)
                .sub(IntVector.zero(bits.species()).blend(23, subnormal.cast(bits.species())));
        // The mantissa as m in [0.5, 1), then f = m − 1 around 0 with m in [√½, √2).
        FloatVector m = bits.and(0x007FFFFF).or(0x3F000000).reinterpretAsFloats();
        VectorMask<Float> low = m.compare(VectorOperators.LT, SQRT_HALF_F);
        e = e.sub(IntVector.zero(bits.species()).blend(1, low.cast(bits.species())));
        FloatVector f = m.add(m.blend(0f, low.not())).sub(1f);
        FloatVector ef = (FloatVector) e.convert(VectorOperators.I2F, 0);
        FloatVector z = f.mul(f);
        FloatVector y = f.mul(7.0376836292E-2f).add(-1.1514610310E-1f)
                .mul(f).add(1.1676998740E-1f)
                .mul(f).add(-1.2420140846E-1f)
                .mul(f).add(1.4249322787E-1f)
                .mul(f).add(-1.6668057665E-1f)
                .mul(f).add(2.0000714765E-1f)
                .mul(f).add(-2.4999993993E-1f)
                .mul(f).add(3.3333331174E-1f)
                .mul(f).mul(z);
        y = y.add(ef.mul(LN2_LO_F)).sub(z.mul(0.5f));
        FloatVector result = f.add(y).add(ef.mul(LN2_HI_F));
        return result
                .blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f))
                .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY))
                .blend(Float.NaN, x.compare(VectorOperators.LT, 0f).or(x.compare(VectorOperators.NE, x)));
    }

    /**
     * log(1 + e) for e ≥ 0, accurate also when 1 + e rounds to 1: with u = 1 + e,
     * log(u) · e / (u − 1) cancels the rounding of u (Goldberg's trick).
     */
    static FloatVector log1pNonNegative(FloatVector e) {
        FloatVector u = e.add(1f);
        FloatVector d = u.sub(1f);
        VectorMask<Float> exact = d.compare(VectorOperators.EQ, 0f);
        FloatVector corrected = log(u).mul(e.div(d.blend(1f, exact)));
        return corrected.blend(e, exact)
                .blend(e, e.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY));
    }

    /** tanh in float lanes (Cephes {@code tanhf}): a polynomial near 0, 1 − 2/(e^2|x| + 1) elsewhere. */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector z = x.mul(x);
        FloatVector small = z.mul(-5.70498872745E-3f).add(2.06390887954E-2f)
                .mul(z).add(-5.37397155531E-2f)
                .mul(z).add(1.33314422036E-1f)
                .mul(z).add(-3.33332819422E-1f)
                .mul(z).mul(x).add(x);
        FloatVector large = FloatVector.broadcast(x.species(), 1f)
                .sub(FloatVector.broadcast(x.species(), 2f).div(exp(a.add(a)).add(1f)));
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        return small.blend(large, a.compare(VectorOperators.GT, 0.625f)).blend(x, x.compare(VectorOperators.NE, x));
    }

    /** 1 / (1 + e^−x); e^−x overflows to +inf for very negative x, which gives the right 0. */
    static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(x.species(), 1f).div(exp(x.neg()).add(1f));
    }

    // ---- double lanes, for Box–Muller ------------------------------------------------------

    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double SQRT2 = 1.41421356237309504880;
    /** fdlibm's {@code __kernel_sin} S1..S6 and {@code __kernel_cos} C1..C6. */
    private static final double[] SIN_COEFFICIENTS = {-1.66666666666666324348e-01, 8.33333333332248946124e-03,
            -1.98412698298579493134e-04, 2.75573137070700676789e-06, -2.50507602534068634195e-08,
            1.58969099521155010221e-10};
    private static final double[] COS_COEFFICIENTS = {4.16666666666666019037e-02, -1.38888888888741095749e-03,
            2.48015872894767294178e-05, -2.75573143513906633035e-07, 2.08757232129817482790e-09,
            -1.13596475577881948265e-11};

    /** The natural logarithm of positive normal doubles (fdlibm {@code __ieee754_log}). */
    static DoubleVector logPositiveNormal(DoubleVector x) {
        LongVector bits = x.reinterpretAsLongs();
        LongVector k = bits.lanewise(VectorOperators.LSHR, 52).sub(1023);
        DoubleVector m = bits.and(0x000FFFFFFFFFFFFFL).or(0x3FF0000000000000L).reinterpretAsDoubles();
        VectorMask<Double> high = m.compare(VectorOperators.GT, SQRT2);
        m = m.blend(m.mul(0.5), high);
        k = k.add(LongVector.zero(bits.species()).blend(1L, high.cast(bits.species())));
        DoubleVector dk = (DoubleVector) k.convert(VectorOperators.L2D, 0);
        DoubleVector f = m.sub(1.0);
        DoubleVector s = f.div(f.add(2.0));
        DoubleVector z = s.mul(s);
        DoubleVector w = z.mul(z);
        DoubleVector t1 = w.mul(w.mul(w.mul(1.531383769920937332e-01).add(2.222219843214978396e-01))
                .add(3.999999999940941908e-01));
        DoubleVector t2 = z.mul(w.mul(w.mul(w.mul(1.479819860511658591e-01).add(1.818357216161805012e-01))
                .add(2.857142874366239149e-01)).add(6.666666666666735130e-01));
        DoubleVector r = t2.add(t1);
        DoubleVector hfsq = f.mul(f).mul(0.5);
        return dk.mul(LN2_HI).sub(hfsq.sub(s.mul(hfsq.add(r)).add(dk.mul(LN2_LO))).sub(f));
    }

    /**
     * cos(2πu) and sin(2πu) for u in [0, 1]: u is reduced by the nearest quarter exactly (u
     * has at most 53 bits and the difference is below 1/8), so the only rounding before the
     * fdlibm kernels is one multiplication by 2π.
     *
     * @return {@code {cos, sin}}
     */
    static DoubleVector[] cosSinTwoPi(DoubleVector u) {
        DoubleVector four = u.mul(4.0);
        DoubleVector rounded = four.add(6755399441055744.0); // 1.5·2^52
        DoubleVector q = rounded.sub(6755399441055744.0);
        LongVector quadrant = rounded.reinterpretAsLongs().and(3L);
        DoubleVector r = u.sub(q.mul(0.25)).mul(2 * Math.PI);
        DoubleVector z = r.mul(r);
        DoubleVector sinPoly = horner(z, SIN_COEFFICIENTS);
        DoubleVector sin = r.add(z.mul(r).mul(sinPoly));
        DoubleVector cosPoly = horner(z, COS_COEFFICIENTS);
        DoubleVector hz = z.mul(0.5);
        DoubleVector w = hz.neg().add(1.0);
        DoubleVector cos = w.add(w.neg().add(1.0).sub(hz).add(z.mul(z).mul(cosPoly)));
        // Quadrant q: (cos, sin)(r + qπ/2) = (cos, sin), (−sin, cos), (−cos, −sin), (sin, −cos).
        VectorMask<Double> q1 = quadrant.compare(VectorOperators.EQ, 1L).cast(u.species());
        VectorMask<Double> q2 = quadrant.compare(VectorOperators.EQ, 2L).cast(u.species());
        VectorMask<Double> q3 = quadrant.compare(VectorOperators.EQ, 3L).cast(u.species());
        DoubleVector c = cos.blend(sin.neg(), q1).blend(cos.neg(), q2).blend(sin, q3);
        DoubleVector s = sin.blend(cos, q1).blend(sin.neg(), q2).blend(cos.neg(), q3);
        return new DoubleVector[] {c, s};
    }

    /** c[0] + z·(c[1] + z·(c[2] + ...)). */
    private static DoubleVector horner(DoubleVector z, double[] c) {
        DoubleVector p = DoubleVector.broadcast(z.species(), c[c.length - 1]);
        for (int i = c.length - 2; i >= 0; i--) {
            p = p.mul(z).add(c[i]);
        }
        return p;
    }
}
