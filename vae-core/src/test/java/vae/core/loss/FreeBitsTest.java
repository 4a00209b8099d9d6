package vae.core.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.graph.GradientCheck;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.ReductionOps;
import vae.core.graph.Var;
import vae.core.tensor.Tensor;

class FreeBitsTest {
    /** Three examples, three dimensions: batch means 0.2 (below λ = 1), 2 and 1 (at λ). */
    private static final float[] KL = {
        0.1f, 1.0f, 0.5f,
        0.2f, 2.0f, 1.0f,
        0.3f, 3.0f, 1.5f};

    @Test
    void batchMeanIsTheSumOfEachDimensionsBatchMeanRaisedToLambda() {
        Graph g = Graph.inference(new ScalarBackend(1));
        Var out = FreeBits.kl(g, g.constant(new Tensor(KL.clone(), 3, 3)), 1.0);
        assertArrayEquals(new int[] {3}, out.shape());
        double mean = (out.data()[0] + out.data()[1] + out.data()[2]) / 3;
        assertEquals(Math.max(1, 0.2) + Math.max(1, 2) + Math.max(1, 1), mean, 1e-6);
        // example b: λ for the floored dimension, its own KL for the others
        assertArrayEquals(new float[] {1 + 1.0f + 0.5f, 1 + 2.0f + 1.0f, 1 + 3.0f + 1.5f}, out.data(), 1e-6f);
    }

    @Test
    void aDimensionBelowLambdaGetsNoGradientAndTheOthersTheirOwn() {
        Graph g = Graph.training(new ScalarBackend(1));
        Parameter kl = new Parameter("kl", new Tensor(KL.clone(), 3, 3));
        Var loss = ReductionOps.mean(g, FreeBits.kl(g, g.parameter(kl), 1.0));
        g.backward(loss);
        float third = 1f / 3;
        assertArrayEquals(new float[] {0, third, third, 0, third, third, 0, third, third}, kl.grad().data(), 1e-7f);
    }

    @Test
    void zeroFreeBitsIsThePlainKl() {
        Graph g = Graph.inference(new ScalarBackend(1));
        Var out = FreeBits.kl(g, g.constant(new Tensor(KL.clone(), 3, 3)), 0);
        assertArrayEquals(new float[] {1.6f, 3.2f, 4.8f}, out.data(), 1e-6f);
    }

    @Test
    void gradientMatchesFiniteDifferencesAwayFromTheKinks() {
        // columns 0 and 2 around 0.5 (below λ = 2), columns 1 and 3 around 4 (above)
        Tensor kl = GradientCheck.uniform(3, 0.2, 0.8, 5, 4);
        for (int b = 0; b < 5; b++) {
            kl.data()[b * 4 + 1] += 3.5f;
            kl.data()[b * 4 + 3] += 3.5f;
        }
        GradientCheck.of((g, in) -> FreeBits.kl(g, in[0], 2.0)).input(kl).run();
    }

    @Test
    void aNegativeOrUndefinedLambdaIsRefused() {
        Graph g = Graph.inference(new ScalarBackend(1));
        Var kl = g.constant(new Tensor(KL.clone(), 3, 3));
        assertThrows(IllegalArgumentException.class, () -> FreeBits.kl(g, kl, -0.1));
        assertThrows(IllegalArgumentException.class, () -> FreeBits.kl(g, kl, Double.NaN));
    }
}
