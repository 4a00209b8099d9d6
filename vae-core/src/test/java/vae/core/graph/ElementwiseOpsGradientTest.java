package vae.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.tensor.Tensor;

/** Element-wise ops: forward values against double formulas, backward against finite differences. */
class ElementwiseOpsGradientTest {

    private static final int[] SHAPE = {3, 4};

    private static Tensor values(long seed, double lo, double hi) {
        return GradientCheck.uniform(seed, lo, hi, SHAPE);
    }

    /** Applies a unary op on a constant and compares every value with {@code reference}. */
    private static void assertForward(GradientCheck.Function op, Tensor x, DoubleUnaryOperator reference,
                                      double relTol) {
        Graph g = Graph.training(new ScalarBackend(1));
        Var y = op.apply(g, new Var[] {g.constant(x)});
        assertArrayEquals(x.shape(), y.shape());
        for (int i = 0; i < x.size(); i++) {
            double expected = reference.applyAsDouble(x.get(i));
            assertEquals(expected, y.value().get(i), relTol * Math.max(1e-30, Math.abs(expected)),
                    "value " + i + " at x = " + x.get(i));
        }
    }

    // ---- forward values ------------------------------------------------------------------------

    @Test
    void reluForwardZeroesNegativesAndKeepsPositives() {
        Tensor x = GradientCheck.awayFromZero(1, 0.1, 2, SHAPE);
        assertForward((g, in) -> ElementwiseOps.relu(g, in[0]), x, v -> v > 0 ? v : 0, 0);
    }

    @Test
    void sigmoidForwardMatchesOneOverOnePlusExpMinusX() {
        assertForward((g, in) -> ElementwiseOps.sigmoid(g, in[0]), values(2, -6, 6),
                v -> 1 / (1 + Math.exp(-v)), 1e-6);
    }

    @Test
    void tanhForwardMatchesMathTanh() {
        assertForward((g, in) -> ElementwiseOps.tanh(g, in[0]), values(3, -3, 3),
                v -> (Math.exp(v) - Math.exp(-v)) / (Math.exp(v) + Math.exp(-v)), 1e-6);
    }

    @Test
    void softplusForwardMatchesLogOnePlusExp() {
        assertForward((g, in) -> ElementwiseOps.softplus(g, in[0]), values(4, -8, 8),
                v -> Math.log(1 + Math.exp(v)), 1e-6);
    }

    @Test
    void softplusIsFiniteAndAccurateForLargeMagnitudes() {
        Tensor x = new Tensor(new float[] {-30f, -100f, 30f, 100f}, 4);
        Graph g = Graph.training(new ScalarBackend(1));
        float[] y = ElementwiseOps.softplus(g, g.constant(x)).data();
        assertEquals(Math.exp(-30), y[0], 1e-6 * Math.exp(-30), "softplus(-30) ≈ e^-30, not 0");
        assertEquals(Math.exp(-100), y[1], 1e-44, "softplus(-100) ≈ e^-100");
        assertEquals(30.0, y[2], 1e-5);
        assertEquals(100.0, y[3], 1e-5, "softplus(100) must not overflow");
    }

    @Test
    void expAndLogForwardMatchMath() {
        assertForward((g, in) -> ElementwiseOps.exp(g, in[0]), values(5, -3, 3), Math::exp, 1e-6);
        assertForward((g, in) -> ElementwiseOps.log(g, in[0]), values(6, 0.2, 5), Math::log, 1e-6);
    }

    @Test
    void addMulScaleForwardValues() {
        Tensor a = values(7, -2, 2);
        Tensor b = values(8, -2, 2);
        Graph g = Graph.training(new ScalarBackend(1));
        Var va = g.constant(a);
        Var vb = g.constant(b);
        float[] sum = ElementwiseOps.add(g, va, vb).data();
        float[] product = ElementwiseOps.mul(g, va, vb).data();
        float[] scaled = ElementwiseOps.scale(g, va, -2.5f).data();
        for (int i = 0; i < a.size(); i++) {
            assertEquals((double) a.get(i) + b.get(i), sum[i], 1e-6);
            assertEquals((double) a.get(i) * b.get(i), product[i], 1e-6);
            assertEquals(-2.5 * a.get(i), scaled[i], 1e-6);
        }
    }

    @Test
    void weightedSumForwardValue() {
        Graph g = Graph.training(new ScalarBackend(1));
        Var[] xs = {
            g.constant(new Tensor(new float[] {2f}, 1)),
            g.constant(new Tensor(new float[] {-3f}, 1)),
            g.constant(new Tensor(new float[] {0.5f}, 1)),
        };
        Var total = ElementwiseOps.weightedSum(g, xs, new float[] {1f, 0.25f, 4f});
        assertEquals(2 - 0.75 + 2, total.item(), 1e-6);
    }

