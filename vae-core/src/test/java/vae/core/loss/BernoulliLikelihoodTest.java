package vae.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.graph.Graph;
import vae.core.graph.ReductionOps;
import vae.core.graph.Var;
import vae.core.graph.Parameter;
import vae.core.tensor.Tensor;

class BernoulliLikelihoodTest {

    /** −[t·log σ(l) + (1−t)·log(1−σ(l))] with σ computed directly: fine for moderate logits. */
    private static double bceNaive(double l, double t) {
        double s = 1 / (1 + Math.exp(-l));
        return -(t * Math.log(s) + (1 - t) * Math.log(1 - s));
    }

    /** The same with log σ(l) = −log(1 + e^−l) and log(1 − σ(l)) = −log(1 + e^l): exact for |l| ≤ 700. */
    private static double bceViaLogSigmoid(double l, double t) {
        double logSigmoid = -Math.log1p(Math.exp(-l));
        double logOneMinusSigmoid = -Math.log1p(Math.exp(l));
        return -(t * logSigmoid + (1 - t) * logOneMinusSigmoid);
    }

    private static float[] nll(float[] logits, float[] targets, int rows, int cols) {
        Graph g = Graph.training(new ScalarBackend(1));
        Var out = new BernoulliLikelihood().negativeLogLikelihood(g, g.constant(new Tensor(logits, rows, cols)),
                g.constant(new Tensor(targets, rows, cols)));
        assertArrayEquals(new int[] {rows}, out.shape());
        return out.data().clone();
    }

    @Test
    void bceWithLogitsMatchesTheCrossEntropyFormulaForModerateLogits() {
        float[] logits = {-3f, -0.7f, 0f, 0.4f, 2.5f, 5f};
        float[] targets = {0f, 1f, 0.5f, 0.25f, 1f, 0.8f};
        for (int i = 0; i < logits.length; i++) {
            float loss = nll(new float[] {logits[i]}, new float[] {targets[i]}, 1, 1)[0];
            double expected = bceNaive(logits[i], targets[i]);
            assertEquals(expected, loss, 1e-6 * Math.max(1, expected), "l = " + logits[i] + ", t = " + targets[i]);
        }
    }

    @Test
    void bceOfZeroLogitIsLogTwoWhateverTheTarget() {
        for (float t : new float[] {0f, 0.3f, 1f}) {
            assertEquals(Math.log(2), nll(new float[] {0f}, new float[] {t}, 1, 1)[0], 1e-7);
        }
    }

    @Test
    void bceIsStableAndFiniteForLargeLogits() {
        float[] logits = {40f, -40f, 40f, -40f, 40f, -40f, 100f, -100f};
        float[] targets = {1f, 0f, 0f, 1f, 0.3f, 0.7f, 0.5f, 0.5f};
        for (int i = 0; i < logits.length; i++) {
            float loss = nll(new float[] {logits[i]}, new float[] {targets[i]}, 1, 1)[0];
            double expected = bceViaLogSigmoid(logits[i], targets[i]);
            assertTrue(Float.isFinite(loss), "l = " + logits[i] + ", t = " + targets[i] + ": " + loss);
            assertFalse(loss < 0, "a cross-entropy with a binary target is never negative");
            // Relative: a confidently right prediction costs log(1 + e^-40) ≈ 4.2e-18 nats, not 0
            // (the 1e-44 covers e^-100, a float subnormal).
            assertEquals(expected, loss, 1e-6 * expected + 1e-44, "l = " + logits[i] + ", t = " + targets[i]);
        }
        // Confidently wrong costs |l| nats.
        assertEquals(40.0, nll(new float[] {40f}, new float[] {0f}, 1, 1)[0], 1e-5);
        assertEquals(40.0, nll(new float[] {-40f}, new float[] {1f}, 1, 1)[0], 1e-5);
    }

