package vae.models.prior;

import java.util.ArrayList;
import java.util.List;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.Var;
import vae.core.nn.Linear;
import vae.core.nn.VarianceHead;
import vae.core.random.CounterRng;

/**
 * A conditional diagonal Gaussian of a hierarchical model, as the IWAE paper's: {@code depth}
 * hidden layers ({@code <name>.fc1 …}, tanh or ReLU), then {@code <name>.mu} and {@code <name>.logvar}
 * (log σ², or log σ with {@link VarianceHead#LOG_STD}).
 */
final class GaussianLayer {
    private final List<Linear> hidden = new ArrayList<>();
    private final Linear mu;
    private final Linear logvar;
    private final boolean tanh;
    private final VarianceHead variance;

    GaussianLayer(String name, int in, int units, int depth, int out, boolean tanh, VarianceHead variance,
                  CounterRng rng) {
        for (int i = 1; i <= depth; i++) {
            hidden.add(new Linear(name + ".fc" + i, i == 1 ? in : units, units, rng));
        }
        this.mu = new Linear(name + ".mu", units, out, rng);
        this.logvar = new Linear(name + ".logvar", units, out, rng);
        this.tanh = tanh;
        this.variance = variance;
    }

    /** μ and log σ² of the Gaussian given {@code x}, each {@code [rows, out]}. */
    Var[] forward(Graph g, Var x) {
        Var h = x;
        for (Linear l : hidden) {
            h = tanh ? ElementwiseOps.tanh(g, l.forward(g, h)) : ElementwiseOps.relu(g, l.forward(g, h));
        }
        return new Var[] {mu.forward(g, h), variance.logVariance(g, logvar.forward(g, h))};
    }

    List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        hidden.forEach(l -> all.addAll(l.parameters()));
        all.addAll(mu.parameters());
        all.addAll(logvar.parameters());
        return all;
    }
}
