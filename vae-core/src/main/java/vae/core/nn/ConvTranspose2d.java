package vae.core.nn;

import vae.core.graph.Parameter;
import java.util.List;
import vae.core.graph.ConvOps;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.random.CounterRng;
import vae.core.tensor.Tensor;

/**
 * PyTorch's {@code nn.ConvTranspose2d} with square kernel, stride and padding and an output
 * padding per axis: {@code weight [in, out, k, k]} and {@code bias [out]}, named
 * {@code <name>.weight} and {@code <name>.bias}. PyTorch computes the fan-in of this weight from
 * its second dimension, so both are U(−1/√fanIn, 1/√fanIn) with {@code fanIn = out·k·k}.
 */
public final class ConvTranspose2d implements Layer {
    private final Parameter weight;
    private final Parameter bias;
    private final int stride;
    private final int padding;
    private final int outputPaddingH;
    private final int outputPaddingW;

    public ConvTranspose2d(String name, int in, int out, int kernel, int stride, int padding,
                           int outputPaddingH, int outputPaddingW, CounterRng rng) {
        if (in < 1 || out < 1 || kernel < 1 || stride < 1 || padding < 0) {
            throw new IllegalArgumentException(name + ": ConvTranspose2d(" + in + ", " + out + ", kernel " + kernel
                    + ", stride " + stride + ", padding " + padding + ") needs positive sizes and padding >= 0");
        }
        if (outputPaddingH < 0 || outputPaddingW < 0 || outputPaddingH >= stride || outputPaddingW >= stride) {
            throw new IllegalArgumentException(name + ": output padding " + outputPaddingH + "x" + outputPaddingW
                    + " must be at least 0 and smaller than the stride " + stride);
        }
        this.weight = new Parameter(name + ".weight", Tensor.zeros(in, out, kernel, kernel));
        this.bias = new Parameter(name + ".bias", Tensor.zeros(out));
        this.stride = stride;
        this.padding = padding;
        this.outputPaddingH = outputPaddingH;
        this.outputPaddingW = outputPaddingW;
        double bound = Initializers.pytorchDefaultBound(out * kernel * kernel);
        Initializers.uniform(weight.value().data(), bound, rng, weight.name());
        Initializers.uniform(bias.value().data(), bound, rng, bias.name());
    }

    @Override
    public Var forward(Graph g, Var x) {
        return ConvOps.convTranspose2d(g, x, g.parameter(weight), g.parameter(bias), stride, stride,
                padding, padding, outputPaddingH, outputPaddingW);
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
}
