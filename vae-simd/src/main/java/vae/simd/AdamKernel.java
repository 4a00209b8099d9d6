package vae.simd;

import static vae.simd.ElementwiseKernels.F;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import vae.core.backend.AdamStep;

/** The whole Adam update in one pass over parameters, gradients and moments. */
final class AdamKernel {
    private AdamKernel() {
    }

    /**
     * The same float operations, in the same order, as the scalar backend's Adam, over
     * {@code [from, to)}; the gradients read are zeroed.
     */
    static void step(float[] param, float[] grad, float[] m, float[] v, int from, int to, AdamStep s) {
        float b1 = s.beta1();
        float b2 = s.beta2();
        float oneMinusB1 = s.oneMinusBeta1();
        float oneMinusB2 = s.oneMinusBeta2();
        float wd = s.weightDecay();
        float sbc2 = s.sqrtBiasCorrection2();
        float eps = s.eps();
        float stepSize = s.stepSize();
        FloatVector zero = FloatVector.zero(F);
        int bound = from + F.loopBound(to - from);
        int i = from;
        for (; i < bound; i += F.length()) {
            FloatVector p = FloatVector.fromArray(F, param, i);
            FloatVector g = FloatVector.fromArray(F, grad, i).add(p.mul(wd));
            zero.intoArray(grad, i);
            FloatVector mi = FloatVector.fromArray(F, m, i).mul(b1).add(g.mul(oneMinusB1));
            FloatVector vi = FloatVector.fromArray(F, v, i).mul(b2).add(g.mul(oneMinusB2).mul(g));
            mi = mi.blend(0f, mi.abs().compare(VectorOperators.LT, AdamStep.FLUSH_TO_ZERO));
            vi = vi.blend(0f, vi.compare(VectorOperators.LT, AdamStep.FLUSH_TO_ZERO));
            mi.intoArray(m, i);
            vi.intoArray(v, i);
            FloatVector denom = vi.sqrt().div(sbc2).add(eps);
            p.sub(mi.mul(stepSize).div(denom)).intoArray(param, i);
        }
        for (; i < to; i++) {
            float g = grad[i] + wd * param[i];
            grad[i] = 0f;
            float mNew = b1 * m[i] + oneMinusB1 * g;
            float vNew = b2 * v[i] + oneMinusB2 * g * g;
            m[i] = Math.abs(mNew) < AdamStep.FLUSH_TO_ZERO ? 0f : mNew;
            v[i] = vNew < AdamStep.FLUSH_TO_ZERO ? 0f : vNew;
            float denom = (float) Math.sqrt(v[i]) / sbc2 + eps;
            param[i] -= stepSize * m[i] / denom;
        }
    }
}
