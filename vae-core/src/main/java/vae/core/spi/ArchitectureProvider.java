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

    /** New networks with freshly initialised parameters. */
    public abstract Architecture create(ArchitectureConfig config);
}
