package vae.models.prior;

import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.nn.Initializers;
import vae.core.spi.Hyperparameter;
import vae.core.spi.Prior;
import vae.core.spi.PriorConfig;
import vae.core.spi.PriorProvider;
import vae.core.tensor.Tensor;

/**
 * {@code mog}: a learned mixture of K diagonal Gaussians, {@code p(z) = Σ_k softmax(w)_k N(m_k, diag e^{lv_k})};
 * means start at N(0, 1), variances at 1 and weights equal, and all three are trained with the networks.
 */
public final class GaussianMixture extends PriorProvider {
    static final Hyperparameter<Integer> COMPONENTS = Hyperparameter.integer("components", 10, 1, 10_000,
            "mixture components K");

    public GaussianMixture() {
        super("mog", "p(z) = a learned mixture of K diagonal Gaussians; KL estimated with the sample", COMPONENTS);
    }

    @Override
    public Prior create(PriorConfig config) {
        int k = config.hyperparameters().get(COMPONENTS);
        int latent = config.latentDim();
        Parameter means = new Parameter("prior.means", Tensor.zeros(k, latent));
        Initializers.gaussian(means.value().data(), 0, 1, config.rng(), means.name());
        Parameter logvars = new Parameter("prior.logvars", Tensor.zeros(k, latent));
        Parameter logits = new Parameter("prior.logits", Tensor.zeros(k));
        return new Learned(means, logvars, logits);
    }

    private static final class Learned extends MixturePrior {
        private final Parameter means;
        private final Parameter logvars;
        private final Parameter logits;

        Learned(Parameter means, Parameter logvars, Parameter logits) {
            this.means = means;
            this.logvars = logvars;
            this.logits = logits;
        }

        @Override
        public List<Parameter> parameters() {
            return List.of(means, logvars, logits);
        }

        @Override
        Components components(Graph g) {
            return new Components(g.parameter(means), g.parameter(logvars), g.parameter(logits));
        }
    }
}
