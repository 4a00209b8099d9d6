package vae.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import vae.core.backend.ScalarBackend;
import vae.core.graph.Parameter;
import vae.core.tensor.Tensor;

/** The tape itself: accumulation, inference mode, reuse, and the gradient checker's own power. */
class GraphTest {

    @Test
    void inputAddedToItselfGetsTwiceTheGradient() {
        Parameter p = new Parameter("x", GradientCheck.uniform(1, -1, 1, 2, 3));
        Graph g = Graph.training(new ScalarBackend(1));
        Var x = g.parameter(p);
        g.backward(ReductionOps.sum(g, ElementwiseOps.add(g, x, x)));
        for (float v : p.grad().data()) {
            assertEquals(2f, v);
        }
    }

    @Test
    void inputMultipliedByItselfGetsTwoXTimesTheGradient() {
        Tensor value = GradientCheck.uniform(2, -1, 1, 2, 3);
        Parameter p = new Parameter("x", value);
        Graph g = Graph.training(new ScalarBackend(1));
        Var x = g.parameter(p);
        g.backward(ReductionOps.sum(g, ElementwiseOps.mul(g, x, x)));
        for (int i = 0; i < value.size(); i++) {
            assertEquals(2 * value.get(i), p.grad().get(i), 1e-7);
        }
    }

    @Test
    void inputUsedTwiceGradientsMatchFiniteDifferences() {
        GradientCheck.of((g, in) -> ElementwiseOps.add(g, in[0], in[0]))
                .input(GradientCheck.uniform(3, -1, 1, 3, 4)).run();
        GradientCheck.of((g, in) -> ElementwiseOps.mul(g, in[0], in[0]))
                .input(GradientCheck.uniform(4, -1, 1, 3, 4)).run();
        // An intermediate with two consumers: s = sigmoid(x); s · s + s.
        GradientCheck.of((g, in) -> {
            Var s = ElementwiseOps.sigmoid(g, in[0]);
            return ElementwiseOps.add(g, ElementwiseOps.mul(g, s, s), s);
        }).input(GradientCheck.uniform(5, -2, 2, 3, 4)).run();
        // The same weight used by two linear layers.
        GradientCheck.of((g, in) -> MatrixOps.linear(g, MatrixOps.linear(g, in[0], in[1], null), in[1], null))
                .constant(GradientCheck.uniform(6, -1, 1, 2, 3))
                .input(GradientCheck.uniform(7, -1, 1, 3, 3)).run();
    }

    @Test
    void gradientsAccumulateAcrossBackwardPassesUntilZeroed() {
        Parameter p = new Parameter("x", GradientCheck.uniform(8, -1, 1, 4));
        Graph g = Graph.training(new ScalarBackend(1));
        for (int pass = 1; pass <= 2; pass++) {
            g.reset();
            Var x = g.parameter(p);
            g.backward(ReductionOps.sum(g, ElementwiseOps.scale(g, x, 3f)));
            for (float v : p.grad().data()) {
                assertEquals(3f * pass, v);
            }
        }
        p.zeroGrad();
        assertArrayEquals(new float[4], p.grad().data());
    }

