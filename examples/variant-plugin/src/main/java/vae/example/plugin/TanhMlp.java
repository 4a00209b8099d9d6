package vae.example.plugin;

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
import vae.core.spi.HyperparameterValues;

/**
 * {@code tanh-mlp}: encoder and decoder of {@code depth} tanh layers of {@code hidden} units, as
 * in Kingma and Welling's MNIST experiments (one layer of 500). Encoder {@code encoder.0 ..},
 * then {@code mu} and {@code logvar} (a deterministic encoder has no {@code logvar}: {@code mu}
 * gives the code); decoder {@code decoder.0 ..}, then {@code out} giving the parameters of p(x|z).
 */
public final class TanhMlp extends ArchitectureProvider {
    /** Hidden units over all layers of one network; more is slow to train and rarely helps on images this size. */
    static final int MAX_UNITS = 65536;
    static final Hyperparameter<Integer> HIDDEN =
            Hyperparameter.integer("hidden", 500, 1, MAX_UNITS, "units of every hidden layer");
    static final Hyperparameter<Integer> DEPTH =
            Hyperparameter.integer("depth", 1, 1, 8, "hidden layers in the encoder and in the decoder");
    static final Hyperparameter<Integer> LATENT =
            Hyperparameter.integer("latent", 20, 1, 4096, "dimension of the latent space z");

    public TanhMlp() {
        super("tanh-mlp", "example plugin: 'depth' tanh layers each way (Kingma & Welling 2014 used one of 500 units)",
                HIDDEN, DEPTH, LATENT);
    }

    @Override
    public void validate(HyperparameterValues values) {
        long units = (long) values.get(HIDDEN) * values.get(DEPTH);
        if (units > MAX_UNITS) {
            throw new IllegalArgumentException("tanh-mlp: hidden*depth = " + units + " is more than the limit "
                    + MAX_UNITS + "; lower hidden or depth");
        }
    }

    @Override
    public Architecture create(ArchitectureConfig config) {
        int hidden = config.hyperparameters().get(HIDDEN);
        int latent = config.hyperparameters().get(LATENT);
        int d = config.dataShape().size();
        var rng = config.rng();
        List<Linear> encoder = new ArrayList<>();
        List<Linear> decoder = new ArrayList<>();
        for (int i = 0; i < config.hyperparameters().get(DEPTH); i++) {
            encoder.add(new Linear("encoder." + i, i == 0 ? d : hidden, hidden, rng));
            decoder.add(new Linear("decoder." + i, i == 0 ? latent : hidden, hidden, rng));
        }
        Linear mu = new Linear("mu", hidden, latent, rng);
        Linear logvar = config.stochastic() ? new Linear("logvar", hidden, latent, rng) : null;
        Linear out = new Linear("out", hidden, config.decoderOutputs(), rng);
        return new Architecture() {
            @Override
            public List<Parameter> parameters() {
                List<Linear> layers = new ArrayList<>(encoder);
                layers.add(mu);
                if (logvar != null) {
                    layers.add(logvar);
                }
                layers.addAll(decoder);
                layers.add(out);
                return layers.stream().flatMap(l -> l.parameters().stream()).toList();
            }

            @Override
            public int latentDim() {
                return latent;
            }

            @Override
            public Encoding encode(Graph g, Var x) {
                Var h = stack(g, encoder, x);
                if (logvar != null) {
                    return new Encoding(mu.forward(g, h), logvar.forward(g, h));
                }
                return Encoding.pointMass(g, mu.forward(g, h));
            }

            @Override
            public Var decode(Graph g, Var z) {
                return out.forward(g, stack(g, decoder, z));
            }
        };
    }

    private static Var stack(Graph g, List<Linear> layers, Var x) {
        Var h = x;
        for (Linear layer : layers) {
            h = ElementwiseOps.tanh(g, layer.forward(g, h));
        }
        return h;
    }
}
