package vae.core.graph;

import java.util.Arrays;
import vae.core.tensor.Tensor;

/**
 * A learnable tensor with a PyTorch {@code state_dict} name (e.g. {@code fc1.weight}) and the
 * gradient buffer the backward pass accumulates into.
 */
public final class Parameter {
    private final String name;
    private final Tensor value;
    private final Tensor grad;

    public Parameter(String name, Tensor value) {
        this.name = name;
        this.value = value;
        this.grad = Tensor.zeros(value.shape());
    }

    public String name() {
        return name;
    }

    public Tensor value() {
        return value;
    }

    public Tensor grad() {
        return grad;
    }

    public int size() {
        return value.size();
    }

    /** Clears the accumulated gradient before the next backward pass. */
    public void zeroGrad() {
        Arrays.fill(grad.data(), 0f);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(value.shape());
    }
}
