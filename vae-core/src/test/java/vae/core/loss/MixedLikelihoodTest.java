package vae.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.data.ValueLayout;
import vae.core.data.ValueLayout.Kind;
import vae.core.data.ValueLayout.Segment;
import vae.core.graph.GradientCheck;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.Var;
import vae.core.tensor.Tensor;

/** The per-column likelihood: its values in closed form, its gradients, and missing entries left out. */
class MixedLikelihoodTest {
    private static final float NAN = Float.NaN;
    /** age (continuous), smoker (binary), colour (3 categories), income (continuous): 6 values, 8 outputs. */
    private static final ValueLayout LAYOUT = new ValueLayout(List.of(
            new Segment("age", Kind.CONTINUOUS, 0, 1),
            new Segment("smoker", Kind.BINARY, 1, 1),
            new Segment("colour", Kind.CATEGORICAL, 2, 3),
            new Segment("income", Kind.CONTINUOUS, 5, 1)));
    private static final MixedLikelihood LIKELIHOOD = new MixedLikelihood(LAYOUT);

    private static final float[] X = {
        0.5f, 1f, 0f, 1f, 0f, -1.2f,
        NAN, 0f, NAN, NAN, NAN, 0.3f,   // age and colour missing
        -2f, NAN, 1f, 0f, 0f, NAN,      // smoker and income missing
    };

    private static double nll(float[] params, float[] x) {
        Graph g = Graph.inference(new ScalarBackend(1));
        int rows = x.length / 6;
        Var out = LIKELIHOOD.negativeLogLikelihood(g, g.constant(new Tensor(params.clone(), rows, 8)),
                g.constant(new Tensor(x.clone(), rows, 6)));
        double sum = 0;
        for (float v : out.data()) {
            sum += v;
        }
        return sum;
    }

    private static double gaussian(double x, double mean, double logvar) {
        double var = Math.exp(logvar) + MixedLikelihood.MIN_VARIANCE;
        return 0.5 * (Math.log(2 * Math.PI * var) + (x - mean) * (x - mean) / var);
    }

