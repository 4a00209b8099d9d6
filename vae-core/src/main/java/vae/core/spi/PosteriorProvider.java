package vae.core.spi;

import vae.core.graph.Parameter;

/**
 * The posterior axis: a flow that reshapes the encoder's diagonal Gaussian q(z|x) (planar flows, ...),
 * found with {@code ServiceLoader}. A model without one keeps the Gaussian.
 */
public abstract class PosteriorProvider extends Component {

    protected PosteriorProvider(String name, String description, Hyperparameter<?>... hyperparameters) {
        super(name, description, hyperparameters);
    }

    /** The flow for a latent space of {@code config.latentDim()} dimensions; its parameters are {@link Parameter}s. */
    public abstract PosteriorFlow create(PosteriorConfig config);
}
