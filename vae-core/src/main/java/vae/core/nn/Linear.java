package vae.core.nn;

import vae.core.graph.Parameter;
import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.MatrixOps;
import vae.core.graph.Var;
import vae.core.random.CounterRng;
import vae.core.tensor.Tensor;

/**
 * PyTorch's {@code nn.Linear}: {@code y = x Wᵀ + b} with {@code weight [out, in]} and
 * {@code bias [out]}, named {@code <name>.weight} and {@code <name>.bias}, initialised as
 * PyTorch initialises them.
 */
public final class Linear implements Layer {
    private final Parameter weight;
    private final Parameter bias;

    public Linear(String name, int in, int out, CounterRng rng) {
        this.weight = new Parameter(name + ".weight", Tensor.zeros(out, in));
        this.bias = new Parameter(name + ".bias", Tensor.zeros(out));
        double bound = Initializers.pytorchDefaultBound(in);
        Initializers.uniform(weight.value().data(), bound, rng, weight.name());
        Initializers.uniform(bias.value().data(), bound, rng, bias.name());
    }

    @Override
    public Var forward(Graph g, Var x) {
        return MatrixOps.linear(g, x, g.parameter(weight), g.parameter(bias));
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

    public int inFeatures() {
        return weight.value().dim(1);
    }

    public int outFeatures() {
        return weight.value().dim(0);
    }
}
