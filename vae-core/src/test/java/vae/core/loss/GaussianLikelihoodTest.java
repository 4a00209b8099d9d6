package vae.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.tensor.Tensor;

class GaussianLikelihoodTest {

    /** −log N(x; μ, σ²) = −log( exp(−(x−μ)²/(2σ²)) / √(2πσ²) ). */
    private static double nllFormula(double x, double mu, double variance) {
        double density = Math.exp(-(x - mu) * (x - mu) / (2 * variance)) / Math.sqrt(2 * Math.PI * variance);
        return -Math.log(density);
    }

    @Test
    void learnedVarianceNllMatchesTheDensityFormula() {
        // Two examples of D = 3: each row holds 3 means then 3 log-variances.
        float[] params = {0.2f, -1f, 0.5f, 0f, 0.7f, -1.2f,
                          1.5f, 0f, -0.3f, -0.5f, 0.1f, 2f};
        float[] x = {0f, -0.5f, 1f, 1f, 0.3f, -2f};
        Graph g = Graph.training(new ScalarBackend(1));
        Var nll = new GaussianLikelihood(true).negativeLogLikelihood(g, g.constant(new Tensor(params, 2, 6)),
                g.constant(new Tensor(x, 2, 3)));
        assertArrayEquals(new int[] {2}, nll.shape());
        for (int r = 0; r < 2; r++) {
            double expected = 0;
            for (int c = 0; c < 3; c++) {
                expected += nllFormula(x[r * 3 + c], params[r * 6 + c], Math.exp(params[r * 6 + 3 + c]));
            }
            assertEquals(expected, nll.data()[r], 1e-6 * Math.max(1, Math.abs(expected)), "row " + r);
        }
    }

    @Test
    void unitVarianceNllMatchesTheDensityFormula() {
        float[] mean = {0.2f, -1f, 0.5f, 1.5f, 0f, -0.3f};
        float[] x = {0f, -0.5f, 1f, 1f, 3f, -2f};
        Graph g = Graph.training(new ScalarBackend(1));
        Var nll = new GaussianLikelihood(false).negativeLogLikelihood(g, g.constant(new Tensor(mean, 2, 3)),
                g.constant(new Tensor(x, 2, 3)));
        for (int r = 0; r < 2; r++) {
            double expected = 0;
            for (int c = 0; c < 3; c++) {
                expected += nllFormula(x[r * 3 + c], mean[r * 3 + c], 1);
            }
            assertEquals(expected, nll.data()[r], 1e-6 * Math.max(1, Math.abs(expected)), "row " + r);
        }
    }

    @Test
    void nllAtTheMeanWithUnitVarianceIsHalfLogTwoPiPerValue() {
        Graph g = Graph.training(new ScalarBackend(1));
        Var nll = new GaussianLikelihood(false).negativeLogLikelihood(g,
                g.constant(new Tensor(new float[] {0.25f, -3f}, 1, 2)), g.constant(new Tensor(new float[] {0.25f, -3f}, 1, 2)));
        assertEquals(Math.log(2 * Math.PI), nll.item(), 1e-6);
    }

    @Test
    void meanIsTheFirstHalfWithLearnedVarianceAndEverythingWithout() {
        Graph g = Graph.training(new ScalarBackend(1));
        Var params = g.constant(new Tensor(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 4));
        assertArrayEquals(new float[] {1, 2, 5, 6}, new GaussianLikelihood(true).mean(g, params).data());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new GaussianLikelihood(false).mean(g, params).data());
    }

    @Test
    void namesAndParameterCounts() {
        assertEquals("gaussian", new GaussianLikelihood(true).name());
        assertEquals(2, new GaussianLikelihood(true).decoderOutputs(1));
        assertEquals("gaussian-unit-variance", new GaussianLikelihood(false).name());
        assertEquals(1, new GaussianLikelihood(false).decoderOutputs(1));
    }

    @Test
    void learnedVarianceNeedsTwoValuesPerDataValue() {
        Graph g = Graph.training(new ScalarBackend(1));
        assertThrows(IllegalArgumentException.class, () -> new GaussianLikelihood(true).negativeLogLikelihood(g,
                g.constant(Tensor.zeros(2, 3)), g.constant(Tensor.zeros(2, 3))));
        assertThrows(IllegalArgumentException.class, () -> new GaussianLikelihood(false).negativeLogLikelihood(g,
                g.constant(Tensor.zeros(2, 6)), g.constant(Tensor.zeros(2, 3))));
    }

    @Test
    void learnedVarianceRejectsAnOddNumberOfDecoderOutputs() {
        // [B, 2D + 1] outputs for D data values: the last column would be silently ignored.
        Graph g = Graph.training(new ScalarBackend(1));
        assertThrows(IllegalArgumentException.class, () -> new GaussianLikelihood(true).negativeLogLikelihood(g,
                g.constant(Tensor.zeros(2, 7)), g.constant(Tensor.zeros(2, 3))));
    }

    @Test
    void inferenceGraphGivesTheSameLossAsTraining() {
        float[] params = {0.2f, -1f, 0.7f, -1.2f, 1.5f, 0f, 0.1f, 2f};
        float[] x = {0f, -0.5f, 1f, 1f};
        vae.core.graph.Parameter p = new vae.core.graph.Parameter("out", new Tensor(params, 2, 4));
        Graph training = Graph.training(new ScalarBackend(1));
        Graph inference = Graph.inference(new ScalarBackend(1));
        Var trained = new GaussianLikelihood(true).negativeLogLikelihood(training, training.parameter(p),
                training.constant(new Tensor(x, 2, 2)));
        Var inferred = new GaussianLikelihood(true).negativeLogLikelihood(inference, inference.parameter(p),
                inference.constant(new Tensor(x, 2, 2)));
        assertArrayEquals(trained.data(), inferred.data());
        org.junit.jupiter.api.Assertions.assertFalse(inferred.requiresGrad());
    }
}
