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
 * in double). Polynomials use fused multiply-adds, which are as reproducible as the rest: the
 * interpreter's {@code Math.fma} and the FMA instruction both round the exact result once.
 */
final class VectorMath {
    // Rounding to an integer by adding and subtracting 1.5·2^23: exact for |x| < 2^22.
    private static final float ROUND_F = 12582912f;
    private static final int ROUND_F_BITS = Float.floatToRawIntBits(ROUND_F);
    private static final float LOG2E = 1.44269504088896341f;
    // ln 2 split so that n·LN2_HI is exact for the |n| ≤ 150 that occur (Cody–Waite).
    private static final float LN2_HI_F = 0.693359375f;
    private static final float LN2_LO_F = -2.12194440e-4f;
    /** Below this e^x is 0 in float. */
    private static final float EXP_MIN = -104f;
    /** Above 88.72 e^x is +inf in float; at 89 the scaling by 2^128 overflows to it. */
    private static final float EXP_CLAMP_MAX = 89f;
    private static final float SQRT_HALF_F = 0.707106781186547524f;
    private static final float LN2 = 0.693147180559945309f;

    private VectorMath() {
    }

    /**
     * e^x in float lanes (Cephes {@code expf}): +inf above 88.72, 0 below about −103.3, NaN for
     * NaN, with no special-case blends: clamping to [−104, 89] lets the last scaling overflow or
     * underflow by itself, and a NaN runs through the polynomial. Few operations matter here:
     * C2 stops inlining (and intrinsifying) Vector API calls once a kernel grows too big.
     */
    static FloatVector exp(FloatVector x) {
        FloatVector c = x.max(EXP_MIN).min(EXP_CLAMP_MAX);
        FloatVector t = c.mul(LOG2E).add(ROUND_F);
        FloatVector n = t.sub(ROUND_F);
        IntVector k = t.reinterpretAsInts().sub(ROUND_F_BITS);
        FloatVector r = c.sub(n.mul(LN2_HI_F)).sub(n.mul(LN2_LO_F));
        FloatVector z = r.mul(r);
        FloatVector p = FloatVector.broadcast(r.species(), 1.9875691500E-4f);
        p = step(p, r, 1.3981999507E-3f);
        p = step(p, r, 8.3334519073E-3f);
        p = step(p, r, 4.1665795894E-2f);
        p = step(p, r, 1.6666665459E-1f);
        p = step(p, r, 5.0000001201E-1f);
        p = p.fma(z, r).add(1f); // 1 + r + r²·P(r)
        // 2^k in two factors so that results down to the subnormal range come out right.
        IntVector k1 = k.lanewise(VectorOperators.ASHR, 1);
        IntVector k2 = k.sub(k1);
        FloatVector s1 = k1.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector s2 = k2.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(s1).mul(s2);
    }

    /**
     * {@link #exp(FloatVector)} for one value, operation for operation (the lanes' max, min,
     * multiply, add, FMA and bit steps in the same order), so the same bits: for a backend's
     * plain path ({@link ElementwiseKernels#mapSigmoidPlain}).
     */
    static float exp(float x) {
        float c = Math.min(Math.max(x, EXP_MIN), EXP_CLAMP_MAX);
        float t = c * LOG2E + ROUND_F;
        float n = t - ROUND_F;
        int k = Float.floatToRawIntBits(t) - ROUND_F_BITS;
        float r = c - n * LN2_HI_F - n * LN2_LO_F;
        float z = r * r;
        float p = 1.9875691500E-4f;
        p = Math.fma(p, r, 1.3981999507E-3f);
        p = Math.fma(p, r, 8.3334519073E-3f);
        p = Math.fma(p, r, 4.1665795894E-2f);
        p = Math.fma(p, r, 1.6666665459E-1f);
        p = Math.fma(p, r, 5.0000001201E-1f);
        p = Math.fma(p, z, r) + 1f;
        int k1 = k >> 1;
        int k2 = k - k1;
        return p * Float.intBitsToFloat((k1 + 127) << 23) * Float.intBitsToFloat((k2 + 127) << 23);
    }

    /** The natural logarithm in float lanes (Cephes {@code logf}); −inf at 0, NaN below 0 and for NaN. */
    static FloatVector log(FloatVector x) {
        VectorMask<Float> subnormal = x.compare(VectorOperators.LT, Float.MIN_NORMAL);
        FloatVector scaled = logOfNormal(x.blend(x.mul(8388608f), subnormal)); // 2^23
        FloatVector result = scaled.sub(FloatVector.zero(x.species()).blend(23 * LN2, subnormal));
        return result
                .blend(Float.NEGATIVE_INFINITY, x.compare(VectorOperators.EQ, 0f))
                .blend(Float.POSITIVE_INFINITY, x.compare(VectorOperators.EQ, Float.POSITIVE_INFINITY))
                .blend(Float.NaN, x.compare(VectorOperators.LT, 0f).or(x.compare(VectorOperators.NE, x)));
    }

