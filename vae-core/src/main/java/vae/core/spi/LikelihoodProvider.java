package vae.core.spi;

import vae.core.data.ValueLayout;
import vae.core.loss.Likelihood;

/**
 * The likelihood axis: p(x|z) given the decoder's outputs (Bernoulli, Gaussian with fixed or
 * learned variance, a per-column composite for tables). Found with {@link java.util.ServiceLoader}.
 */
public abstract class LikelihoodProvider extends Component {

    protected LikelihoodProvider(String name, String description, Hyperparameter<?>... hyperparameters) {
        super(name, description, hyperparameters);
    }

    /** The likelihood for validated hyperparameters. */
    public abstract Likelihood create(HyperparameterValues values);

    /**
     * The likelihood for data whose values are table columns laid out as {@code layout}; a
     * likelihood that models every value alike ignores the layout, as this default does.
     *
     * @param values the validated hyperparameters
     * @param layout the data's columns, or null for data that are not a table (images)
     * @return the likelihood
     * @throws IllegalArgumentException if this likelihood cannot model such data
     */
    public Likelihood create(HyperparameterValues values, ValueLayout layout) {
        return create(values);
    }
}
