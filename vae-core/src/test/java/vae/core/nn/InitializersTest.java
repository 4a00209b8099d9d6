package vae.core.nn;

import vae.core.graph.Parameter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vae.core.random.CounterRng;
import vae.core.tensor.Tensor;

class InitializersTest {

    @Test
    void pytorchDefaultBoundIsOneOverSqrtFanIn() {
        assertEquals(1.0 / 28, Initializers.pytorchDefaultBound(784), 1e-15);
        assertEquals(0.05, Initializers.pytorchDefaultBound(400), 1e-15);
        assertEquals(1.0, Initializers.pytorchDefaultBound(1), 0.0);
    }

    @Test
    void uniformStaysWithinTheBoundAndFillsIt() {
        double bound = 0.3;
        float[] v = new float[20_000];
        Initializers.uniform(v, bound, new CounterRng(1), "x.weight");
        double sum = 0;
        double sumSquares = 0;
        int[] bins = new int[10];
        for (float x : v) {
            assertTrue(Math.abs(x) <= bound, "value " + x);
            sum += x;
            sumSquares += (double) x * x;
            bins[Math.min(9, (int) ((x + bound) / (2 * bound) * 10))]++;
        }
        // U(−b, b): mean 0, variance b²/3; each tenth of the range holds ~2000 values (σ ≈ 42).
        assertEquals(0, sum / v.length, 0.01);
        assertEquals(bound * bound / 3, sumSquares / v.length, 0.002);
        for (int i = 0; i < 10; i++) {
            assertTrue(Math.abs(bins[i] - 2000) < 250, "bin " + i + " holds " + bins[i]);
        }
    }

    @Test
    void uniformDependsOnTheNameAndSeedOnly() {
        float[] a = new float[100];
        float[] b = new float[100];
        float[] c = new float[100];
        Initializers.uniform(a, 1, new CounterRng(4), "fc.weight");
        Initializers.uniform(b, 1, new CounterRng(4), "fc.weight");
        Initializers.uniform(c, 1, new CounterRng(4), "fc.bias");
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, c));
        // A longer buffer starts with the same values: values are indexed, not sequential.
        float[] longer = new float[150];
        Initializers.uniform(longer, 1, new CounterRng(4), "fc.weight");
        assertArrayEquals(a, Arrays.copyOf(longer, 100));
    }

    @Test
    void parameterZeroGradClearsTheGradientOnly() {
        Parameter p = new Parameter("p", new Tensor(new float[] {1, 2, 3}, 3));
        p.grad().data()[1] = 4f;
        p.zeroGrad();
        assertArrayEquals(new float[3], p.grad().data());
        assertArrayEquals(new float[] {1, 2, 3}, p.value().data());
        assertEquals(3, p.size());
        assertEquals("p[3]", p.toString());
    }
}
