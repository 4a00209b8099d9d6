package vae.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.tensor.Tensor;

class ReductionOpsGradientTest {

    @Test
    void sumAndMeanForwardValues() {
        Tensor x = GradientCheck.uniform(1, -3, 3, 7, 9);
        double total = 0;
        for (float v : x.data()) {
            total += v;
        }
        Graph g = Graph.training(new ScalarBackend(1));
        Var sum = ReductionOps.sum(g, g.constant(x));
        Var mean = ReductionOps.mean(g, g.constant(x));
        assertArrayEquals(new int[] {1}, sum.shape());
        assertArrayEquals(new int[] {1}, mean.shape());
        assertEquals(total, sum.item(), 1e-5);
        assertEquals(total / 63, mean.item(), 1e-6);
    }

    @Test
    void sumGradientMatchesFiniteDifferences() {
        GradientCheck.of((g, in) -> ReductionOps.sum(g, in[0]))
                .input(GradientCheck.uniform(2, -2, 2, 4, 6)).run();
    }

    @Test
    void meanGradientMatchesFiniteDifferences() {
        GradientCheck.of((g, in) -> ReductionOps.mean(g, in[0]))
                .input(GradientCheck.uniform(3, -2, 2, 4, 6)).run();
    }

    @Test
    void meanOfANonLinearFunctionGradient() {
        GradientCheck.of((g, in) -> ReductionOps.mean(g, ElementwiseOps.mul(g, in[0], in[0])))
                .input(GradientCheck.uniform(4, -2, 2, 5, 3)).run();
    }
}
