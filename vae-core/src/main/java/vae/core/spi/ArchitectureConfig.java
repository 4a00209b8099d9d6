package vae.core.spi;

import vae.core.data.ExampleShape;
import vae.core.random.CounterRng;

/**
 * What an architecture needs to build its networks.
 *
 * @param dataShape        the shape of one example
 * @param outputsPerValue  decoder outputs per data value that the likelihood needs (1 for logits,
 *                         2 for a mean and a log-variance)
 * @param stochastic       true for a Gaussian encoder (μ and log σ²), false for a deterministic code
 * @param hyperparameters  the architecture's validated hyperparameters
 * @param rng              the run's generator, for parameter initialisation
 */
public record ArchitectureConfig(ExampleShape dataShape, int outputsPerValue, boolean stochastic,
                                 HyperparameterValues hyperparameters, CounterRng rng) {
}
