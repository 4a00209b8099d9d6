package vae.core.spi;

import vae.core.data.ExampleShape;

/**
 * The prior axis: p(z), its density, its KL from q(z|x) and its samples (the standard normal; a
 * mixture, a VampPrior or a flow prior as plugins). Found with {@link java.util.ServiceLoader}.
 */
public abstract class PriorProvider extends Component {

    protected PriorProvider(String name, String description, Hyperparameter<?>... hyperparameters) {
        super(name, description, hyperparameters);
    }

    /**
     * True when the prior runs the model's encoder ({@link PriorConfig#encoder()}), as the
     * VampPrior does on its pseudo-inputs: such a prior has no label to give a conditional model's
     * encoder, and a conditional model refuses it. Default false.
     */
    public boolean usesEncoder() {
        return false;
    }

    /**
     * The parameters the prior will allocate that grow with the data rather than with the latent
     * space (a VampPrior's pseudo-inputs, each of the data's shape), counted before anything is
     * allocated, so that a prior too large for the heap is refused in one line with the networks.
     * Default 0: a prior whose parameters are few next to the networks'.
     *
     * @param dataShape       the shape of one example
     * @param hyperparameters the prior's validated hyperparameters
     */
    public long parameterCount(ExampleShape dataShape, HyperparameterValues hyperparameters) {
        return 0;
    }

    /** A new prior, with freshly initialised parameters if it learns any. */
    public abstract Prior create(PriorConfig config);
}
