package vae.models.architecture;

import java.util.ArrayList;
import java.util.List;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.Var;
import vae.core.nn.Linear;
import vae.core.spi.Architecture;
import vae.core.spi.ArchitectureConfig;
import vae.core.spi.ArchitectureProvider;
import vae.core.spi.Encoding;
import vae.core.spi.Hyperparameter;

/**
 * {@code mlp}: the networks of pytorch/examples {@code vae/main.py}. Encoder {@code fc1}
 * (D→hidden, ReLU), then {@code fc21} and {@code fc22} (hidden→latent) giving μ and log σ²
 * (a deterministic encoder has no {@code fc22}: {@code fc21} gives the code); decoder {@code fc3}
 * (latent→hidden, ReLU) and {@code fc4} (hidden→D·outputs per value) giving the parameters of
 * p(x|z). The names are those of that example's {@code state_dict}.
 */
public final class Mlp extends ArchitectureProvider {
    static final Hyperparameter<Integer> HIDDEN =
            Hyperparameter.integer("hidden", 400, 1, 65536, "units of the hidden layer of encoder and decoder");
    static final Hyperparameter<Integer> LATENT =
            Hyperparameter.integer("latent", 20, 1, 4096, "dimension of the latent space z");

    public Mlp() {
        super("mlp", "one hidden ReLU layer each way, as in pytorch/examples vae/main.py (fc1, fc21, fc22; fc3, fc4)",
                HIDDEN, LATENT);
    }

    @Override
    public long parameterCount(ArchitectureConfig config) {
        long hidden = config.hyperparameters().get(HIDDEN);
        long latent = config.hyperparameters().get(LATENT);
        long d = config.dataShape().size();
        long out = config.decoderOutputs();
        long encoderHeads = config.stochastic() ? 2 : 1;
        return (d * hidden + hidden) + encoderHeads * (hidden * latent + latent) + (latent * hidden + hidden)
                + (hidden * out + out);
    }

    @Override
    public Architecture create(ArchitectureConfig config) {
        int hidden = config.hyperparameters().get(HIDDEN);
        int latent = config.hyperparameters().get(LATENT);
        int d = config.dataShape().size();
        var rng = config.rng();
        Linear fc1 = new Linear("fc1", d, hidden, rng);
        Linear fc21 = new Linear("fc21", hidden, latent, rng);
        Linear fc22 = config.stochastic() ? new Linear("fc22", hidden, latent, rng) : null;
        Linear fc3 = new Linear("fc3", latent, hidden, rng);
        Linear fc4 = new Linear("fc4", hidden, config.decoderOutputs(), rng);
        return new Architecture() {
            @Override
            public List<Parameter> parameters() {
                List<Parameter> all = new ArrayList<>();
                for (Linear l : fc22 == null ? List.of(fc1, fc21, fc3, fc4) : List.of(fc1, fc21, fc22, fc3, fc4)) {
                    all.addAll(l.parameters());
                }
                return all;
            }

            @Override
            public int latentDim() {
                return latent;
            }

            @Override
            public Encoding encode(Graph g, Var x) {
                Var h1 = ElementwiseOps.relu(g, fc1.forward(g, x));
                if (fc22 != null) {
                    return new Encoding(fc21.forward(g, h1), fc22.forward(g, h1));
                }
                return Encoding.pointMass(g, fc21.forward(g, h1));
            }

            @Override
            public Var decode(Graph g, Var z) {
                return fc4.forward(g, ElementwiseOps.relu(g, fc3.forward(g, z)));
            }
        };
    }
}
