package vae.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import vae.core.backend.ScalarBackend;
import vae.core.graph.Parameter;
import vae.core.tensor.Tensor;

/**
 * Checks the backward pass of graph ops against central finite differences.
 *
 * <p>The function under test builds an output from its inputs; the check forms the scalar
 * {@code L = Σ_i w_i · out_i} with fixed random weights. The analytic gradient comes from the
 * graph ({@code mul} by the constant {@code w}, {@code sum}, {@link Graph#backward}); the numeric
 * one from {@code (L(x + h) − L(x − h)) / (x⁺ − x⁻)}, where {@code L} is accumulated in double
 * from the output's float values and {@code x⁺ − x⁻} is the perturbation actually stored in
 * float. Each element must satisfy {@code |a − n| ≤ tol · max(1, |a|, |n|)}.
 *
 * <p>The analytic pass is run twice on the same graph, the second time with buffers the pool
 * hands back dirty, and both must agree bit for bit.
 */
public final class GradientCheck {

    /** Builds the output from the inputs, in the order they were declared. */
    @FunctionalInterface
    public interface Function {
        Var apply(Graph g, Var[] inputs);
    }

    private record Input(Tensor value, boolean differentiable) {
    }

    private final Function function;
    private final List<Input> inputs = new ArrayList<>();
    private double step = 1e-2;
    private double tolerance = 1e-3;
    private long weightSeed = 12345;

    private GradientCheck(Function function) {
        this.function = function;
    }

    public static GradientCheck of(Function function) {
        return new GradientCheck(function);
    }

    /** An input whose gradient is checked (a {@link Parameter} on the graph). */
    public GradientCheck input(Tensor value) {
        inputs.add(new Input(value.copy(), true));
        return this;
    }

    /** An input that needs no gradient (a graph constant). */
    public GradientCheck constant(Tensor value) {
        inputs.add(new Input(value.copy(), false));
        return this;
    }

    /** The finite-difference step h. */
    public GradientCheck step(double h) {
        this.step = h;
        return this;
    }

    /** The relative tolerance. */
    public GradientCheck tolerance(double tol) {
        this.tolerance = tol;
        return this;
    }

    public GradientCheck weightSeed(long seed) {
        this.weightSeed = seed;
        return this;
    }

    /**
     * Runs the check and fails the test on any mismatch; returns the largest
     * {@code |a − n| / max(1, |a|, |n|)} seen, for reporting.
     */
    public double run() {
        Graph g = Graph.training(new ScalarBackend(1));
        Parameter[] params = new Parameter[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).differentiable()) {
                params[i] = new Parameter("input" + i, inputs.get(i).value());
            }
        }

        // The output's shape fixes the weights.
        g.reset();
        Var probe = function.apply(g, vars(g, params));
        int[] outShape = probe.shape();
        float[] w = new float[probe.size()];
        SplittableRandom random = new SplittableRandom(weightSeed);
        for (int i = 0; i < w.length; i++) {
            double magnitude = 0.5 + random.nextDouble();
            w[i] = (float) (random.nextBoolean() ? magnitude : -magnitude);
        }

        List<float[]> analytic = analytic(g, params, w, outShape);
        List<float[]> again = analytic(g, params, w, outShape);
        for (int i = 0; i < params.length; i++) {
            if (params[i] != null) {
                assertArrayEquals(analytic.get(i), again.get(i),
                        "input " + i + ": the gradient changed on a second pass with reused buffers");
            }
        }

        double worst = 0;
        StringBuilder failures = new StringBuilder();
        int failureCount = 0;
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) {
                continue;
            }
            float[] x = params[i].value().data();
            float[] a = analytic.get(i);
            for (int j = 0; j < x.length; j++) {
                float original = x[j];
                float plus = (float) (original + step);
                float minus = (float) (original - step);
                x[j] = plus;
                double lPlus = loss(g, params, w);
                x[j] = minus;
                double lMinus = loss(g, params, w);
                x[j] = original;
                double numeric = (lPlus - lMinus) / ((double) plus - (double) minus);
                double scale = Math.max(1, Math.max(Math.abs(a[j]), Math.abs(numeric)));
                double error = Math.abs(a[j] - numeric) / scale;
                if (!(error <= tolerance)) {
                    if (failureCount++ < 10) {
                        failures.append(String.format("%n  input %d [%d]: analytic %.7g, numeric %.7g, error %.3g",
                                i, j, a[j], numeric, error));
                    }
                }
                if (!(error <= worst)) {
                    worst = error;
                }
            }
        }
        if (failureCount > 0) {
            fail(failureCount + " gradient element(s) differ from finite differences by more than " + tolerance
                    + failures);
        }
        if (Boolean.getBoolean("gradcheck.verbose")) {
            StackTraceElement caller = StackWalker.getInstance().walk(
                    s -> s.skip(1).findFirst().map(StackWalker.StackFrame::toStackTraceElement).orElseThrow());
            System.out.printf("gradcheck %-60s h=%-7g tol=%-7g worst=%.3g%n",
                    caller.getClassName() + "." + caller.getMethodName(), step, tolerance, worst);
        }
        return worst;
    }

    private Var[] vars(Graph g, Parameter[] params) {
        Var[] vars = new Var[inputs.size()];
        for (int i = 0; i < vars.length; i++) {
            vars[i] = params[i] != null ? g.parameter(params[i]) : g.constant(inputs.get(i).value());
        }
        return vars;
    }

    /** L in double from the output's float values. */
    private double loss(Graph g, Parameter[] params, float[] w) {
        g.reset();
        Var out = function.apply(g, vars(g, params));
        float[] values = out.data();
        double total = 0;
        for (int i = 0; i < w.length; i++) {
            total += (double) w[i] * values[i];
        }
        return total;
    }

    private List<float[]> analytic(Graph g, Parameter[] params, float[] w, int[] outShape) {
        for (Parameter p : params) {
            if (p != null) {
                p.zeroGrad();
            }
        }
        g.reset();
        Var out = function.apply(g, vars(g, params));
        assertArrayEquals(outShape, out.shape(), "the output shape changed between evaluations");
        assertTrue(out.requiresGrad(), "the output does not require a gradient");
        Var l = ReductionOps.sum(g, ElementwiseOps.mul(g, out, g.constant(new Tensor(w.clone(), outShape))));
        double expected = 0;
        for (int i = 0; i < w.length; i++) {
            expected += (double) w[i] * out.data()[i];
        }
        assertEquals(expected, l.item(), 1e-5 * Math.max(1, Math.abs(expected)), "L on the graph");
        g.backward(l);
        List<float[]> grads = new ArrayList<>();
        for (Parameter p : params) {
            grads.add(p == null ? null : p.grad().data().clone());
        }
        return grads;
    }

    // ---- test data ---------------------------------------------------------------------------

    /** A tensor of values uniform in [lo, hi), from a fixed seed. */
    public static Tensor uniform(long seed, double lo, double hi, int... shape) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) (lo + (hi - lo) * random.nextDouble());
        }
        return t;
    }

    /** Values of magnitude in [lo, hi) with random signs: kept away from zero (for ReLU). */
    public static Tensor awayFromZero(long seed, double lo, double hi, int... shape) {
        SplittableRandom random = new SplittableRandom(seed);
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            double magnitude = lo + (hi - lo) * random.nextDouble();
            d[i] = (float) (random.nextBoolean() ? magnitude : -magnitude);
        }
        return t;
    }
}
