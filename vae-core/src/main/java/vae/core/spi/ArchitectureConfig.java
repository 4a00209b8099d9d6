package vae.core.spi;

import vae.core.data.ExampleShape;
import vae.core.random.CounterRng;

/**
 * What an architecture needs to build its networks.
 *
 * @param dataShape        the shape of one example
 * @param decoderOutputs   decoder outputs per example that the likelihood needs (one per value for
 *                         logits, two per value for means and log-variances, or per column for tables)
 * @param stochastic       true for a Gaussian encoder (μ and log σ²), false for a deterministic code
 * @param hyperparameters  the architecture's validated hyperparameters
 * @param rng              the run's generator, for parameter initialisation
 * @param conditionDim     the width of the condition both networks also take (a conditional VAE's
 *                         one-hot label), 0 for an unconditional model
 */
public record ArchitectureConfig(ExampleShape dataShape, int decoderOutputs, boolean stochastic,
                                 HyperparameterValues hyperparameters, CounterRng rng, int conditionDim) {

    /** The networks of an unconditional model. */
    public ArchitectureConfig(ExampleShape dataShape, int decoderOutputs, boolean stochastic,
                              HyperparameterValues hyperparameters, CounterRng rng) {
        this(dataShape, decoderOutputs, stochastic, hyperparameters, rng, 0);
    }

    public ArchitectureConfig {
        if (conditionDim < 0) {
            throw new IllegalArgumentException("a condition's width cannot be negative, got " + conditionDim);
        }
    }

    /**
     * Decoder outputs per data value, for networks (such as convolutions) that give the same
     * number for every value.
     *
     * @throws IllegalArgumentException if the likelihood needs different numbers for different values
     */
    public int outputsPerValue() {
        int values = dataShape.size();
        if (decoderOutputs % values != 0) {
            throw new IllegalArgumentException("the likelihood needs " + decoderOutputs + " decoder outputs for "
                    + values + " values, not the same number per value as this network gives; use architecture 'mlp'");
        }
        return decoderOutputs / values;
    }
}
