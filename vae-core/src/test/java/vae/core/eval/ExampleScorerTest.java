package vae.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.data.Dataset;
import vae.core.data.ExampleShape;
import vae.core.random.CounterRng;
import vae.core.backend.Backend;

class ExampleScorerTest {
    private static final Backend BACKEND = new ScalarBackend();
    private static final int N = 40;
    private static final Dataset DATA = data();

    private static Dataset data() {
        SplittableRandom r = new SplittableRandom(3);
        float[] x = new float[N * 3];
        for (int i = 0; i < N; i++) {
            for (int d = 0; d < 3; d++) {
                x[i * 3 + d] = (float) (LinearGaussianModel.B[d]
                        + Math.sqrt(LinearGaussianModel.MARGINAL_VARIANCE[d]) * r.nextGaussian());
            }
        }
        return new Dataset("linear-gaussian", new ExampleShape(1, 1, 3), x, null);
    }

    private static ScoredBatch score(float muShift, int k, int from, int count) {
        return new ExampleScorer(BACKEND, new LinearGaussianModel(muShift), new CounterRng(7), k).score(DATA, from, count);
    }

    @Test
    void withTheExactPosteriorEveryImportanceWeightIsTheMarginalLikelihood() {
        ScoredBatch s = score(0f, 3, 0, N);
        for (int i = 0; i < N; i++) {
            double exact = -LinearGaussianModel.logMarginal(DATA.features(), i * 3);
            assertEquals(exact, s.negativeLogLikelihood(i), 1e-4 * Math.abs(exact) + 1e-4, "example " + i);
        }
    }

    @Test
    void anInexactPosteriorGivesABoundThatTightensTowardsLogPxAsKGrows() {
        ScoredBatch k1 = score(1.5f, 1, 0, N);
        ScoredBatch k20 = score(1.5f, 20, 0, N);
        ScoredBatch k5000 = score(1.5f, 5000, 0, N);
        double exact = 0;
        double sum1 = 0;
        double sum20 = 0;
        double sum5000 = 0;
        double elbo = 0;
        for (int i = 0; i < N; i++) {
            exact -= LinearGaussianModel.logMarginal(DATA.features(), i * 3);
            sum1 += k1.negativeLogLikelihood(i);
            sum20 += k20.negativeLogLikelihood(i);
            sum5000 += k5000.negativeLogLikelihood(i);
            elbo += k5000.negativeElbo(i);
        }
        // −ELBO − (−log p(x)) is KL(q ‖ posterior) = ½·1.5²/Σ₁₁ = 2.25 nats per example here.
        assertEquals(2.25, (elbo - exact) / N, 0.05);
        assertTrue(sum1 > sum20 && sum20 > sum5000, sum1 + " > " + sum20 + " > " + sum5000);
        assertEquals(exact / N, sum5000 / N, 0.02);
        assertTrue(sum20 / N - exact / N > 0.1, "k = 20 is still visibly loose");
    }

    @Test
    void aScoreDoesNotDependOnTheBatchItWasScoredIn() {
        ScoredBatch whole = score(1f, 50, 0, N);
        ScoredBatch part = score(1f, 50, 10, 7);
        for (int i = 0; i < 7; i++) {
            assertEquals(whole.negativeLogLikelihood(10 + i), part.negativeLogLikelihood(i));
            assertEquals(whole.negativeElbo(10 + i), part.negativeElbo(i));
        }
    }

    @Test
    void moreSamplesThanOneChunkHoldsAreCombinedExactly() {
        // 40 examples × 5000 samples is 49 chunks of 102 samples: the running log-mean-exp must
        // agree with a direct one, which a single-example batch (one chunk of 4096 + 904) checks.
        ScoredBatch all = score(1.5f, 5000, 0, N);
        ScoredBatch one = score(1.5f, 5000, 5, 1);
        assertEquals(all.negativeLogLikelihood(5), one.negativeLogLikelihood(0), 1e-9);
        // ... and exactly: the chunks (102 samples, or 4096 + 904) do not change a bit of it.
        assertEquals(all.negativeLogLikelihood(5), one.negativeLogLikelihood(0));
        assertEquals(all.negativeElbo(5), one.negativeElbo(0));
    }

    @Test
    void aPartScoredOnItsOwnWithTheIndicesOfTheWholeGetsTheScoresOfTheWhole() {
        ScoredBatch whole = score(1f, 300, 0, N);
        // examples 25..31 as a data set of their own, as one partition of a distributed data set holds them
        float[] part = java.util.Arrays.copyOfRange(DATA.features(), 25 * 3, 32 * 3);
        Dataset alone = new Dataset("part", DATA.shape(), part, null);
        ExampleScorer scorer = new ExampleScorer(BACKEND, new LinearGaussianModel(1f), new CounterRng(7), 300);
        ScoredBatch s = scorer.score(alone, 2, 5, new long[] {27, 28, 29, 30, 31});
        for (int i = 0; i < 5; i++) {
            assertEquals(whole.negativeLogLikelihood(27 + i), s.negativeLogLikelihood(i));
            assertEquals(whole.reconstruction(27 + i), s.reconstruction(i));
            assertEquals(whole.kl(27 + i), s.kl(i));
        }
        // without them, the part's own positions pick other samples
        ScoredBatch unkeyed = scorer.score(alone, 2, 5);
        assertTrue(unkeyed.negativeLogLikelihood(0) != whole.negativeLogLikelihood(27));
    }

    @Test
    void reconstructionAtTheMeanAndSquaredErrorMatchTheDecoder() {
        ScoredBatch s = score(0f, 1, 0, 2);
        float[] x = DATA.features();
        for (int i = 0; i < 2; i++) {
            // Decoded mean: W·μ + b with μ = Σ Wᵀ(x − b), i.e. (x₁ − b₁)/2 + b₁, 2·0.4(x₂ − b₂) + b₂, b₃.
            double[] mean = {0.5 * (x[i * 3] - 0.5) + 0.5, 0.8 * (x[i * 3 + 1] + 1) - 1, 0.25};
            double se = 0;
            for (int d = 0; d < 3; d++) {
                se += (x[i * 3 + d] - mean[d]) * (x[i * 3 + d] - mean[d]);
            }
            assertEquals(se, s.squaredError(i), 1e-5);
            assertEquals(0.5 * (3 * Math.log(2 * Math.PI) + se), s.reconstructionAtMean(i), 1e-4);
        }
    }

    @Test
    void activeUnitsCountDimensionsWhoseMeanMovesWithTheData() {
        EvaluationSummary summary = new EvaluationSummary(2);
        summary.add(score(0f, 1, 0, N));
        // μ₁ = (x₁ − b₁)/2 has variance 2/4 = 0.5; μ₂ = 0.4(x₂ − b₂) has 0.16·5 = 0.8: both active.
        assertEquals(2, summary.activeUnits());
        assertEquals(0.5, summary.meanVarianceOfDimension(0), 0.25);
        double klSum = summary.klOfDimension(0) + summary.klOfDimension(1);
        assertEquals(summary.kl(), klSum, 1e-6);
    }

    @Test
    void kMustBePositive() {
        assertThrows(IllegalArgumentException.class,
                () -> new ExampleScorer(BACKEND, new LinearGaussianModel(0f), new CounterRng(1), 0));
    }
}
