package vae.core.spi;

import vae.core.graph.Graph;
import vae.core.tensor.Tensor;

/**
 * What a model's loss may draw on during one step besides the batch: its standard normal
 * noise, where training stands (for schedules such as a capacity or KL-weight ramp), and how the
 * run's training aids weigh the KL term.
 */
@FunctionalInterface
public interface LossContext {

    /** A tensor of independent N(0, 1) values, borrowed from the step's graph. */
    Tensor gaussian(Graph g, int... shape);

    /**
     * Optimiser steps taken before this one; during evaluation, the steps taken so far. Schedules
     * depend on it so that a resumed run continues them where it stopped.
     */
    default long step() {
        return 0;
    }

    /** True while training (gradients flow), false during evaluation. */
    default boolean training() {
        return true;
    }

    /**
     * How this step counts the KL term (warm-up factor, free bits): set by the run's training aids
     * while training, {@link KlWeighting#NONE} during evaluation. {@link OneSampleElbo} applies it;
     * an objective that does declares so with {@link Objective#supportsKlWarmup()} and
     * {@link Objective#supportsFreeBits()}.
     */
    default KlWeighting klWeighting() {
        return KlWeighting.NONE;
    }
}
