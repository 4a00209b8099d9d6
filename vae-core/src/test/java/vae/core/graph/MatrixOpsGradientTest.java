package vae.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.tensor.Tensor;

/** linear and matmul: forward against double loops, backward against finite differences. */
class MatrixOpsGradientTest {

    private static final int BATCH = 3;
    private static final int IN = 5;
    private static final int OUT = 4;

    @Test
    void linearForwardIsInputTimesWeightTransposedPlusBias() {
        Tensor x = GradientCheck.uniform(1, -1, 1, BATCH, IN);
        Tensor w = GradientCheck.uniform(2, -1, 1, OUT, IN);
        Tensor b = GradientCheck.uniform(3, -1, 1, OUT);
        Graph g = Graph.training(new ScalarBackend(1));
        Var y = MatrixOps.linear(g, g.constant(x), g.constant(w), g.constant(b));
        Var yNoBias = MatrixOps.linear(g, g.constant(x), g.constant(w), null);
        assertArrayEquals(new int[] {BATCH, OUT}, y.shape());
        for (int r = 0; r < BATCH; r++) {
            for (int o = 0; o < OUT; o++) {
                double dot = 0;
                for (int i = 0; i < IN; i++) {
                    dot += (double) x.get(r * IN + i) * w.get(o * IN + i);
                }
                assertEquals(dot + b.get(o), y.value().get(r * OUT + o), 1e-5, "y[" + r + ", " + o + "]");
                assertEquals(dot, yNoBias.value().get(r * OUT + o), 1e-5, "no bias: y[" + r + ", " + o + "]");
            }
        }
    }

    @Test
    void matmulForwardMatchesTripleLoop() {
        Tensor a = GradientCheck.uniform(4, -1, 1, 3, 5);
        Tensor b = GradientCheck.uniform(5, -1, 1, 5, 2);
        Graph g = Graph.training(new ScalarBackend(1));
        Var c = MatrixOps.matmul(g, g.constant(a), g.constant(b));
        assertArrayEquals(new int[] {3, 2}, c.shape());
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                double expected = 0;
                for (int p = 0; p < 5; p++) {
                    expected += (double) a.get(i * 5 + p) * b.get(p * 2 + j);
                }
                assertEquals(expected, c.value().get(i * 2 + j), 1e-5);
            }
        }
    }

    @Test
    void linearRejectsMismatchedFeatures() {
        Graph g = Graph.training(new ScalarBackend(1));
        assertThrows(IllegalArgumentException.class, () -> MatrixOps.linear(g,
                g.constant(Tensor.zeros(2, 3)), g.constant(Tensor.zeros(4, 5)), null));
    }

    @Test
    void linearRejectsABiasOfTheWrongSize() {
        Graph g = Graph.training(new ScalarBackend(1));
        Var x = g.constant(Tensor.zeros(2, 3));
        Var w = g.constant(Tensor.zeros(4, 3));
        assertThrows(IllegalArgumentException.class,
                () -> MatrixOps.linear(g, x, w, g.constant(Tensor.zeros(3))), "bias shorter than out");
        assertThrows(IllegalArgumentException.class,
                () -> MatrixOps.linear(g, x, w, g.constant(Tensor.zeros(5))), "bias longer than out");
    }

    @Test
    void matmulRejectsMismatchedInnerDimensions() {
        Graph g = Graph.training(new ScalarBackend(1));
        assertThrows(IllegalArgumentException.class, () -> MatrixOps.matmul(g,
                g.constant(Tensor.zeros(2, 3)), g.constant(Tensor.zeros(4, 5))));
    }

    @Test
    void linearGradientOfInputWeightAndBias() {
        GradientCheck.of((g, in) -> MatrixOps.linear(g, in[0], in[1], in[2]))
                .input(GradientCheck.uniform(6, -1, 1, BATCH, IN))
                .input(GradientCheck.uniform(7, -1, 1, OUT, IN))
                .input(GradientCheck.uniform(8, -1, 1, OUT))
                .run();
    }

    @Test
    void linearGradientWithoutBias() {
        GradientCheck.of((g, in) -> MatrixOps.linear(g, in[0], in[1], null))
                .input(GradientCheck.uniform(9, -1, 1, BATCH, IN))
                .input(GradientCheck.uniform(10, -1, 1, OUT, IN))
                .run();
    }

    @Test
    void linearGradientOfParametersWithConstantInput() {
        // The usual first layer: the data is a constant, weight and bias learn.
        GradientCheck.of((g, in) -> MatrixOps.linear(g, in[0], in[1], in[2]))
                .constant(GradientCheck.uniform(11, 0, 1, BATCH, IN))
                .input(GradientCheck.uniform(12, -1, 1, OUT, IN))
                .input(GradientCheck.uniform(13, -1, 1, OUT))
                .run();
    }

    @Test
    void linearGradientOfInputWithConstantParameters() {
        GradientCheck.of((g, in) -> MatrixOps.linear(g, in[0], in[1], in[2]))
                .input(GradientCheck.uniform(14, -1, 1, BATCH, IN))
                .constant(GradientCheck.uniform(15, -1, 1, OUT, IN))
                .constant(GradientCheck.uniform(16, -1, 1, OUT))
                .run();
    }

    @Test
    void linearGradientOnALargerBatchThatSpansSeveralRowBlocks() {
        GradientCheck.of((g, in) -> MatrixOps.linear(g, in[0], in[1], in[2]))
                .input(GradientCheck.uniform(17, -1, 1, 18, 3))
                .input(GradientCheck.uniform(18, -1, 1, 2, 3))
                .input(GradientCheck.uniform(19, -1, 1, 2))
                .run();
    }

    @Test
    void matmulGradientOfBothOperands() {
        GradientCheck.of((g, in) -> MatrixOps.matmul(g, in[0], in[1]))
                .input(GradientCheck.uniform(20, -1, 1, 3, 5))
                .input(GradientCheck.uniform(21, -1, 1, 5, 2))
                .run();
    }

    @Test
    void matmulGradientWithOneConstantOperand() {
        GradientCheck.of((g, in) -> MatrixOps.matmul(g, in[0], in[1]))
                .constant(GradientCheck.uniform(22, -1, 1, 4, 3))
                .input(GradientCheck.uniform(23, -1, 1, 3, 6))
                .run();
        GradientCheck.of((g, in) -> MatrixOps.matmul(g, in[0], in[1]))
                .input(GradientCheck.uniform(24, -1, 1, 4, 3))
                .constant(GradientCheck.uniform(25, -1, 1, 3, 6))
                .run();
    }

    @Test
    void twoLayerNetworkGradient() {
        // linear → tanh → linear, all parameters checked at once.
        GradientCheck.of((g, in) -> MatrixOps.linear(g,
                        ElementwiseOps.tanh(g, MatrixOps.linear(g, in[0], in[1], in[2])), in[3], in[4]))
                .constant(GradientCheck.uniform(26, 0, 1, BATCH, IN))
                .input(GradientCheck.uniform(27, -1, 1, 6, IN))
                .input(GradientCheck.uniform(28, -1, 1, 6))
                .input(GradientCheck.uniform(29, -1, 1, 2, 6))
                .input(GradientCheck.uniform(30, -1, 1, 2))
                .run();
    }
}
