package vae.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.tensor.Tensor;

class RepeatOpsGradientTest {

    @Test
    void repeatBatchStacksWholeBatches() {
        Graph g = Graph.inference(new ScalarBackend(1));
        Var out = RepeatOps.repeatBatch(g, g.constant(new Tensor(new float[] {1, 2, 3, 4}, 2, 1, 2)), 3);
        assertArrayEquals(new int[] {6, 1, 2}, out.shape());
        assertArrayEquals(new float[] {1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4}, out.data());
    }

    @Test
    void repeatBatchGradientSumsTheCopies() {
        GradientCheck.of((g, in) -> ElementwiseOps.tanh(g, RepeatOps.repeatBatch(g, in[0], 3)))
                .input(GradientCheck.uniform(1, -1, 1, 2, 3))
                .run();
    }
}