    @Test
    void binaryOpsRejectDifferentSizes() {
        Graph g = Graph.training(new ScalarBackend(1));
        Var a = g.constant(Tensor.zeros(2, 3));
        Var b = g.constant(Tensor.zeros(2, 4));
        assertThrows(IllegalArgumentException.class, () -> ElementwiseOps.add(g, a, b));
        assertThrows(IllegalArgumentException.class, () -> ElementwiseOps.mul(g, a, b));
    }

    // ---- gradients -----------------------------------------------------------------------------

    @Test
    void addGradientMatchesFiniteDifferences() {
        GradientCheck.of((g, in) -> ElementwiseOps.add(g, in[0], in[1]))
                .input(values(11, -2, 2)).input(values(12, -2, 2)).run();
    }

    @Test
    void addGradientWithOneConstantOperand() {
        GradientCheck.of((g, in) -> ElementwiseOps.add(g, in[0], in[1]))
                .constant(values(11, -2, 2)).input(values(12, -2, 2)).run();
    }

    @Test
    void mulGradientMatchesFiniteDifferences() {
        GradientCheck.of((g, in) -> ElementwiseOps.mul(g, in[0], in[1]))
                .input(values(13, -2, 2)).input(values(14, -2, 2)).run();
    }

    @Test
    void mulGradientWithOneConstantOperand() {
        GradientCheck.of((g, in) -> ElementwiseOps.mul(g, in[0], in[1]))
                .input(values(13, -2, 2)).constant(values(14, -2, 2)).run();
    }

    @Test
    void scaleGradientMatchesFiniteDifferences() {
        GradientCheck.of((g, in) -> ElementwiseOps.scale(g, in[0], -1.75f)).input(values(15, -2, 2)).run();
    }

    @Test
    void reluGradientMatchesFiniteDifferencesAwayFromZero() {
        GradientCheck.of((g, in) -> ElementwiseOps.relu(g, in[0]))
                .input(GradientCheck.awayFromZero(16, 0.1, 2, SHAPE)).run();
    }

    @Test
    void sigmoidGradientMatchesFiniteDifferences() {
        GradientCheck.of((g, in) -> ElementwiseOps.sigmoid(g, in[0])).input(values(17, -4, 4)).run();
    }

    @Test
    void tanhGradientMatchesFiniteDifferences() {
        GradientCheck.of((g, in) -> ElementwiseOps.tanh(g, in[0])).input(values(18, -2, 2)).run();
    }

    @Test
    void softplusGradientMatchesFiniteDifferences() {
        GradientCheck.of((g, in) -> ElementwiseOps.softplus(g, in[0])).input(values(19, -5, 5)).run();
    }

    @Test
    void expGradientMatchesFiniteDifferences() {
        GradientCheck.of((g, in) -> ElementwiseOps.exp(g, in[0])).input(values(20, -2, 2)).run();
    }

    @Test
    void logGradientMatchesFiniteDifferencesOnPositiveInputs() {
        GradientCheck.of((g, in) -> ElementwiseOps.log(g, in[0])).input(values(21, 0.5, 3)).step(3e-3).run();
    }

    @Test
    void weightedSumGradientMatchesFiniteDifferences() {
        GradientCheck.of((g, in) -> ElementwiseOps.weightedSum(g, in, new float[] {0.5f, -2f, 3f}))
                .input(values(22, -2, 2)).input(values(23, -2, 2)).input(values(24, -2, 2)).run();
    }

    @Test
    void weightedSumOfScalarsGradient() {
        GradientCheck.of((g, in) -> ElementwiseOps.weightedSum(g, in, new float[] {1f, 0.1f}))
                .input(new Tensor(new float[] {1.5f}, 1)).input(new Tensor(new float[] {-0.5f}, 1)).run();
    }

    @Test
    void chainedOpsGradientMatchesFiniteDifferences() {
        // tanh(softplus(x) · y) + exp(x): gradients flow through several ops and a shared input.
        GradientCheck.of((g, in) -> ElementwiseOps.add(g,
                        ElementwiseOps.tanh(g, ElementwiseOps.mul(g, ElementwiseOps.softplus(g, in[0]), in[1])),
                        ElementwiseOps.exp(g, in[0])))
                .input(values(25, -1.5, 1.5)).input(values(26, -1, 1)).run();
    }
}
