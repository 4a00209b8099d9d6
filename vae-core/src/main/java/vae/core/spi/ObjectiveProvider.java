package vae.core.spi;

/**
 * The objective axis, what {@code --variant} names: how a model's terms combine into the loss it
 * trains (the ELBO, β-VAE, InfoVAE, IWAE, a plain autoencoder...). Found with
 * {@link java.util.ServiceLoader}; works with every architecture, prior and likelihood.
 */
public abstract class ObjectiveProvider extends Component {

    protected ObjectiveProvider(String name, String description, Hyperparameter<?>... hyperparameters) {
        super(name, description, hyperparameters);
    }

    /** The objective for validated hyperparameters. */
    public abstract Objective create(HyperparameterValues values);

    /**
     * False for an objective with a deterministic encoder (a plain autoencoder): the architecture
     * then gives a code instead of μ and log σ², and the model has no prior to sample.
     */
    public boolean stochasticEncoder() {
        return true;
    }
}