    /** log x for positive, normal, finite x: the core of {@link #log} without its special cases. */
    static FloatVector logOfNormal(FloatVector x) {
        IntVector bits = x.reinterpretAsInts();
        // x = m·2^e with m in [0.5, 1); then f = m − 1 around 0 with m in [√½, √2).
        IntVector e = bits.lanewise(VectorOperators.LSHR, 23).sub(126);
        FloatVector m = bits.and(0x007FFFFF).or(0x3F000000).reinterpretAsFloats();
        VectorMask<Float> low = m.compare(VectorOperators.LT, SQRT_HALF_F);
        FloatVector ef = ((FloatVector) e.convert(VectorOperators.I2F, 0)).sub(FloatVector.zero(x.species()).blend(1f, low));
        FloatVector f = m.add(m.blend(0f, low.not())).sub(1f);
        FloatVector z = f.mul(f);
        FloatVector y = FloatVector.broadcast(f.species(), 7.0376836292E-2f);
        y = step(y, f, -1.1514610310E-1f);
        y = step(y, f, 1.1676998740E-1f);
        y = step(y, f, -1.2420140846E-1f);
        y = step(y, f, 1.4249322787E-1f);
        y = step(y, f, -1.6668057665E-1f);
        y = step(y, f, 2.0000714765E-1f);
        y = step(y, f, -2.4999993993E-1f);
        y = step(y, f, 3.3333331174E-1f);
        y = y.mul(f).mul(z);
        y = y.add(ef.mul(LN2_LO_F)).sub(z.mul(0.5f));
        return f.add(y).add(ef.mul(LN2_HI_F));
    }

    /**
     * log(1 + e) for e in [0, 1], the softplus tail: with s = e / (2 + e) in [0, 1/3],
     * log(1 + e) = 2·atanh(s) = 2s·(1 + s²/3 + s⁴/5 + ...), and eight terms reach float precision.
     * No bit tricks and no blends: small enough to leave C2 room to inline the rest of a kernel.
     */
    static FloatVector log1pUnit(FloatVector e) {
        FloatVector s = e.div(e.add(2f));
        FloatVector w = s.mul(s);
        FloatVector p = FloatVector.broadcast(w.species(), 1f / 15);
        p = step(p, w, 1f / 13);
        p = step(p, w, 1f / 11);
        p = step(p, w, 1f / 9);
        p = step(p, w, 1f / 7);
        p = step(p, w, 1f / 5);
        p = step(p, w, 1f / 3);
        p = step(p, w, 1f);
        return s.add(s).mul(p);
    }

