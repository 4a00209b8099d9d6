package vae.core.nn;

import vae.core.graph.Parameter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.random.CounterRng;
import vae.core.tensor.Tensor;

/** Conv2d and ConvTranspose2d: PyTorch's parameter names, shapes and default initialisation. */
class ConvLayersTest {

    /** Every value within ±bound, and the largest close to it (a bound too large or small fails). */
    private static void assertUniformWithin(Parameter p, double bound) {
        double maxAbs = 0;
        for (float v : p.value().data()) {
            assertTrue(Math.abs(v) <= bound, p.name() + " value " + v + " outside ±" + bound);
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        assertTrue(maxAbs > 0.9 * bound, p.name() + ": largest |value| " + maxAbs + " far below the bound " + bound);
    }

    @Test
    void conv2dHasPytorchNamesShapesAndFanInFromInChannels() {
        Conv2d conv = new Conv2d("encoder.conv2", 32, 64, 4, 2, 1, new CounterRng(1));
        assertEquals("encoder.conv2.weight", conv.parameters().get(0).name());
        assertEquals("encoder.conv2.bias", conv.parameters().get(1).name());
        assertArrayEquals(new int[] {64, 32, 4, 4}, conv.weight().value().shape());
        assertArrayEquals(new int[] {64}, conv.bias().value().shape());
        double bound = 1 / Math.sqrt(32 * 4 * 4);
        assertUniformWithin(conv.weight(), bound);
        // 64 biases drawn from U(±b): the largest exceeds 0.9·b with probability 1 − 0.9^64.
        assertUniformWithin(conv.bias(), bound);
    }

    @Test
    void convTranspose2dHasPytorchNamesShapesAndFanInFromOutChannels() {
        // PyTorch takes the fan-in of a [in, out, k, k] weight from its dimension 1 (out·k·k).
        ConvTranspose2d deconv = new ConvTranspose2d("decoder.deconv1", 64, 2, 3, 2, 1, 1, 1, new CounterRng(1));
        assertEquals("decoder.deconv1.weight", deconv.parameters().get(0).name());
        assertEquals("decoder.deconv1.bias", deconv.parameters().get(1).name());
        assertArrayEquals(new int[] {64, 2, 3, 3}, deconv.weight().value().shape());
        assertArrayEquals(new int[] {2}, deconv.bias().value().shape());
        assertUniformWithin(deconv.weight(), 1 / Math.sqrt(2 * 3 * 3));
        for (float v : deconv.bias().value().data()) {
            assertTrue(Math.abs(v) <= 1 / Math.sqrt(2 * 3 * 3));
        }
    }

    @Test
    void layersApplyTheirStrideAndPaddingOnTheGraph() {
        CounterRng rng = new CounterRng(2);
        Conv2d conv = new Conv2d("c", 1, 4, 4, 2, 1, rng);
        ConvTranspose2d deconv = new ConvTranspose2d("d", 4, 1, 3, 2, 1, 1, 0, rng);
        Graph g = Graph.training(new ScalarBackend(1));
        Var h = conv.forward(g, g.constant(Tensor.zeros(3, 1, 10, 9)));
        assertArrayEquals(new int[] {3, 4, 5, 4}, h.shape());
        assertEquals(5, conv.outputSize(10));
        // zero input: the output is the bias everywhere.
        assertEquals(conv.bias().value().get(2), h.data()[2 * 20 + 7]);
        Var y = deconv.forward(g, h);
        assertArrayEquals(new int[] {3, 1, 10, 7}, y.shape());
        assertTrue(y.requiresGrad());
    }

    @Test
    void initialisationDependsOnTheParameterName() {
        Conv2d a = new Conv2d("a", 2, 3, 3, 1, 0, new CounterRng(5));
        Conv2d b = new Conv2d("b", 2, 3, 3, 1, 0, new CounterRng(5));
        Conv2d a2 = new Conv2d("a", 2, 3, 3, 1, 0, new CounterRng(5));
        assertArrayEquals(a.weight().value().data(), a2.weight().value().data());
        assertTrue(a.weight().value().get(0) != b.weight().value().get(0));
    }

    @Test
    void rejectsBadSizesAndOutputPaddings() {
        CounterRng rng = new CounterRng(1);
        assertThrows(IllegalArgumentException.class, () -> new Conv2d("c", 0, 3, 3, 1, 0, rng));
        assertThrows(IllegalArgumentException.class, () -> new Conv2d("c", 1, 3, 3, 1, -1, rng));
        assertThrows(IllegalArgumentException.class, () -> new ConvTranspose2d("d", 1, 3, 3, 2, 1, 2, 0, rng));
    }
}
