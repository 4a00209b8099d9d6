package vae.core.graph;

import vae.core.backend.Backend;
import vae.core.backend.UnaryFunction;
import vae.core.tensor.Tensor;

/** Element-wise ops on the graph; operands of binary ops have the same size. */
public final class ElementwiseOps {
    private ElementwiseOps() {
    }

    public static Var relu(Graph g, Var x) {
        return map(g, UnaryFunction.RELU, x);
    }

    public static Var sigmoid(Graph g, Var x) {
        return map(g, UnaryFunction.SIGMOID, x);
    }

    public static Var tanh(Graph g, Var x) {
        return map(g, UnaryFunction.TANH, x);
    }

    public static Var softplus(Graph g, Var x) {
        return map(g, UnaryFunction.SOFTPLUS, x);
    }

    public static Var exp(Graph g, Var x) {
        return map(g, UnaryFunction.EXP, x);
    }

    public static Var log(Graph g, Var x) {
        return map(g, UnaryFunction.LOG, x);
    }

    /**
     * {@code y = f(x)}; backward {@code dx += f'(x) · dy}, written over dx rather than added when
     * it is the first contribution (no zero fill: 2 % of a conv-vae step).
     */
    public static Var map(Graph g, UnaryFunction f, Var x) {
        Backend be = g.backend();
        Tensor y = g.allocate(x.shape());
        be.map(f, x.data(), y.data(), x.size());
        return g.result(y, r -> {
            boolean accumulate = x.addsToGrad();
            be.mapBackward(f, x.data(), y.data(), r.gradData(), x.gradData(), x.size(), accumulate);
        }, x);
    }

    /** {@code a + b}; backward passes the gradient to both. */
    public static Var add(Graph g, Var a, Var b) {
        checkSameSize("add", a, b);
        Backend be = g.backend();
        Tensor out = g.allocate(a.shape());
        be.add(a.data(), b.data(), out.data(), a.size());
        return g.result(out, r -> {
            if (a.requiresGrad()) {
                be.axpy(1f, r.gradData(), 0, a.gradData(), 0, a.size());
            }
            if (b.requiresGrad()) {
                be.axpy(1f, r.gradData(), 0, b.gradData(), 0, b.size());
            }
        }, a, b);
    }

    /** {@code a · b} element by element; backward {@code da += b · dout}, {@code db += a · dout}. */
    public static Var mul(Graph g, Var a, Var b) {
        checkSameSize("mul", a, b);
        Backend be = g.backend();
        Tensor out = g.allocate(a.shape());
        be.mul(a.data(), b.data(), out.data(), a.size());
        return g.result(out, r -> {
            if (a.requiresGrad()) {
                be.mulAccumulate(b.data(), r.gradData(), a.gradData(), a.size());
            }
            if (b.requiresGrad()) {
                be.mulAccumulate(a.data(), r.gradData(), b.gradData(), b.size());
            }
        }, a, b);
    }

    /** {@code alpha · x}; backward {@code dx += alpha · dout}. */
    public static Var scale(Graph g, Var x, float alpha) {
        Backend be = g.backend();
        Tensor out = g.allocate(x.shape());
        be.scale(alpha, x.data(), out.data(), x.size());
        return g.result(out, r -> be.axpy(alpha, r.gradData(), 0, x.gradData(), 0, x.size()), x);
    }

    /** {@code Σ_i w_i · x_i} for scalars or same-size values: the weighted sum of loss terms. */
    public static Var weightedSum(Graph g, Var[] xs, float[] weights) {
        Var total = scale(g, xs[0], weights[0]);
        for (int i = 1; i < xs.length; i++) {
            total = add(g, total, scale(g, xs[i], weights[i]));
        }
        return total;
    }

    private static void checkSameSize(String op, Var a, Var b) {
        if (a.size() != b.size()) {
            throw new IllegalArgumentException(op + ": sizes differ, " + a.value() + " and " + b.value());
        }
    }
}
