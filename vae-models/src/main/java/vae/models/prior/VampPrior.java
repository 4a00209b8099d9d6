package vae.models.prior;

import java.util.List;
import vae.core.data.ExampleShape;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.nn.Initializers;
import vae.core.spi.Architecture;
import vae.core.spi.Encoding;
import vae.core.spi.Hyperparameter;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.Prior;
import vae.core.spi.PriorConfig;
import vae.core.spi.PriorProvider;
import vae.core.tensor.Tensor;

/**
 * {@code vamp}: the VampPrior of Tomczak and Welling (2018), {@code p(z) = (1/K) Σ_k q(z|u_k)}: the
 * encoder's own posteriors at K pseudo-inputs u_k, which are learned with the networks (the encoder's
 * weights get gradients through the prior too). Pseudo-inputs start near 0 (N(0, 0.01²)), the mean of
 * standardised tables; they move to where the data are in the first epochs.
 */
public final class VampPrior extends PriorProvider {
    static final Hyperparameter<Integer> PSEUDO_INPUTS = Hyperparameter.integer("pseudo_inputs", 500, 1, 10_000,
            "pseudo-inputs K, each of the data's shape");

    public VampPrior() {
        super("vamp", "the VampPrior: the mean of the encoder's q(z|u_k) at K learned pseudo-inputs; KL estimated "
                + "with the sample", PSEUDO_INPUTS);
    }

    @Override
    public boolean usesEncoder() {
        return true;
    }

    @Override
    public long parameterCount(ExampleShape dataShape, HyperparameterValues hyperparameters) {
        return dataShape == null ? 0 : (long) hyperparameters.get(PSEUDO_INPUTS) * dataShape.size();
    }

    @Override
    public Prior create(PriorConfig config) {
        if (config.dataShape() == null) {
            throw new IllegalArgumentException("prior 'vamp' learns pseudo-inputs of the data's shape, which this "
                    + "model was built without");
        }
        int k = config.hyperparameters().get(PSEUDO_INPUTS);
        var shape = config.dataShape();
        Parameter u = new Parameter("prior.pseudo_inputs", Tensor.zeros(k, shape.channels(), shape.height(),
                shape.width()));
        Initializers.gaussian(u.value().data(), 0, 0.01, config.rng(), u.name());
        return new Pseudo(u, config.encoder());
    }

    private static final class Pseudo extends MixturePrior {
        private final Parameter pseudoInputs;
        private final Architecture encoder;

        Pseudo(Parameter pseudoInputs, Architecture encoder) {
            this.pseudoInputs = pseudoInputs;
            this.encoder = encoder;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(pseudoInputs);
        }

        @Override
        Components components(Graph g) {
            Encoding q = encoder.encode(g, g.parameter(pseudoInputs));
            return new Components(q.mu(), q.logvar(), null);
        }
    }
}
