package vae.cli;

import java.util.List;
import java.util.stream.Stream;
import vae.core.backend.Backend;
import vae.core.data.Dataset;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.ReductionOps;
import vae.core.graph.Var;
import vae.core.loss.SoftmaxCrossEntropy;
import vae.core.nn.Linear;
import vae.core.optim.Adam;
import vae.core.optim.AdamConfig;
import vae.core.random.CounterRng;
import vae.core.tensor.Tensor;
import vae.core.train.ExampleOrder;

/**
 * A classifier of labelled images independent of any VAE: one ReLU hidden layer, softmax
 * cross-entropy, Adam. What the tests judge generated images with.
 */
final class DigitClassifier {
    private static final int BATCH = 100;
    private final Backend backend;
    private final int classes;
    private final Linear hidden;
    private final Linear out;

    private DigitClassifier(Backend backend, int inputs, int classes, long seed) {
        this.backend = backend;
        this.classes = classes;
        CounterRng rng = new CounterRng(seed);
        this.hidden = new Linear("fc1", inputs, 256, rng);
        this.out = new Linear("fc2", 256, classes, rng);
    }

    /** Trained on every example of {@code data} for {@code epochs} passes. */
    static DigitClassifier train(Backend backend, Dataset data, int classes, int epochs, long seed) {
        DigitClassifier c = new DigitClassifier(backend, data.dimension(), classes, seed);
        List<Parameter> params = Stream.concat(c.hidden.parameters().stream(), c.out.parameters().stream()).toList();
        Adam adam = new Adam(params, AdamConfig.defaults());
        adam.zeroGrad();
        Graph g = Graph.training(backend);
        CounterRng rng = new CounterRng(seed);
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = ExampleOrder.shuffled(data.size(), rng, epoch);
            for (int from = 0; from < data.size(); from += BATCH) {
                int n = Math.min(BATCH, data.size() - from);
                g.reset();
                Tensor x = g.allocate(n, data.dimension());
                data.copyExamples(order, from, n, x.data());
                Var loss = ReductionOps.mean(g, SoftmaxCrossEntropy.of(g, c.logits(g, g.constant(x)),
                        data.labelsOf(order, from, n)));
                g.backward(loss);
                adam.step(backend);
            }
        }
        return c;
    }

    private Var logits(Graph g, Var x) {
        return out.forward(g, ElementwiseOps.relu(g, hidden.forward(g, x)));
    }

    /** The most probable class of each image ({@code n} rows of flat values). */
    int[] classify(float[] images, int n) {
        Graph g = Graph.inference(backend);
        Tensor x = g.allocate(n, images.length / n);
        System.arraycopy(images, 0, x.data(), 0, images.length);
        return SoftmaxCrossEntropy.argmax(logits(g, g.constant(x)).data(), n, classes);
    }
}
