package vae.core.graph;

import vae.core.tensor.Tensor;

/**
 * A value in a {@link Graph}: its tensor, and, when it needs one, the gradient of the graph's
 * output with respect to it. The gradient buffer is made on first use by the backward pass.
 */
public final class Var {
    private final Graph graph;
    private final Tensor value;
    private final boolean requiresGrad;
    private Tensor grad;
    private Runnable backward;

    Var(Graph graph, Tensor value, boolean requiresGrad, Tensor grad) {
        this.graph = graph;
        this.value = value;
        this.requiresGrad = requiresGrad;
        this.grad = grad;
    }

    public Tensor value() {
        return value;
    }

    /** The value's backing array. */
    public float[] data() {
        return value.data();
    }

    public int[] shape() {
        return value.shape();
    }

    public int size() {
        return value.size();
    }

    /** The leading (batch) dimension. */
    public int rows() {
        return value.rows();
    }

    /** Values per row. */
    public int cols() {
        return value.cols();
    }

    /** True when the graph's output depends on it through something that learns. */
    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** The first element of the value, for scalars such as a loss. */
    public float item() {
        return value.data()[0];
    }

    /** The gradient, made (zeroed) on first use; only for values that require one. */
    public Tensor grad() {
        if (grad == null) {
            if (!requiresGrad) {
                throw new IllegalStateException("this value does not require a gradient");
            }
            grad = graph.zeros(value.shape());
        }
        return grad;
    }

    /**
     * For a backward step about to write a contribution to every element of this gradient: false
     * when there is no gradient yet, which is then made without being zeroed, so that the step
     * overwrites {@link #gradData()} rather than adding to zeros it would have had to write
     * first; true when there is one already, to add to. Ask right before writing.
     */
    public boolean addsToGrad() {
        if (grad != null) {
            return true;
        }
        if (!requiresGrad) {
            throw new IllegalStateException("this value does not require a gradient");
        }
        grad = graph.allocate(value.shape());
        return false;
    }

    /** The gradient's backing array, made on first use. */
    public float[] gradData() {
        return grad().data();
    }

    boolean hasGrad() {
        return grad != null;
    }

    void setBackward(Runnable backward) {
        this.backward = backward;
    }

    Runnable backward() {
        return backward;
    }
}
