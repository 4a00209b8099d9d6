package vae.core.spi;

import vae.core.random.CounterRng;

/**
 * What a prior needs to build itself.
 *
 * @param latentDim       the dimension of z
 * @param encoder         the model's encoder, for a prior defined through it (a VampPrior's
 *                        pseudo-inputs are encoded with it)
 * @param hyperparameters the prior's validated hyperparameters
 * @param rng             the run's generator, for parameter initialisation
 */
public record PriorConfig(int latentDim, Architecture encoder, HyperparameterValues hyperparameters, CounterRng rng) {
}
