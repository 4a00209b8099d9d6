package vae.core.spi;

import vae.core.data.ExampleShape;
import vae.core.loss.Likelihood;
import vae.core.random.CounterRng;

/**
 * What a provider needs to build a variant.
 *
 * @param dataShape       the shape of one example
 * @param likelihood      p(x|z), chosen for the data (Bernoulli for [0, 1], Gaussian for real values)
 * @param hyperparameters the validated hyperparameters
 * @param rng             the run's generator, for parameter initialisation
 */
public record VariantConfig(ExampleShape dataShape, Likelihood likelihood, HyperparameterValues hyperparameters,
                            CounterRng rng) {
}