    @Test
    void firstGradientContributionOverwritesARecycledBuffer() {
        // h has two consumers, a linear layer and an element-wise map (tanh). Whichever backward
        // step reaches h first writes h's gradient over an unzeroed buffer and the other adds to
        // it; both orders are checked against finite differences, and run on fresh buffers and
        // then again after every recycled buffer was filled with NaN.
        Parameter w = new Parameter("w", GradientCheck.uniform(20, -1, 1, 5, 4));
        Parameter v = new Parameter("v", GradientCheck.uniform(21, -1, 1, 2, 5));
        Tensor x = GradientCheck.uniform(22, -1, 1, 3, 4);
        for (boolean linearLast : new boolean[] {false, true}) {
            Graph g = Graph.training(new ScalarBackend(1));
            float[][] first = null;
            for (int pass = 0; pass < 2; pass++) {
                g.reset();
                if (pass == 1) {
                    for (int[] shape : new int[][] {{3, 5}, {3, 5}, {3, 5}, {3, 5}, {3, 5}, {3, 5}, {3, 5}, {3, 5},
                            {3, 4}, {3, 2}, {3, 2}, {1}, {1}, {1}}) {
                        java.util.Arrays.fill(g.allocate(shape).data(), Float.NaN);
                    }
                    g.reset();
                }
                w.zeroGrad();
                v.zeroGrad();
                g.backward(twoConsumers(g, g.constant(x), g.parameter(w), g.parameter(v), linearLast));
                float[][] grads = {w.grad().data().clone(), v.grad().data().clone()};
                if (first == null) {
                    first = grads;
                } else {
                    assertArrayEquals(first[0], grads[0]);
                    assertArrayEquals(first[1], grads[1]);
                }
            }
            GradientCheck.of((gc, in) -> twoConsumers(gc, in[0], in[1], in[2], linearLast))
                    .constant(x).input(w.value()).input(v.value()).run();
        }
    }

    /**
     * sum(t ⊙ t) + sum(h·vᵀ) for h = x·wᵀ and t = tanh(h); the consumer of h made last runs its
     * backward step first.
     */
    private static Var twoConsumers(Graph g, Var x, Var w, Var v, boolean linearLast) {
        Var h = MatrixOps.linear(g, x, w, null);
        if (linearLast) {
            Var t = ElementwiseOps.tanh(g, h);
            Var square = ReductionOps.sum(g, ElementwiseOps.mul(g, t, t));
            return ElementwiseOps.add(g, square, ReductionOps.sum(g, MatrixOps.linear(g, h, v, null)));
        }
        Var linear = ReductionOps.sum(g, MatrixOps.linear(g, h, v, null));
        Var t = ElementwiseOps.tanh(g, h);
        return ElementwiseOps.add(g, ReductionOps.sum(g, ElementwiseOps.mul(g, t, t)), linear);
    }

    /** A small model touching most ops: linear, tanh, slicing, reparameterisation, reductions. */
    private static Var model(Graph g, Parameter w, Parameter b, Tensor x, Tensor eps) {
        Var h = ElementwiseOps.tanh(g, MatrixOps.linear(g, g.constant(x), g.parameter(w), g.parameter(b)));
        Var mu = ShapeOps.sliceColumns(g, h, 0, 2);
        Var logvar = ShapeOps.sliceColumns(g, h, 2, 4);
        Var z = SamplingOps.reparameterize(g, mu, logvar, eps);
        Var y = ShapeOps.concatColumns(g, ElementwiseOps.softplus(g, z), ElementwiseOps.exp(g, mu));
        return ReductionOps.mean(g, ElementwiseOps.mul(g, y, y));
    }

    @Test
    void inferenceGraphGivesTheSameValuesAndRecordsNothing() {
        Tensor x = GradientCheck.uniform(9, 0, 1, 3, 5);
        Tensor eps = GradientCheck.uniform(10, -2, 2, 3, 2);
        Parameter w = new Parameter("fc.weight", GradientCheck.uniform(11, -0.5, 0.5, 4, 5));
        Parameter b = new Parameter("fc.bias", GradientCheck.uniform(12, -0.5, 0.5, 4));

        Graph training = Graph.training(new ScalarBackend(1));
        Var trained = model(training, w, b, x, eps);
        float trainingValue = trained.item();
        assertTrue(training.isRecording());
        assertTrue(trained.requiresGrad());

        Graph inference = Graph.inference(new ScalarBackend(1));
        assertFalse(inference.isRecording());
        assertFalse(inference.parameter(w).requiresGrad(), "a parameter on an inference graph needs no gradient");
        Var inferred = model(inference, w, b, x, eps);
        assertEquals(trainingValue, inferred.item(), "inference must compute exactly what training computes");
        assertFalse(inferred.requiresGrad());
        assertNull(inferred.backward(), "an inference graph records no backward step");
        assertThrows(IllegalStateException.class, () -> inference.backward(inferred));
        assertThrows(IllegalStateException.class, inferred::grad);
        assertArrayEquals(new float[w.size()], w.grad().data(), "nothing flowed into the weight's gradient");
        assertArrayEquals(new float[b.size()], b.grad().data(), "nothing flowed into the bias's gradient");
    }

