package vae.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vae.core.backend.AdamStep;

/** The fused Adam kernel against a hand-written double-precision torch.optim.Adam. */
class ScalarBackendAdamTest {

    /** torch.optim.Adam (amsgrad=False, maximize=False), written out in double. */
    static final class ReferenceAdam {
        final double lr;
        final double beta1;
        final double beta2;
        final double eps;
        final double weightDecay;
        final double[] p;
        final double[] m;
        final double[] v;
        /** Σ of |terms| that made m: the scale of m's float rounding when terms cancel. */
        final double[] mScale;
        int t;

        ReferenceAdam(float[] initial, double lr, double beta1, double beta2, double eps, double weightDecay) {
            this.lr = lr;
            this.beta1 = beta1;
            this.beta2 = beta2;
            this.eps = eps;
            this.weightDecay = weightDecay;
            p = new double[initial.length];
            for (int i = 0; i < initial.length; i++) {
                p[i] = initial[i];
            }
            m = new double[p.length];
            v = new double[p.length];
            mScale = new double[p.length];
        }

        void step(float[] grad) {
            t++;
            double bc1 = 1 - Math.pow(beta1, t);
            double bc2 = 1 - Math.pow(beta2, t);
            for (int i = 0; i < p.length; i++) {
                double g = grad[i] + weightDecay * p[i];
                m[i] = beta1 * m[i] + (1 - beta1) * g;
                mScale[i] = beta1 * mScale[i] + (1 - beta1) * (Math.abs(grad[i]) + Math.abs(weightDecay * p[i]));
                v[i] = beta2 * v[i] + (1 - beta2) * g * g;
                double denom = Math.sqrt(v[i]) / Math.sqrt(bc2) + eps;
                p[i] -= lr / bc1 * m[i] / denom;
            }
        }
    }

    static float[] gradients(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] g = new float[n];
        for (int i = 0; i < n; i++) {
            // Magnitudes from 1e-4 to 1 so that eps matters for some elements.
            g[i] = (float) ((r.nextBoolean() ? 1 : -1) * Math.pow(10, -4 * r.nextDouble()));
        }
        return g;
    }

    /** Compares float parameters with the reference, relative to how far they moved. */
    static void assertClose(double[] expected, float[] actual, float[] initial, String where) {
        for (int i = 0; i < expected.length; i++) {
            double moved = Math.abs(expected[i] - initial[i]);
            // Observed: at most 7e-6 of the move beyond 4 ulp (float rounding of the update).
            double tol = 5e-5 * moved + 4 * Math.ulp((float) expected[i]);
            assertEquals(expected[i], actual[i], tol, where + " element " + i);
        }
    }

    private static void runAgainstReference(double lr, double beta1, double beta2, double eps, double wd) {
        int n = 40;
        float[] initial = gradients(1, n);
        float[] param = initial.clone();
        float[] m = new float[n];
        float[] v = new float[n];
        ReferenceAdam ref = new ReferenceAdam(initial, lr, beta1, beta2, eps, wd);
        ScalarBackend be = new ScalarBackend(1);
        for (int t = 1; t <= 3; t++) {
            float[] grad = gradients(10 + t, n);
            ref.step(grad);
            AdamStep step = AdamStep.of(lr, beta1, beta2, eps, wd, t);
            be.adam(param, grad, m, v, n, step);
            assertClose(ref.p, param, initial, "step " + t);
            for (int i = 0; i < n; i++) {
                assertEquals(ref.m[i], m[i], 1e-6 * ref.mScale[i], "m, step " + t);
                assertEquals(ref.v[i], v[i], 1e-6 * ref.v[i], "v, step " + t);
            }
        }
    }

    @Test
    void adamMatchesTorchAdamOverThreeStepsWithDefaults() {
        runAgainstReference(1e-3, 0.9, 0.999, 1e-8, 0);
    }

    @Test
    void adamMatchesTorchAdamWithLargeEpsAndWeightDecay() {
        runAgainstReference(0.05, 0.8, 0.99, 1e-3, 0.1);
    }

    @Test
    void firstAdamStepMovesEachParameterByAboutLrAgainstTheGradientSign() {
        // At t = 1, m̂ = g and √v̂ = |g|, so the step is lr · g / (|g| + eps).
        float[] param = {1f, 1f, 1f, 1f};
        float[] grad = {0.5f, -2f, 1e-3f, -30f};
        float[] signs = grad.clone(); // the kernel zeroes the gradient it consumed
        new ScalarBackend(1).adam(param, grad, new float[4], new float[4], 4,
                AdamStep.of(0.01, 0.9, 0.999, 1e-8, 0, 1));
        for (int i = 0; i < 4; i++) {
            assertEquals(1 - 0.01 * Math.signum(signs[i]), param[i], 1e-6, "element " + i);
            assertEquals(0f, grad[i], "gradient zeroed");
        }
    }
}
