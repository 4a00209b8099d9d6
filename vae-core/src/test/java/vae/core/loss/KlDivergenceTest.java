package vae.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.graph.Graph;
import vae.core.graph.ReductionOps;
import vae.core.graph.Var;
import vae.core.graph.Parameter;
import vae.core.tensor.Tensor;

class KlDivergenceTest {

    /**
     * KL(N(μ, σ²) ‖ N(0, 1)) of one dimension from the general formula for two Gaussians,
     * {@code log(σ₂/σ₁) + (σ₁² + (μ₁ − μ₂)²) / (2σ₂²) − ½}, with σ₂ = 1, μ₂ = 0.
     */
    private static double klClosedForm(double mu, double logvar) {
        double sigma = Math.sqrt(Math.exp(logvar));
        return Math.log(1 / sigma) + (sigma * sigma + mu * mu) / 2 - 0.5;
    }

    private static float[] kl(float[] mu, float[] logvar, int rows, int cols) {
        Graph g = Graph.training(new ScalarBackend(1));
        Var out = KlDivergence.toStandardNormal(g, g.constant(new Tensor(mu, rows, cols)),
                g.constant(new Tensor(logvar, rows, cols)));
        assertArrayEquals(new int[] {rows}, out.shape());
        return out.data().clone();
    }

    @Test
    void klOfStandardNormalIsZero() {
        float[] rowKl = kl(new float[8], new float[8], 2, 4);
        assertArrayEquals(new float[] {0f, 0f}, rowKl);
    }

    @Test
    void klOfOneDimensionMatchesTheClosedForm() {
        double[][] pairs = {{1, 0}, {0, 1}, {-0.5, -2}, {2, 0.7}, {0.3, -5}};
        for (double[] pair : pairs) {
            float[] rowKl = kl(new float[] {(float) pair[0]}, new float[] {(float) pair[1]}, 1, 1);
            double expected = klClosedForm((float) pair[0], (float) pair[1]);
            assertEquals(expected, rowKl[0], 1e-6 * Math.max(1, expected), "μ = " + pair[0] + ", log σ² = " + pair[1]);
        }
    }

    @Test
    void klOfAMeanShiftOfOneIsOneHalf() {
        assertEquals(0.5f, kl(new float[] {1f}, new float[] {0f}, 1, 1)[0], 1e-7);
        assertEquals(0.5f, kl(new float[] {-1f}, new float[] {0f}, 1, 1)[0], 1e-7);
    }

    @Test
    void klSumsOverDimensionsPerRow() {
        float[] mu = {0.5f, -1f, 0f, 2f, 0.1f, 0.2f};
        float[] logvar = {0f, 0.5f, -1f, 0.2f, -0.3f, 1f};
        float[] rowKl = kl(mu, logvar, 2, 3);
        for (int r = 0; r < 2; r++) {
            double expected = 0;
            for (int c = 0; c < 3; c++) {
                expected += klClosedForm(mu[r * 3 + c], logvar[r * 3 + c]);
            }
            assertEquals(expected, rowKl[r], 1e-6 * Math.max(1, expected), "row " + r);
        }
    }

    @Test
    void perDimensionKlHoldsEachValuesTermAndItsRowsSumToTheKl() {
        float[] mu = {0.5f, -1f, 0f, 2f, 0.1f, 0.2f};
        float[] logvar = {0f, 0.5f, -1f, 0.2f, -0.3f, 1f};
        Graph g = Graph.inference(new ScalarBackend(1));
        Var perDimension = KlDivergence.toStandardNormalPerDimension(g, g.constant(new Tensor(mu, 2, 3)),
                g.constant(new Tensor(logvar, 2, 3)));
        assertArrayEquals(new int[] {2, 3}, perDimension.shape());
        float[] rowKl = kl(mu, logvar, 2, 3);
        for (int r = 0; r < 2; r++) {
            double sum = 0;
            for (int c = 0; c < 3; c++) {
                double expected = klClosedForm(mu[r * 3 + c], logvar[r * 3 + c]);
                assertEquals(expected, perDimension.data()[r * 3 + c], 1e-6 * Math.max(1, expected));
                sum += perDimension.data()[r * 3 + c];
            }
            assertEquals(rowKl[r], sum, 1e-5);
        }
    }

    @Test
    void perDimensionKlGradientMatchesFiniteDifferences() {
        vae.core.graph.GradientCheck.of((g, in) -> KlDivergence.toStandardNormalPerDimension(g, in[0], in[1]))
                .input(vae.core.graph.GradientCheck.uniform(5, -1, 1, 3, 4))
                .input(vae.core.graph.GradientCheck.uniform(6, -1, 1, 3, 4))
                .run();
    }

    @Test
    void klIsNeverNegative() {
        float[] mu = new float[50];
        float[] logvar = new float[50];
        for (int i = 0; i < 50; i++) {
            mu[i] = (float) Math.sin(i) * 0.01f;
            logvar[i] = (float) Math.cos(i) * 0.01f;
        }
        for (float v : kl(mu, logvar, 50, 1)) {
            assertFalse(v < 0, "KL " + v);
        }
    }

    @Test
    void klGradientIsMuAndHalfOfVarianceMinusOne() {
        Parameter mu = new Parameter("mu", new Tensor(new float[] {0.5f, -2f}, 1, 2));
        Parameter logvar = new Parameter("logvar", new Tensor(new float[] {0f, 1f}, 1, 2));
        Graph g = Graph.training(new ScalarBackend(1));
        g.backward(ReductionOps.sum(g, KlDivergence.toStandardNormal(g, g.parameter(mu), g.parameter(logvar))));
        assertArrayEquals(new float[] {0.5f, -2f}, mu.grad().data());
        assertEquals(0.0, logvar.grad().get(0), 1e-7);
        assertEquals(0.5 * (Math.E - 1), logvar.grad().get(1), 1e-6);
    }

    @Test
    void klRejectsDifferentShapes() {
        Graph g = Graph.training(new ScalarBackend(1));
        assertThrows(IllegalArgumentException.class, () -> KlDivergence.toStandardNormal(g,
                g.constant(Tensor.zeros(2, 3)), g.constant(Tensor.zeros(2, 4))));
    }

    @Test
    void klOnAnInferenceGraphHasTheSameValueAndNoGradient() {
        float[] mu = {0.5f, -1f, 0f, 2f};
        float[] logvar = {0f, 0.5f, -1f, 0.2f};
        Parameter pm = new Parameter("mu", new Tensor(mu, 2, 2));
        Parameter pl = new Parameter("lv", new Tensor(logvar, 2, 2));
        Graph inference = Graph.inference(new ScalarBackend(1));
        Var out = KlDivergence.toStandardNormal(inference, inference.parameter(pm), inference.parameter(pl));
        assertFalse(out.requiresGrad());
        assertArrayEquals(kl(mu, logvar, 2, 2), out.data());
    }
}
