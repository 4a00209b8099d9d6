package vae.core.spi;

import vae.core.loss.Likelihood;

/**
 * The likelihood axis: p(x|z) given the decoder's outputs (Bernoulli, Gaussian with fixed or
 * learned variance; categorical and per-column composites for tables as plugins). Found with
 * {@link java.util.ServiceLoader}.
 */
public abstract class LikelihoodProvider extends Component {

    protected LikelihoodProvider(String name, String description, Hyperparameter<?>... hyperparameters) {
        super(name, description, hyperparameters);
    }

    /** The likelihood for validated hyperparameters. */
    public abstract Likelihood create(HyperparameterValues values);
}
