package vae.core.nn;

import vae.core.graph.Parameter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.random.CounterRng;
import vae.core.tensor.Tensor;

class LinearTest {

    @Test
    void parametersAreNamedWeightAndBiasInStateDictOrder() {
        Linear fc = new Linear("encoder.fc1", 784, 400, new CounterRng(1));
        List<Parameter> params = fc.parameters();
        assertEquals(2, params.size());
        assertSame(fc.weight(), params.get(0));
        assertSame(fc.bias(), params.get(1));
        assertEquals("encoder.fc1.weight", fc.weight().name());
        assertEquals("encoder.fc1.bias", fc.bias().name());
    }

    @Test
    void shapesAreOutByInAndOut() {
        Linear fc = new Linear("fc", 7, 3, new CounterRng(1));
        assertArrayEquals(new int[] {3, 7}, fc.weight().value().shape());
        assertArrayEquals(new int[] {3}, fc.bias().value().shape());
        assertArrayEquals(new int[] {3, 7}, fc.weight().grad().shape());
        assertEquals(7, fc.inFeatures());
        assertEquals(3, fc.outFeatures());
    }

    @Test
    void initialValuesLieWithinOneOverSqrtInAndAreSpread() {
        int in = 50;
        Linear fc = new Linear("fc", in, 40, new CounterRng(3));
        double bound = 1 / Math.sqrt(in);
        for (Parameter p : fc.parameters()) {
            float[] v = p.value().data();
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float x : v) {
                assertTrue(Math.abs(x) <= bound, p.name() + " value " + x + " outside ±" + bound);
                min = Math.min(min, x);
                max = Math.max(max, x);
            }
            assertTrue(max > min, p.name() + " values are all equal");
            assertTrue(Arrays.stream(toDouble(v)).distinct().count() > v.length * 0.9, p.name() + " repeats values");
        }
        // With 2000 weights, the extremes come close to the bound (a smaller bound would fail).
        float[] w = fc.weight().value().data();
        double maxAbs = 0;
        for (float x : w) {
            maxAbs = Math.max(maxAbs, Math.abs(x));
        }
        assertTrue(maxAbs > 0.99 * bound, "largest |w| " + maxAbs + " is far inside ±" + bound);
    }

    private static double[] toDouble(float[] x) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return d;
    }

    @Test
    void initialisationIsDeterministicForASeed() {
        Linear a = new Linear("fc", 9, 4, new CounterRng(11));
        Linear b = new Linear("fc", 9, 4, new CounterRng(11));
        assertArrayEquals(a.weight().value().data(), b.weight().value().data());
        assertArrayEquals(a.bias().value().data(), b.bias().value().data());
    }

    @Test
    void anotherNameOrSeedGivesOtherValues() {
        Linear a = new Linear("fc1", 9, 4, new CounterRng(11));
        Linear otherName = new Linear("fc2", 9, 4, new CounterRng(11));
        Linear otherSeed = new Linear("fc1", 9, 4, new CounterRng(12));
        assertFalse(Arrays.equals(a.weight().value().data(), otherName.weight().value().data()));
        assertFalse(Arrays.equals(a.bias().value().data(), otherName.bias().value().data()));
        assertFalse(Arrays.equals(a.weight().value().data(), otherSeed.weight().value().data()));
        // Weight and bias of one layer draw from different streams.
        assertFalse(Arrays.equals(Arrays.copyOf(a.weight().value().data(), 4), a.bias().value().data()));
    }

    @Test
    void aLayersValuesDoNotDependOnOtherLayers() {
        CounterRng rng = new CounterRng(5);
        Linear alone = new Linear("dec", 6, 2, rng);
        new Linear("enc", 100, 50, rng);
        Linear afterAnother = new Linear("dec", 6, 2, rng);
        assertArrayEquals(alone.weight().value().data(), afterAnother.weight().value().data());
    }

    @Test
    void forwardIsInputTimesWeightTransposedPlusBias() {
        Linear fc = new Linear("fc", 3, 2, new CounterRng(8));
        float[] x = {1f, -2f, 0.5f, 0f, 3f, -1f};
        Graph g = Graph.training(new ScalarBackend(1));
        Var y = fc.forward(g, g.constant(new Tensor(x, 2, 3)));
        assertArrayEquals(new int[] {2, 2}, y.shape());
        float[] w = fc.weight().value().data();
        float[] b = fc.bias().value().data();
        for (int r = 0; r < 2; r++) {
            for (int o = 0; o < 2; o++) {
                double expected = b[o];
                for (int i = 0; i < 3; i++) {
                    expected += (double) x[r * 3 + i] * w[o * 3 + i];
                }
                assertEquals(expected, y.value().get(r * 2 + o), 1e-6);
            }
        }
        assertTrue(y.requiresGrad(), "the layer's parameters learn on a training graph");
    }
}