    @Test
    void backwardNeedsAScalarOutput() {
        Graph g = Graph.training(new ScalarBackend(1));
        Var x = g.parameter(new Parameter("x", Tensor.zeros(2, 2)));
        assertThrows(IllegalArgumentException.class, () -> g.backward(ElementwiseOps.exp(g, x)));
    }

    @Test
    void opsOnConstantsOnlyRecordNothing() {
        Graph g = Graph.training(new ScalarBackend(1));
        Var c = g.constant(GradientCheck.uniform(13, -1, 1, 2, 2));
        Var out = ReductionOps.sum(g, ElementwiseOps.tanh(g, c));
        assertFalse(out.requiresGrad());
        assertNull(out.backward());
        assertThrows(IllegalStateException.class, c::grad);
    }

    @Test
    void resetLetsTheNextStepReuseBuffersWithoutChangingResults() {
        Tensor x = GradientCheck.uniform(14, 0, 1, 3, 5);
        Tensor eps = GradientCheck.uniform(15, -2, 2, 3, 2);
        Parameter w = new Parameter("fc.weight", GradientCheck.uniform(16, -0.5, 0.5, 4, 5));
        Parameter b = new Parameter("fc.bias", GradientCheck.uniform(17, -0.5, 0.5, 4));
        Graph g = Graph.training(new ScalarBackend(1));
        float[] firstGrad = null;
        float firstValue = 0;
        for (int step = 0; step < 3; step++) {
            g.reset();
            w.zeroGrad();
            b.zeroGrad();
            Var loss = model(g, w, b, x, eps);
            g.backward(loss);
            if (step == 0) {
                firstValue = loss.item();
                firstGrad = w.grad().data().clone();
            } else {
                assertEquals(firstValue, loss.item(), "step " + step);
                assertArrayEquals(firstGrad, w.grad().data(), "step " + step);
            }
        }
    }

    @Test
    void gradientCheckDetectsAWrongBackwardStep() {
        // y = x², with a backward that forgets the factor 2.
        GradientCheck.Function wrong = (g, in) -> {
            Var x = in[0];
            Tensor y = g.allocate(x.shape());
            for (int i = 0; i < x.size(); i++) {
                y.data()[i] = x.data()[i] * x.data()[i];
            }
            return g.result(y, r -> {
                for (int i = 0; i < x.size(); i++) {
                    x.gradData()[i] += x.data()[i] * r.gradData()[i];
                }
            }, x);
        };
        assertThrows(AssertionFailedError.class,
                () -> GradientCheck.of(wrong).input(GradientCheck.uniform(18, 0.5, 1, 2, 2)).run());
    }

    @Test
    void gradientCheckDetectsABackwardThatReliesOnZeroedBuffers() {
        // Accumulates into a scratch buffer from allocate() (not zeroed): right on fresh buffers only.
        GradientCheck.Function dirty = (g, in) -> {
            Var x = in[0];
            Tensor y = g.allocate(x.shape());
            System.arraycopy(x.data(), 0, y.data(), 0, x.size());
            return g.result(y, r -> {
                float[] scratch = g.allocate(x.size()).data();
                for (int i = 0; i < x.size(); i++) {
                    scratch[i] += r.gradData()[i];
                    x.gradData()[i] += scratch[i];
                }
            }, x);
        };
        assertThrows(AssertionFailedError.class,
                () -> GradientCheck.of(dirty).input(GradientCheck.uniform(19, -1, 1, 7, 3)).run());
    }
}
