package vae.core.train;

import java.util.Locale;

/**
 * The KL warm-up factor over a run, step by step: the factor that multiplies the KL term's
 * weight in the training objective (evaluation always counts the KL in full). It is a function
 * of the optimiser steps taken and the steps per epoch alone, so a resumed run continues it where
 * it stopped. Lengths are in epochs, as users think of them, and become steps at the run's steps
 * per epoch, so the factor rises smoothly within an epoch (as most papers' code does it) instead
 * of jumping at each epoch's start.
 */
public sealed interface KlSchedule {

    /**
     * The factor for the step taken after {@code step} steps, in [0, 1].
     *
     * @param stepsPerEpoch the run's optimiser steps per epoch, at least 1
     */
    double factor(long step, long stepsPerEpoch);

    /** In words for a run's header, e.g. {@code linear warm-up 0 -> 1 over 10 epochs}. */
    String description();

    /** No warm-up: the factor is always 1. */
    static KlSchedule none() {
        return new None();
    }

    /** Linear warm-up: {@code min(1, step / (epochs · stepsPerEpoch))}, 0 at the first step. */
    static KlSchedule linear(double epochs) {
        return new Linear(epochs);
    }

    /**
     * Cyclical annealing (Fu et al. 2019): the run is cut into periods of {@code periodEpochs};
     * within each, the factor rises linearly from 0 to 1 over the first {@code ratio} of the period
     * and stays at 1 for the rest.
     */
    static KlSchedule cyclical(double periodEpochs, double ratio) {
        return new Cyclical(periodEpochs, ratio);
    }

    /** As {@link #cyclical(double, double)}, with {@code cycles} periods in {@code epochs} epochs. */
    static KlSchedule cyclical(int epochs, int cycles, double ratio) {
        if (cycles < 1) {
            throw new IllegalArgumentException("a cyclical KL schedule needs at least 1 cycle, got " + cycles);
        }
        return new Cyclical((double) epochs / cycles, ratio);
    }

    /** The factor 1 throughout. */
    record None() implements KlSchedule {
        @Override
        public double factor(long step, long stepsPerEpoch) {
            return 1;
        }

        @Override
        public String description() {
            return "none";
        }
    }

    /** Linear warm-up over {@code epochs} epochs. */
    record Linear(double epochs) implements KlSchedule {
        public Linear {
            requirePositive(epochs, "the KL warm-up");
        }

        @Override
        public double factor(long step, long stepsPerEpoch) {
            return Math.min(1, step / (epochs * stepsPerEpoch));
        }

        @Override
        public String description() {
            return "linear warm-up 0 -> 1 over " + inEpochs(epochs) + " (per step)";
        }
    }

    /** Cyclical annealing with periods of {@code periodEpochs} epochs, rising over {@code ratio} of each. */
    record Cyclical(double periodEpochs, double ratio) implements KlSchedule {
        public Cyclical {
            requirePositive(periodEpochs, "a cyclical KL schedule's period");
            if (!(ratio > 0 && ratio <= 1)) {
                throw new IllegalArgumentException("a cyclical KL schedule's ratio (the share of each cycle the "
                        + "factor rises in) must be in (0, 1], got " + ratio);
            }
        }

        @Override
        public double factor(long step, long stepsPerEpoch) {
            double period = periodEpochs * stepsPerEpoch;
            double position = (step - Math.floor(step / period) * period) / period; // in [0, 1)
            return Math.min(1, position / ratio);
        }

        @Override
        public String description() {
            return String.format(Locale.ROOT, "cyclical (Fu et al.): cycles of %s, the factor rising 0 -> 1 over the "
                    + "first %s of each (per step), then 1", inEpochs(periodEpochs), percent(ratio));
        }

        private static String percent(double share) {
            return vae.core.spi.HyperparameterValues.formatNumber(share * 100) + " %";
        }
    }

    private static void requirePositive(double epochs, String what) {
        if (!(epochs > 0) || Double.isInfinite(epochs)) {
            throw new IllegalArgumentException(what + " must last a positive number of epochs, got " + epochs);
        }
    }

    private static String inEpochs(double n) {
        return vae.core.spi.HyperparameterValues.formatNumber(n) + (n == 1 ? " epoch" : " epochs");
    }
}
