package vae.core.spi;

import vae.core.random.CounterRng;

/**
 * What a posterior flow needs to build itself.
 *
 * @param latentDim       the dimension of z
 * @param hyperparameters the flow's validated hyperparameters
 * @param rng             the run's generator, for parameter initialisation
 */
public record PosteriorConfig(int latentDim, HyperparameterValues hyperparameters, CounterRng rng) {
}
