package vae.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.graph.GradientCheck;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.tensor.Tensor;

class KlCapacityTest {

    @Test
    void gapIsTheDistanceOfTheBatchMeanFromTheCapacityForEveryExample() {
        Graph g = Graph.inference(new ScalarBackend(1));
        Var gap = KlCapacity.gap(g, g.constant(new Tensor(new float[] {2f, 4f, 9f}, 3)), 10);
        for (float v : gap.data()) {
            assertEquals(5f, v, 1e-6);
        }
    }

    @Test
    void gapGradientOnBothSidesOfTheCapacity() {
        GradientCheck.of((g, in) -> KlCapacity.gap(g, in[0], 1.0))
                .input(GradientCheck.uniform(1, 2, 5, 4))
                .run();
        GradientCheck.of((g, in) -> KlCapacity.gap(g, in[0], 10.0))
                .input(GradientCheck.uniform(2, 2, 5, 4))
                .run();
    }

    @Test
    void rampRisesLinearlyThenStays() {
        assertEquals(0, KlCapacity.ramp(0, 25, 100));
        assertEquals(12.5, KlCapacity.ramp(50, 25, 100), 1e-12);
        assertEquals(25, KlCapacity.ramp(100, 25, 100));
        assertEquals(25, KlCapacity.ramp(5000, 25, 100));
        assertEquals(25, KlCapacity.ramp(0, 25, 0));
    }
}
