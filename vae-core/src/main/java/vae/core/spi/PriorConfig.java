package vae.core.spi;

import vae.core.data.ExampleShape;
import vae.core.random.CounterRng;

/**
 * What a prior needs to build itself.
 *
 * @param latentDim       the dimension of z
 * @param dataShape       the shape of one example (a VampPrior's pseudo-inputs have it), or null when unknown
 * @param encoder         the model's encoder, for a prior defined through it (a VampPrior's
 *                        pseudo-inputs are encoded with it)
 * @param hyperparameters the prior's validated hyperparameters
 * @param rng             the run's generator, for parameter initialisation
 */
public record PriorConfig(int latentDim, ExampleShape dataShape, Architecture encoder,
                          HyperparameterValues hyperparameters, CounterRng rng) {

    /** The configuration of a prior that does not need the data's shape. */
    public PriorConfig(int latentDim, Architecture encoder, HyperparameterValues hyperparameters, CounterRng rng) {
        this(latentDim, null, encoder, hyperparameters, rng);
    }
}