    @Test
    void bceSumsOverValuesPerRow() {
        float[] logits = {1f, -2f, 0.5f, 3f, -0.1f, 0f};
        float[] targets = {1f, 0.2f, 0f, 0.9f, 0.5f, 1f};
        float[] rowLoss = nll(logits, targets, 2, 3);
        for (int r = 0; r < 2; r++) {
            double expected = 0;
            for (int c = 0; c < 3; c++) {
                expected += bceNaive(logits[r * 3 + c], targets[r * 3 + c]);
            }
            assertEquals(expected, rowLoss[r], 1e-6 * expected, "row " + r);
        }
    }

    @Test
    void bceGradientIsSigmoidMinusTargetAndFiniteForLargeLogits() {
        float[] logits = {40f, -40f, 0f, 2f, -100f, 100f};
        float[] targets = {0.3f, 0.7f, 0.5f, 1f, 0f, 1f};
        Parameter p = new Parameter("logits", new Tensor(logits.clone(), 2, 3));
        Graph g = Graph.training(new ScalarBackend(1));
        Var loss = new BernoulliLikelihood().negativeLogLikelihood(g, g.parameter(p),
                g.constant(new Tensor(targets, 2, 3)));
        g.backward(ReductionOps.sum(g, loss));
        for (int i = 0; i < logits.length; i++) {
            double sigmoid = 1 / (1 + Math.exp(-logits[i]));
            float grad = p.grad().get(i);
            assertTrue(Float.isFinite(grad));
            assertEquals(sigmoid - targets[i], grad, 1e-6, "logit " + logits[i]);
        }
    }

    @Test
    void meanIsTheSigmoidOfTheLogits() {
        Graph g = Graph.training(new ScalarBackend(1));
        Var mean = new BernoulliLikelihood().mean(g, g.constant(new Tensor(new float[] {0f, 2f, -1f}, 1, 3)));
        assertEquals(0.5, mean.data()[0], 1e-7);
        assertEquals(1 / (1 + Math.exp(-2)), mean.data()[1], 1e-6);
        assertEquals(1 / (1 + Math.exp(1)), mean.data()[2], 1e-6);
    }

    @Test
    void shapeMismatchBetweenDecoderAndDataIsRejected() {
        Graph g = Graph.training(new ScalarBackend(1));
        assertThrows(IllegalArgumentException.class, () -> new BernoulliLikelihood().negativeLogLikelihood(g,
                g.constant(Tensor.zeros(2, 5)), g.constant(Tensor.zeros(2, 4))));
    }

    @Test
    void likelihoodsSayHowManyOutputsEachValueNeeds() {
        assertEquals("bernoulli", new BernoulliLikelihood().name());
        assertEquals(1, new BernoulliLikelihood().decoderOutputs(1));
        assertEquals("gaussian", new GaussianLikelihood(true).name());
        assertEquals(2, new GaussianLikelihood(true).decoderOutputs(1));
        assertEquals("gaussian-unit-variance", new GaussianLikelihood(false).name());
        assertEquals(1, new GaussianLikelihood(false).decoderOutputs(1));
    }

    @Test
    void inferenceGraphGivesTheSameLossAndNoGradient() {
        float[] logits = {1f, -2f, 0.5f, 3f, -0.1f, 0f};
        float[] targets = {1f, 0.2f, 0f, 0.9f, 0.5f, 1f};
        Parameter p = new Parameter("logits", new Tensor(logits.clone(), 2, 3));
        Graph inference = Graph.inference(new ScalarBackend(1));
        Var loss = new BernoulliLikelihood().negativeLogLikelihood(inference, inference.parameter(p),
                inference.constant(new Tensor(targets, 2, 3)));
        assertFalse(loss.requiresGrad());
        assertArrayEquals(nll(logits, targets, 2, 3), loss.data());
        assertThrows(IllegalStateException.class, () -> inference.backward(ReductionOps.sum(inference, loss)));
        assertArrayEquals(new float[6], p.grad().data());
    }
}
