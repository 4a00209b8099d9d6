package vae.core.spi;

/**
 * The prior axis: p(z), its density, its KL from q(z|x) and its samples (the standard normal; a
 * mixture, a VampPrior or a flow prior as plugins). Found with {@link java.util.ServiceLoader}.
 */
public abstract class PriorProvider extends Component {

    protected PriorProvider(String name, String description, Hyperparameter<?>... hyperparameters) {
        super(name, description, hyperparameters);
    }

    /** A new prior, with freshly initialised parameters if it learns any. */
    public abstract Prior create(PriorConfig config);
}