    @Test
    void eachColumnHasItsOwnDistribution() {
        float[] p = {0.1f, -0.7f, 1f, 2f, 0.5f, -0.4f, /* log-variances: */ -1f, 0.3f};
        float[] x = {0.5f, 1f, 0f, 1f, 0f, -1.2f};
        double lse = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(0.5));
        double expected = gaussian(0.5, 0.1, -1) + Math.log1p(Math.exp(0.7)) + (lse - 2) + gaussian(-1.2, -0.4, 0.3);
        assertEquals(expected, nll(p, x), 1e-5);
        assertEquals(8, LIKELIHOOD.decoderOutputs(6));
        assertThrows(IllegalArgumentException.class, () -> LIKELIHOOD.decoderOutputs(7));
    }

    @Test
    void theSharesOfEachKindAddUpToTheWhole() {
        float[] p = GradientCheck.uniform(8, -1.5, 1.5, 3, 8).data();
        double[] kinds = new double[9];
        LIKELIHOOD.negativeLogLikelihoodByKind(p, X, 3, kinds);
        for (int r = 0; r < 3; r++) {
            float[] row = java.util.Arrays.copyOfRange(X, 6 * r, 6 * r + 6);
            float[] params = java.util.Arrays.copyOfRange(p, 8 * r, 8 * r + 8);
            assertEquals(nll(params, row), kinds[3 * r] + kinds[3 * r + 1] + kinds[3 * r + 2], 1e-4);
        }
        // row 2 has smoker missing: no binary share; row 1 has colour missing: no categorical share
        assertEquals(0, kinds[3 * 2 + 1], 0);
        assertEquals(0, kinds[3 + 2], 0);
        float[] onlyAge = {0.5f, NAN, NAN, NAN, NAN, NAN};
        LIKELIHOOD.negativeLogLikelihoodByKind(java.util.Arrays.copyOf(p, 8), onlyAge, 1, kinds);
        assertEquals(gaussian(0.5, p[0], p[6]), kinds[0], 1e-5);
    }

    @Test
    void anExtremeLogVarianceGivesAFiniteLoss() {
        float[] p = {0.1f, -0.7f, 1f, 2f, 0.5f, -0.4f, 900f, -900f};
        float[] x = {1e6f, 1f, 0f, 1f, 0f, 3f};
        double nll = nll(p, x);
        assertTrue(Double.isFinite(nll) && nll > 0, "nll " + nll);
    }

    @Test
    void missingEntriesAreLeftOut() {
        float[] p = {0.1f, -0.7f, 1f, 2f, 0.5f, -0.4f, -1f, 0.3f};
        float[] onlyObserved = {NAN, NAN, NAN, NAN, NAN, NAN};
        assertEquals(0, nll(p, onlyObserved), 0);
        float[] ageMissing = {NAN, 1f, 0f, 1f, 0f, -1.2f};
        float[] changed = p.clone();
        changed[0] = 9f;   // the missing column's mean
        changed[6] = 4f;   // and its log-variance
        assertEquals(nll(p, ageMissing), nll(changed, ageMissing), 0);
    }

    @Test
    void gradientsMatchFiniteDifferencesWithMissingEntries() {
        Tensor params = GradientCheck.uniform(3, -1.5, 1.5, 3, 8);
        GradientCheck.of((g, in) -> LIKELIHOOD.negativeLogLikelihood(g, in[0], in[1]))
                .input(params)
                .constant(new Tensor(X.clone(), 3, 6))
                .run();
    }

    @Test
    void missingEntriesGetNoGradient() {
        Graph g = Graph.training(new ScalarBackend(1));
        Parameter p = new Parameter("p", GradientCheck.uniform(5, -1, 1, 3, 8));
        Var params = g.parameter(p);
        Var nll = LIKELIHOOD.negativeLogLikelihood(g, params, g.constant(new Tensor(X.clone(), 3, 6)));
        g.backward(vae.core.graph.ReductionOps.sum(g, nll));
        float[] grad = p.grad().data();
        // row 1: age (0) and its log-variance (6), the colour logits (2..4)
        for (int i : new int[] {8, 8 + 6, 8 + 2, 8 + 3, 8 + 4}) {
            assertEquals(0f, grad[i], "output " + i);
        }
        // row 2: smoker (1), income (5) and its log-variance (7)
        for (int i : new int[] {16 + 1, 16 + 5, 16 + 7}) {
            assertEquals(0f, grad[i], "output " + i);
        }
    }

    @Test
    void theMeanIsEachColumnsExpectation() {
        Graph g = Graph.inference(new ScalarBackend(1));
        float[] p = {0.1f, 0f, 1f, 2f, 0.5f, -0.4f, -1f, 0.3f};
        float[] m = LIKELIHOOD.mean(g, g.constant(new Tensor(p, 1, 8))).data();
        assertEquals(0.1f, m[0]);
        assertEquals(0.5f, m[1], 1e-7);
        assertEquals(1.0, m[2] + m[3] + m[4], 1e-6);
        assertEquals(Math.exp(2) / (Math.exp(1) + Math.exp(2) + Math.exp(0.5)), m[3], 1e-6);
        assertEquals(-0.4f, m[5]);
    }

    @Test
    void aLayoutMustCoverTheValuesWithoutGaps() {
        assertThrows(IllegalArgumentException.class, () -> new ValueLayout(List.of(
                new Segment("a", Kind.CONTINUOUS, 0, 1), new Segment("b", Kind.BINARY, 2, 1))));
        assertThrows(IllegalArgumentException.class, () -> new Segment("c", Kind.CATEGORICAL, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Segment("d", Kind.BINARY, 0, 2));
    }
}