    /** tanh in float lanes (Cephes {@code tanhf}): a polynomial near 0, 1 − 2/(e^2|x| + 1) elsewhere. */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs();
        FloatVector z = x.mul(x);
        FloatVector small = FloatVector.broadcast(z.species(), -5.70498872745E-3f);
        small = step(small, z, 2.06390887954E-2f);
        small = step(small, z, -5.37397155531E-2f);
        small = step(small, z, 1.33314422036E-1f);
        small = step(small, z, -3.33332819422E-1f);
        small = small.mul(z).fma(x, x); // x + x³·P(x²)
        FloatVector large = FloatVector.broadcast(x.species(), 1f)
                .sub(FloatVector.broadcast(x.species(), 2f).div(exp(a.add(a)).add(1f)));
        large = large.blend(large.neg(), x.compare(VectorOperators.LT, 0f));
        return small.blend(large, a.compare(VectorOperators.GT, 0.625f)); // NaN runs through both
    }

    /** 1 / (1 + e^−x); e^−x overflows to +inf for very negative x, which gives the right 0. */
    static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(x.species(), 1f).div(exp(x.neg()).add(1f));
    }

    /** {@link #sigmoid(FloatVector)} for one value, the same bits ({@link #exp(float)}). */
    static float sigmoid(float x) {
        return 1f / (exp(-x) + 1f);
    }

    // ---- double lanes, for Box–Muller ------------------------------------------------------

    private static final double LN2_HI = 6.93147180369123816490e-01;
    private static final double LN2_LO = 1.90821492927058770002e-10;
    private static final double SQRT2 = 1.41421356237309504880;
    /** Adding and subtracting 1.5·2^52 rounds a double to an integer (exact for |x| < 2^51). */
    private static final double ROUND_D = 6755399441055744.0;

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

    /*
     * cos(2πu) and sin(2πu) for u in [0, 1], in pieces small enough for C2 to inline (one method
     * doing it all was too big to inline and boxed its vectors): u is reduced by its nearest
     * quarter q exactly (u has at most 53 bits and the difference is below 1/8), so the only
     * rounding before the fdlibm kernels is one multiplication by 2π; then
     * (cos, sin)(r + qπ/2) = (cos, sin), (−sin, cos), (−cos, −sin), (sin, −cos) for q = 0..3.
     */

    /** 2π(u − q/4) for the quarter q/4 nearest u: in [−π/4, π/4]. */
    static DoubleVector turnRemainder(DoubleVector u) {
        DoubleVector q = u.mul(4.0).add(ROUND_D).sub(ROUND_D);
        return u.sub(q.mul(0.25)).mul(2 * Math.PI);
    }

    /** The nearest quarter q of u, modulo 4. */
    static LongVector turnQuadrant(DoubleVector u) {
        return u.mul(4.0).add(ROUND_D).reinterpretAsLongs().and(3L);
    }

    /** sin r for |r| ≤ π/4 (fdlibm {@code __kernel_sin}). */
    static DoubleVector sinNearZero(DoubleVector r) {
        DoubleVector z = r.mul(r);
        DoubleVector sinPoly = DoubleVector.broadcast(z.species(), 1.58969099521155010221e-10);
        sinPoly = step(sinPoly, z, -2.50507602534068634195e-08);
        sinPoly = step(sinPoly, z, 2.75573137070700676789e-06);
        sinPoly = step(sinPoly, z, -1.98412698298579493134e-04);
        sinPoly = step(sinPoly, z, 8.33333333332248946124e-03);
        sinPoly = step(sinPoly, z, -1.66666666666666324348e-01);
        return r.add(z.mul(r).mul(sinPoly));
    }

    /** cos r for |r| ≤ π/4 (fdlibm {@code __kernel_cos}). */
    static DoubleVector cosNearZero(DoubleVector r) {
        DoubleVector z = r.mul(r);
        DoubleVector cosPoly = DoubleVector.broadcast(z.species(), -1.13596475577881948265e-11);
        cosPoly = step(cosPoly, z, 2.08757232129817482790e-09);
        cosPoly = step(cosPoly, z, -2.75573143513906633035e-07);
        cosPoly = step(cosPoly, z, 2.48015872894767294178e-05);
        cosPoly = step(cosPoly, z, -1.38888888888741095749e-03);
        cosPoly = step(cosPoly, z, 4.16666666666666019037e-02);
        DoubleVector hz = z.mul(0.5);
        DoubleVector w = hz.neg().add(1.0);
        return w.add(w.neg().add(1.0).sub(hz).add(z.mul(z).mul(cosPoly)));
    }

    /** cos(r + qπ/2) from cos r and sin r. */
    static DoubleVector cosPlusQuarters(LongVector q, DoubleVector cos, DoubleVector sin) {
        return cos.blend(sin.neg(), q.compare(VectorOperators.EQ, 1L).cast(cos.species()))
                .blend(cos.neg(), q.compare(VectorOperators.EQ, 2L).cast(cos.species()))
                .blend(sin, q.compare(VectorOperators.EQ, 3L).cast(cos.species()));
    }

    /** sin(r + qπ/2) from cos r and sin r. */
    static DoubleVector sinPlusQuarters(LongVector q, DoubleVector cos, DoubleVector sin) {
        return sin.blend(cos, q.compare(VectorOperators.EQ, 1L).cast(cos.species()))
                .blend(sin.neg(), q.compare(VectorOperators.EQ, 2L).cast(cos.species()))
                .blend(cos.neg(), q.compare(VectorOperators.EQ, 3L).cast(cos.species()));
    }

    /** One Horner step {@code p·z + c} as a fused multiply-add (written out, not looped, so C2 sees straight code). */
    private static DoubleVector step(DoubleVector p, DoubleVector z, double c) {
        return p.fma(z, DoubleVector.broadcast(z.species(), c));
    }

    /** One Horner step {@code p·z + c}: fused, half the operations of multiply-then-add for C2's inlining budget. */
    private static FloatVector step(FloatVector p, FloatVector z, float c) {
        return p.fma(z, FloatVector.broadcast(z.species(), c));
    }
}
