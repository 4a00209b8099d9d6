package vae.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.graph.GradientCheck;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.tensor.Tensor;

/** The IWAE building blocks: log weights, the stable log-mean-exp, and their gradients. */
class ImportanceWeightedBoundTest {
    private static final int ROWS = 6;
    private static final int L = 3;

    @Test
    void logWeightIsLogLikelihoodPlusLogPriorMinusLogPosterior() {
        Tensor nll = GradientCheck.uniform(1, 50, 60, ROWS);
        Tensor z = GradientCheck.uniform(2, -2, 2, ROWS, L);
        Tensor mu = GradientCheck.uniform(3, -1, 1, ROWS, L);
        Tensor lv = GradientCheck.uniform(4, -2, 1, ROWS, L);
        Graph g = Graph.inference(new ScalarBackend(1));
        Var lw = ImportanceWeightedBound.logWeights(g, g.constant(nll), g.constant(z), g.constant(mu),
                g.constant(lv));
        for (int r = 0; r < ROWS; r++) {
            double logPrior = 0;
            double logPost = 0;
            for (int c = 0; c < L; c++) {
                int i = r * L + c;
                double zi = z.data()[i];
                double var = Math.exp(lv.data()[i]);
                logPrior += -0.5 * (Math.log(2 * Math.PI) + zi * zi);
                logPost += -0.5 * (Math.log(2 * Math.PI * var) + Math.pow(zi - mu.data()[i], 2) / var);
            }
            assertEquals(-nll.data()[r] + logPrior - logPost, lw.data()[r], 2e-5, "row " + r);
        }
    }

    @Test
    void boundIsLogMeanExpAndStableForLargeLogWeights() {
        // Two examples, three samples each, sample-major; log weights near -1000 would underflow exp.
        float[] lw = {-1000f, -3f, -1001f, -2f, -1002f, -4f};
        Graph g = Graph.inference(new ScalarBackend(1));
        Var out = ImportanceWeightedBound.negativeBound(g, g.constant(new Tensor(lw, 6)), 3);
        double ex0 = -1000 + Math.log((1 + Math.exp(-1) + Math.exp(-2)) / 3);
        double ex1 = -2 + Math.log((Math.exp(-1) + 1 + Math.exp(-2)) / 3);
        assertEquals(-ex0, out.data()[0], 1e-3);
        assertEquals(-ex1, out.data()[1], 1e-5);
    }

    @Test
    void oneSampleBoundIsMinusTheLogWeight() {
        float[] lw = {-3.5f, 2.25f};
        Graph g = Graph.inference(new ScalarBackend(1));
        Var out = ImportanceWeightedBound.negativeBound(g, g.constant(new Tensor(lw.clone(), 2)), 1);
        assertEquals(3.5f, out.data()[0]);
        assertEquals(-2.25f, out.data()[1]);
    }

    @Test
    void moreSamplesNeverLowerTheBoundOnAverage() {
        // Jensen: log mean exp ≥ mean log, so the negative bound is at most the mean negative log weight.
        Tensor lw = GradientCheck.uniform(9, -120, -80, 4 * 5);
        Graph g = Graph.inference(new ScalarBackend(1));
        Var out = ImportanceWeightedBound.negativeBound(g, g.constant(lw), 4);
        for (int b = 0; b < 5; b++) {
            double meanNeg = 0;
            for (int s = 0; s < 4; s++) {
                meanNeg -= lw.data()[s * 5 + b] / 4.0;
            }
            assertTrue(out.data()[b] <= meanNeg + 1e-4, "example " + b);
        }
    }

    @Test
    void negativeBoundGradientMatchesFiniteDifferences() {
        GradientCheck.of((g, in) -> ImportanceWeightedBound.negativeBound(g, in[0], 3))
                .input(GradientCheck.uniform(5, -4, 2, 3 * 4))
                .run();
    }

    @Test
    void logWeightsGradientMatchesFiniteDifferences() {
        GradientCheck.of((g, in) -> ImportanceWeightedBound.logWeights(g, in[0], in[1], in[2], in[3]))
                .input(GradientCheck.uniform(6, 1, 5, ROWS))
                .input(GradientCheck.uniform(7, -2, 2, ROWS, L))
                .input(GradientCheck.uniform(8, -1, 1, ROWS, L))
                .input(GradientCheck.uniform(9, -1.5, 1, ROWS, L))
                .run();
    }

    @Test
    void wholeBoundGradientThroughTheLogWeights() {
        GradientCheck.of((g, in) -> ImportanceWeightedBound.negativeBound(g,
                        ImportanceWeightedBound.logWeights(g, in[0], in[1], in[2], in[3]), 2))
                .input(GradientCheck.uniform(10, 1, 5, ROWS))
                .input(GradientCheck.uniform(11, -2, 2, ROWS, L))
                .input(GradientCheck.uniform(12, -1, 1, ROWS, L))
                .input(GradientCheck.uniform(13, -1.5, 1, ROWS, L))
                .run();
    }

    @Test
    void chunkedLogMeanExpEqualsOneBatch() {
        Tensor lw = GradientCheck.uniform(14, -300, -100, 6 * 2);
        Graph g = Graph.inference(new ScalarBackend(1));
        Var whole = ImportanceWeightedBound.negativeBound(g, g.constant(lw), 6);
        ImportanceWeightedBound.LogMeanExp chunks = new ImportanceWeightedBound.LogMeanExp(2);
        float[] d = lw.data();
        chunks.add(java.util.Arrays.copyOfRange(d, 0, 4), 2);
        chunks.add(java.util.Arrays.copyOfRange(d, 4, 12), 4);
        for (int b = 0; b < 2; b++) {
            assertEquals(-whole.data()[b], chunks.value(b), 1e-4, "example " + b);
        }
        assertThrows(IllegalStateException.class, () -> new ImportanceWeightedBound.LogMeanExp(1).value(0));
    }

    @Test
    void logMeanExpIsTheSameBitsHoweverTheSamplesAreChunked() {
        float[] d = GradientCheck.uniform(15, -300, -100, 12 * 2).data();
        ImportanceWeightedBound.LogMeanExp one = new ImportanceWeightedBound.LogMeanExp(2);
        one.add(d, 12);
        ImportanceWeightedBound.LogMeanExp chunks = new ImportanceWeightedBound.LogMeanExp(2);
        int[] cuts = {0, 1, 6, 7, 12};
        for (int c = 0; c + 1 < cuts.length; c++) {
            chunks.add(java.util.Arrays.copyOfRange(d, cuts[c] * 2, cuts[c + 1] * 2), cuts[c + 1] - cuts[c]);
        }
        for (int b = 0; b < 2; b++) {
            assertEquals(Double.doubleToRawLongBits(one.value(b)), Double.doubleToRawLongBits(chunks.value(b)));
        }
    }

    @Test
    void logWeightsThatDoNotSplitIntoKSamplesAreRejected() {
        Graph g = Graph.inference(new ScalarBackend(1));
        assertThrows(IllegalArgumentException.class,
                () -> ImportanceWeightedBound.negativeBound(g, g.constant(Tensor.zeros(7)), 3));
    }
}
