package vae.core.nn;

import java.util.ArrayList;
import java.util.List;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.Var;
import vae.core.random.CounterRng;

/**
 * The classifier q(y|x) of a semi-supervised model (Kingma et al. 2014, M2): {@code <name>.fc1}
 * (D → hidden, ReLU), {@code <name>.fc2} (hidden → classes) giving the logits of a softmax.
 */
public final class ClassifierMlp implements Layer {
    private final Linear fc1;
    private final Linear fc2;

    /** A classifier of {@code inputs} values into {@code classes}, initialised as PyTorch's {@code nn.Linear}. */
    public ClassifierMlp(String name, int inputs, int hidden, int classes, CounterRng rng) {
        this.fc1 = new Linear(name + ".fc1", inputs, hidden, rng);
        this.fc2 = new Linear(name + ".fc2", hidden, classes, rng);
    }

    /** The number of learnable values of one for {@code inputs} values, {@code hidden} units and {@code classes}. */
    public static long parameterCount(long inputs, long hidden, long classes) {
        return inputs * hidden + hidden + hidden * classes + classes;
    }

    /** The logits {@code [B, classes]} of the rows of {@code x} (any shape with B rows). */
    @Override
    public Var forward(Graph g, Var x) {
        return fc2.forward(g, ElementwiseOps.relu(g, fc1.forward(g, x)));
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(fc1.parameters());
        all.addAll(fc2.parameters());
        return all;
    }
}
