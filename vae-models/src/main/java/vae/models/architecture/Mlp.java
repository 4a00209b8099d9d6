package vae.models.architecture;

import java.util.ArrayList;
import java.util.List;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.Var;
import vae.core.nn.Linear;
import vae.core.nn.VarianceHead;
import vae.core.spi.Architecture;
import vae.core.spi.ArchitectureConfig;
import vae.core.spi.ArchitectureProvider;
import vae.core.spi.Encoding;
import vae.core.spi.Hyperparameter;

/**
 * {@code mlp}: the networks of pytorch/examples {@code vae/main.py}. Encoder {@code fc1}
 * (D→hidden, ReLU), then {@code fc21} and {@code fc22} (hidden→latent) giving μ and log σ² (log σ with
 * {@code variance=log-std})
 * (a deterministic encoder has no {@code fc22}: {@code fc21} gives the code); decoder {@code fc3}
 * (latent→hidden, ReLU) and {@code fc4} (hidden→D·outputs per value) giving the parameters of
 * p(x|z). The names are those of that example's {@code state_dict}.
 *
 * <p>{@code depth=n} gives each network n hidden layers: {@code fc1_2 … fc1_n} follow {@code fc1} and
 * {@code fc3_2 … fc3_n} follow {@code fc3} (hidden→hidden); {@code activation=tanh} replaces ReLU. The IWAE
 * paper's one-stochastic-layer model is {@code -P depth=2 -P hidden=200 -P latent=50 -P activation=tanh}.
 *
 * <p>A conditional model's condition (the one-hot label) joins the input of both networks, as
 * {@code torch.cat} would: {@code fc1} takes D + C values, {@code fc3} latent + C.
 */
public final class Mlp extends ArchitectureProvider {
    static final Hyperparameter<Integer> HIDDEN =
            Hyperparameter.integer("hidden", 400, 1, 65536, "units of the hidden layer of encoder and decoder");
    static final Hyperparameter<Integer> LATENT =
            Hyperparameter.integer("latent", 20, 1, 4096, "dimension of the latent space z");
    static final Hyperparameter<Integer> DEPTH = Hyperparameter.integer("depth", 1, 1, 8,
            "hidden layers of the encoder and of the decoder").addedLaterWithNeutralDefault();
    static final Hyperparameter<String> ACTIVATION = Hyperparameter.choice("activation", "relu",
            List.of("relu", "tanh"), "the hidden layers' nonlinearity").addedLaterWithNeutralDefault();
    static final Hyperparameter<String> VARIANCE = Hyperparameter.choice("variance", VarianceHead.LOG_VAR.label(),
            VarianceHead.labels(), "what the encoder's variance head gives: log σ² (pytorch/examples) or log σ (the "
                    + "IWAE paper's code, whose variances Adam moves twice as fast)").addedLaterWithNeutralDefault();

    public Mlp() {
        super("mlp", "hidden layers each way (one ReLU layer by default, as in pytorch/examples vae/main.py: fc1, fc21, "
                + "fc22; fc3, fc4)", HIDDEN, LATENT, DEPTH, ACTIVATION, VARIANCE);
    }

    /** The encoder's variance head; refused where the encoder is deterministic and has none. */
    static VarianceHead variance(ArchitectureConfig config) {
        VarianceHead head = VarianceHead.of(config.hyperparameters().get(VARIANCE));
        if (!config.stochastic() && head != VarianceHead.LOG_VAR) {
            throw new IllegalArgumentException("variance=" + head.label() + " sets the encoder's variance head, and this "
                    + "model's encoder is deterministic (it has none); drop variance");
        }
        return head;
    }

    @Override
    public boolean takesCondition() {
        return true;
    }

    @Override
    public long parameterCount(ArchitectureConfig config) {
        long hidden = config.hyperparameters().get(HIDDEN);
        long latent = config.hyperparameters().get(LATENT);
        long c = config.conditionDim();
        long d = config.dataShape().size() + c;
        long out = config.decoderOutputs();
        long encoderHeads = config.stochastic() ? 2 : 1;
        long extra = 2L * (config.hyperparameters().get(DEPTH) - 1) * (hidden * hidden + hidden);
        return (d * hidden + hidden) + encoderHeads * (hidden * latent + latent) + ((latent + c) * hidden + hidden)
                + (hidden * out + out) + extra;
    }

    @Override
    public Architecture create(ArchitectureConfig config) {
        int hidden = config.hyperparameters().get(HIDDEN);
        int latent = config.hyperparameters().get(LATENT);
        int c = config.conditionDim();
        int d = config.dataShape().size();
        var rng = config.rng();
        Linear fc1 = new Linear("fc1", d + c, hidden, rng);
        Linear fc21 = new Linear("fc21", hidden, latent, rng);
        Linear fc22 = config.stochastic() ? new Linear("fc22", hidden, latent, rng) : null;
        Linear fc3 = new Linear("fc3", latent + c, hidden, rng);
        Linear fc4 = new Linear("fc4", hidden, config.decoderOutputs(), rng);
        int depth = config.hyperparameters().get(DEPTH);
        List<Linear> encoderMore = new ArrayList<>();
        List<Linear> decoderMore = new ArrayList<>();
        for (int i = 2; i <= depth; i++) {
            encoderMore.add(new Linear("fc1_" + i, hidden, hidden, rng));
            decoderMore.add(new Linear("fc3_" + i, hidden, hidden, rng));
        }
        boolean tanh = config.hyperparameters().get(ACTIVATION).equals("tanh");
        VarianceHead variance = variance(config);
        return new Architecture() {
            @Override
            public List<Parameter> parameters() {
                List<Linear> layers = new ArrayList<>(List.of(fc1));
                layers.addAll(encoderMore);
                layers.add(fc21);
                if (fc22 != null) {
                    layers.add(fc22);
                }
                layers.add(fc3);
                layers.addAll(decoderMore);
                layers.add(fc4);
                List<Parameter> all = new ArrayList<>();
                for (Linear l : layers) {
                    all.addAll(l.parameters());
                }
                return all;
            }

            private Var activate(Graph g, Var v) {
                return tanh ? ElementwiseOps.tanh(g, v) : ElementwiseOps.relu(g, v);
            }

            private Var hidden(Graph g, Linear first, List<Linear> more, Var in) {
                Var h = activate(g, first.forward(g, in));
                for (Linear l : more) {
                    h = activate(g, l.forward(g, h));
                }
                return h;
            }

            @Override
            public int latentDim() {
                return latent;
            }

            @Override
            public Encoding encode(Graph g, Var x) {
                return encode(g, x, null);
            }

            @Override
            public Encoding encode(Graph g, Var x, Var condition) {
                Var h1 = hidden(g, fc1, encoderMore, Architecture.withCondition(g, x, condition, c));
                if (fc22 != null) {
                    return new Encoding(fc21.forward(g, h1), variance.logVariance(g, fc22.forward(g, h1)));
                }
                return Encoding.pointMass(g, fc21.forward(g, h1));
            }

            @Override
            public Var decode(Graph g, Var z) {
                return decode(g, z, null);
            }

            @Override
            public Var decode(Graph g, Var z, Var condition) {
                return fc4.forward(g, hidden(g, fc3, decoderMore, Architecture.withCondition(g, z, condition, c)));
            }
        };
    }
}
