package vae.core.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.graph.ConvOps;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.GradientCheck;
import vae.core.graph.Parameter;
import vae.core.graph.Var;
import vae.core.random.CounterRng;
import vae.core.tensor.Tensor;

class ResidualBlockTest {

    @Test
    void theBlockIsItsInputPlusAOneByOneConvolutionOfAThreeByThreeOne() {
        ResidualBlock block = new ResidualBlock("res", 3, new CounterRng(4));
        Parameter w1 = block.parameters().get(0);
        Parameter b1 = block.parameters().get(1);
        Parameter w2 = block.parameters().get(2);
        Parameter b2 = block.parameters().get(3);
        assertArrayEquals(new int[] {3, 3, 3, 3}, w1.value().shape());
        assertArrayEquals(new int[] {3, 3, 1, 1}, w2.value().shape());
        assertEquals(ResidualBlock.parameterCount(3), block.parameters().stream().mapToLong(Parameter::size).sum());

        Graph g = Graph.inference(new ScalarBackend());
        Var x = g.constant(GradientCheck.uniform(5, -1, 1, 2, 3, 5, 4));
        Var h = ConvOps.conv2d(g, ElementwiseOps.relu(g, x), g.constant(w1.value()), g.constant(b1.value()), 1, 1, 1, 1);
        Var expected = ElementwiseOps.add(g, x, ConvOps.conv2d(g, ElementwiseOps.relu(g, h), g.constant(w2.value()),
                g.constant(b2.value()), 1, 1, 0, 0));
        Var actual = block.forward(g, x);
        assertArrayEquals(new int[] {2, 3, 5, 4}, actual.shape(), "size and channels kept");
        assertArrayEquals(expected.data(), actual.data());
    }

    @Test
    void gradientToTheInputThroughTheBlock() {
        ResidualBlock block = new ResidualBlock("res", 2, new CounterRng(6));
        GradientCheck.of((g, in) -> block.forward(g, in[0]))
                .input(GradientCheck.awayFromZero(7, 0.2, 1, 2, 2, 4, 3))
                .step(1e-3)
                .run();
    }
}
