package vae.core.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.tensor.Tensor;

class SamplingOpsGradientTest {

    private static final Tensor EPS = GradientCheck.uniform(99, -2, 2, 3, 4);

    @Test
    void reparameterizeIsMuPlusStdTimesEps() {
        Tensor mu = GradientCheck.uniform(1, -1, 1, 3, 4);
        Tensor logvar = GradientCheck.uniform(2, -2, 1, 3, 4);
        Graph g = Graph.training(new ScalarBackend(1));
        Var z = SamplingOps.reparameterize(g, g.constant(mu), g.constant(logvar), EPS);
        for (int i = 0; i < mu.size(); i++) {
            double expected = mu.get(i) + Math.sqrt(Math.exp(logvar.get(i))) * EPS.get(i);
            assertEquals(expected, z.value().get(i), 1e-6, "z[" + i + "]");
        }
    }

    @Test
    void reparameterizeRejectsDifferentSizes() {
        Graph g = Graph.training(new ScalarBackend(1));
        assertThrows(IllegalArgumentException.class, () -> SamplingOps.reparameterize(g,
                g.constant(Tensor.zeros(3, 4)), g.constant(Tensor.zeros(3, 3)), Tensor.zeros(3, 4)));
        assertThrows(IllegalArgumentException.class, () -> SamplingOps.reparameterize(g,
                g.constant(Tensor.zeros(3, 4)), g.constant(Tensor.zeros(3, 4)), Tensor.zeros(2, 4)));
    }

    @Test
    void reparameterizeGradientOfMuAndLogvar() {
        GradientCheck.of((g, in) -> SamplingOps.reparameterize(g, in[0], in[1], EPS))
                .input(GradientCheck.uniform(3, -1, 1, 3, 4))
                .input(GradientCheck.uniform(4, -2, 1, 3, 4))
                .run();
    }

    @Test
    void reparameterizeGradientWhenOnlyLogvarLearns() {
        GradientCheck.of((g, in) -> SamplingOps.reparameterize(g, in[0], in[1], EPS))
                .constant(GradientCheck.uniform(5, -1, 1, 3, 4))
                .input(GradientCheck.uniform(6, -2, 1, 3, 4))
                .run();
    }

    @Test
    void reparameterizeGradientWhenOnlyMuLearns() {
        GradientCheck.of((g, in) -> SamplingOps.reparameterize(g, in[0], in[1], EPS))
                .input(GradientCheck.uniform(7, -1, 1, 3, 4))
                .constant(GradientCheck.uniform(8, -2, 1, 3, 4))
                .run();
    }

    @Test
    void reparameterizeGradientThroughANonLinearConsumer() {
        GradientCheck.of((g, in) -> ElementwiseOps.tanh(g, SamplingOps.reparameterize(g, in[0], in[1], EPS)))
                .input(GradientCheck.uniform(9, -1, 1, 3, 4))
                .input(GradientCheck.uniform(10, -2, 1, 3, 4))
                .run();
    }
}
