package vae.core.spi;

/**
 * The architecture axis: the encoder and decoder networks for a data shape (an MLP, convolutions,
 * ...). Found with {@link java.util.ServiceLoader}; an architecture must work with every
 * objective and likelihood, or refuse a data shape in {@link #create} with one line saying why.
 * The hyperparameter {@code latent}, the dimension of z, belongs to the architecture.
 */
public abstract class ArchitectureProvider extends Component {

    protected ArchitectureProvider(String name, String description, Hyperparameter<?>... hyperparameters) {
        super(name, description, hyperparameters);
    }

    /**
     * True when its networks take a condition ({@link ArchitectureConfig#conditionDim()} above 0):
     * the one-hot label of a conditional VAE. Default false: a conditional model with this
     * architecture is refused by name.
     */
    public boolean takesCondition() {
        return false;
    }

    /** New networks with freshly initialised parameters. */
    public abstract Architecture create(ArchitectureConfig config);

    /**
     * How many learnable values {@link #create} would allocate for {@code config}, computed
     * without allocating them, so that a model too large for the heap, or a checkpoint whose
     * metadata claims more than it holds, is refused before any allocation. Negative (the default)
     * when the architecture cannot say or {@code config} does not fit it; {@code create} then
     * reports the problem.
     */
    public long parameterCount(ArchitectureConfig config) {
        return -1;
    }
}
