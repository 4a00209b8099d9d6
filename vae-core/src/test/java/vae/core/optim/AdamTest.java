package vae.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.graph.Parameter;
import vae.core.tensor.Tensor;

/** The Adam optimiser class: torch.optim.Adam over several parameters and steps. */
class AdamTest {

    private static float[] values(long seed, int n, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) ((r.nextBoolean() ? 1 : -1) * scale * Math.pow(10, -3 * r.nextDouble()));
        }
        return x;
    }

    /** torch.optim.Adam for one tensor, in double. */
    private static void referenceStep(double[] p, double[] m, double[] v, float[] grad, int t, AdamConfig c) {
        double bc1 = 1 - Math.pow(c.beta1(), t);
        double bc2 = 1 - Math.pow(c.beta2(), t);
        for (int i = 0; i < p.length; i++) {
            double g = grad[i] + c.weightDecay() * p[i];
            m[i] = c.beta1() * m[i] + (1 - c.beta1()) * g;
            v[i] = c.beta2() * v[i] + (1 - c.beta2()) * g * g;
            p[i] -= c.lr() / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + c.eps());
        }
    }

    private static void checkAgainstReference(AdamConfig config) {
        float[] w0 = values(1, 12, 1);
        float[] b0 = values(2, 3, 1);
        Parameter w = new Parameter("fc.weight", new Tensor(w0.clone(), 3, 4));
        Parameter b = new Parameter("fc.bias", new Tensor(b0.clone(), 3));
        Adam adam = new Adam(List.of(w, b), config);
        double[][] refP = {toDouble(w0), toDouble(b0)};
        double[][] refM = {new double[12], new double[3]};
        double[][] refV = {new double[12], new double[3]};
        java.util.Arrays.fill(refV[0], config.initialSecondMoment());
        java.util.Arrays.fill(refV[1], config.initialSecondMoment());
        Parameter[] params = {w, b};
        ScalarBackend be = new ScalarBackend(1);
        for (int t = 1; t <= 3; t++) {
            adam.zeroGrad();
            for (int j = 0; j < 2; j++) {
                float[] grad = values(100 * t + j, params[j].size(), 0.5);
                System.arraycopy(grad, 0, params[j].grad().data(), 0, grad.length);
                referenceStep(refP[j], refM[j], refV[j], grad, t, config);
            }
            adam.step(be);
            assertEquals(t, adam.stepCount());
            for (int j = 0; j < 2; j++) {
                float[] initial = j == 0 ? w0 : b0;
                for (int i = 0; i < refP[j].length; i++) {
                    double moved = Math.abs(refP[j][i] - initial[i]);
                    assertEquals(refP[j][i], params[j].value().get(i),
                            5e-5 * moved + 4 * Math.ulp((float) refP[j][i]),
                            params[j].name() + "[" + i + "] after step " + t);
                    assertEquals(refV[j][i], adam.secondMoment(j)[i], 2e-5 * refV[j][i], "v of " + params[j].name());
                }
            }
        }
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Test
    void stepsMatchTorchAdamWithDefaults() {
        checkAgainstReference(AdamConfig.defaults().withLr(1e-2));
    }

    @Test
    void stepsMatchTorchAdamWithWeightDecayAndLargeEps() {
        checkAgainstReference(new AdamConfig(0.03, 0.85, 0.98, 1e-2, 0.05));
    }

    /** The IWAE paper code's start: second moments at 1, the bias corrections unchanged. */
    @Test
    void stepsMatchTheReferenceWithSecondMomentsStartingAtOne() {
        AdamConfig paper = new AdamConfig(1e-2, 0.99, 0.999, 1e-4, 0, 1);
        assertArrayEquals(new float[] {1, 1, 1}, new Adam(List.of(new Parameter("b", Tensor.zeros(3))), paper)
                .secondMoment(0));
        checkAgainstReference(paper);
    }

    @Test
    void zeroGradClearsEveryParameter() {
        Parameter w = new Parameter("w", Tensor.zeros(2, 2));
        Parameter b = new Parameter("b", Tensor.zeros(2));
        w.grad().data()[3] = 5f;
        b.grad().data()[0] = -1f;
        new Adam(List.of(w, b), AdamConfig.defaults()).zeroGrad();
        assertArrayEquals(new float[4], w.grad().data());
        assertArrayEquals(new float[2], b.grad().data());
    }

    @Test
    void momentsStartAtZeroAndStepCountCanBeRestored() {
        Parameter w = new Parameter("w", Tensor.zeros(5));
        Adam adam = new Adam(List.of(w), AdamConfig.defaults());
        assertEquals(0, adam.stepCount());
        assertArrayEquals(new float[5], adam.firstMoment(0));
        assertArrayEquals(new float[5], adam.secondMoment(0));
        adam.setStepCount(41);
        assertEquals(41, adam.stepCount());
        // The next step uses t = 42 in its bias corrections. With restored moments m = g and
        // v = g² and the same gradient g, the moments stay put and only the corrections act.
        java.util.Arrays.fill(adam.firstMoment(0), 0.5f);
        java.util.Arrays.fill(adam.secondMoment(0), 0.25f);
        java.util.Arrays.fill(w.grad().data(), 0.5f);
        adam.step(new ScalarBackend(1));
        assertEquals(42, adam.stepCount());
        // m̂ = 0.5 / (1 − 0.9^42), √v̂ = 0.5 / √(1 − 0.999^42).
        double mHat = 0.5 / (1 - Math.pow(0.9, 42));
        double vHatSqrt = 0.5 / Math.sqrt(1 - Math.pow(0.999, 42));
        double expected = -1e-3 * mHat / (vHatSqrt + 1e-8);
        for (float p : w.value().data()) {
            assertEquals(expected, p, 1e-4 * Math.abs(expected));
        }
    }

    @Test
    void configDefaultsAreTorchDefaults() {
        AdamConfig c = AdamConfig.defaults();
        assertEquals(1e-3, c.lr());
        assertEquals(0.9, c.beta1());
        assertEquals(0.999, c.beta2());
        assertEquals(1e-8, c.eps());
        assertEquals(0.0, c.weightDecay());
        AdamConfig faster = c.withLr(0.5);
        assertEquals(0.5, faster.lr());
        assertEquals(c.beta2(), faster.beta2());
        Adam adam = new Adam(List.of(), c);
        assertSame(c, adam.config());
    }

    @Test
    void configRejectsInvalidSettings() {
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(0, 0.9, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(-1e-3, 0.9, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(Double.NaN, 0.9, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new AdamConfig(Double.POSITIVE_INFINITY, 0.9, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(1e-3, 1.0, 0.999, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(1e-3, 0.9, -0.1, 1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(1e-3, 0.9, 0.999, -1e-8, 0));
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(1e-3, 0.9, 0.999, 1e-8, -1));
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0, -1));
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(1e-3, 0.9, 0.999, Double.NaN, 0));
        // eps = 0 would divide by zero for a parameter whose gradients have all been zero
        assertThrows(IllegalArgumentException.class, () -> new AdamConfig(1e-3, 0.9, 0.999, 0.0, 0));
        // The boundaries that are allowed.
        new AdamConfig(1e-3, 0.0, 0.0, Double.MIN_VALUE, 0.0);
    }

    @Test
    void stepLeavesTheGradientsZeroedForTheNextBackwardPass() {
        Parameter w = new Parameter("w", new Tensor(new float[] {1f, 2f, 3f}, 3));
        java.util.Arrays.fill(w.grad().data(), 0.5f);
        new Adam(List.of(w), AdamConfig.defaults()).step(new ScalarBackend(1));
        org.junit.jupiter.api.Assertions.assertArrayEquals(new float[3], w.grad().data());
        org.junit.jupiter.api.Assertions.assertTrue(w.value().data()[0] < 1f, "the parameter moved");
    }
}
