package vae.core.spi;

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

    /** A new prior, with freshly initialised parameters if it learns any. */
    public abstract Prior create(PriorConfig config);
}
