package vae.core.nn;

import java.util.List;
import java.util.stream.Stream;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.Var;
import vae.core.random.CounterRng;

/**
 * The residual block of the ResNet encoders in the IAF paper and Pythae:
 * {@code x + Conv1×1(ReLU(Conv3×3(ReLU(x))))}, channels kept, size kept (3×3 with padding 1), parameters
 * {@code <name>.conv1} (3×3) and {@code <name>.conv2} (1×1) as a PyTorch module would name them.
 */
public final class ResidualBlock implements Layer {
    private final Conv2d conv1;
    private final Conv2d conv2;

    public ResidualBlock(String name, int channels, CounterRng rng) {
        this.conv1 = new Conv2d(name + ".conv1", channels, channels, 3, 1, 1, rng);
        this.conv2 = new Conv2d(name + ".conv2", channels, channels, 1, 1, 0, rng);
    }

    /** Parameters of a block of {@code channels} channels: a 3×3 and a 1×1 convolution with biases. */
    public static long parameterCount(long channels) {
        return 10 * channels * channels + 2 * channels;
    }

    @Override
    public Var forward(Graph g, Var x) {
        Var h = conv1.forward(g, ElementwiseOps.relu(g, x));
        return ElementwiseOps.add(g, x, conv2.forward(g, ElementwiseOps.relu(g, h)));
    }

    @Override
    public List<Parameter> parameters() {
        return Stream.of(conv1, conv2).flatMap(c -> c.parameters().stream()).toList();
    }
}
