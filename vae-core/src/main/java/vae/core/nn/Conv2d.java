package vae.core.nn;

import vae.core.graph.Parameter;
import java.util.List;
import vae.core.graph.ConvOps;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.random.CounterRng;
import vae.core.tensor.Tensor;

/**
 * PyTorch's {@code nn.Conv2d} with square kernel, stride and padding: {@code weight
 * [out, in, k, k]} and {@code bias [out]}, named {@code <name>.weight} and {@code <name>.bias},
 * both U(−1/√fanIn, 1/√fanIn) with {@code fanIn = in·k·k} as PyTorch initialises them.
 */
public final class Conv2d implements Layer {
    private final Parameter weight;
    private final Parameter bias;
    private final int stride;
    private final int padding;

    public Conv2d(String name, int in, int out, int kernel, int stride, int padding, CounterRng rng) {
        if (in < 1 || out < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException(name + ": Conv2d(" + in + ", " + out + ", kernel " + kernel
                    + ", stride " + stride + ", padding " + padding + ") needs positive sizes and padding >= 0");
        }
        this.weight = new Parameter(name + ".weight", Tensor.zeros(out, in, kernel, kernel));
        this.bias = new Parameter(name + ".bias", Tensor.zeros(out));
        this.stride = stride;
        this.padding = padding;
        double bound = Initializers.pytorchDefaultBound(in * kernel * kernel);
        Initializers.uniform(weight.value().data(), bound, rng, weight.name());
        Initializers.uniform(bias.value().data(), bound, rng, bias.name());
    }

    @Override
    public Var forward(Graph g, Var x) {
        return ConvOps.conv2d(g, x, g.parameter(weight), g.parameter(bias), stride, stride, padding, padding);
    }

    @Override
    public List<Parameter> parameters() {
        return List.of(weight, bias);
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }

    /** The output size along an axis of {@code size} input pixels, PyTorch's formula. */
    public int outputSize(int size) {
        return (size + 2 * padding - weight.value().dim(2)) / stride + 1;
    }
}
