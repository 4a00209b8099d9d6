package vae.core.optim;

import java.math.BigDecimal;

/**
 * The learning rate epoch by epoch, as a factor on Adam's base rate. A function of the epoch
 * number alone, so a resumed run takes up the rate where the uninterrupted run would be.
 */
public sealed interface LearningRateSchedule {

    /** The factor on the base learning rate during {@code epoch} (1-based). */
    double factor(int epoch);

    /** In words for a run's header, e.g. {@code x0.5 every 10 epochs}. */
    String description();

    /** The base rate throughout. */
    static LearningRateSchedule constant() {
        return new Constant();
    }

    /** The base rate times {@code gamma} after every {@code epochs} epochs: {@code gamma^floor((epoch − 1) / epochs)}. */
    static LearningRateSchedule step(int epochs, double gamma) {
        return new Step(epochs, gamma);
    }

    /**
     * The IWAE paper's schedule (Burda et al. 2016, section 5): stage i = 0 … 7 lasts 3^i epochs at
     * the base rate times {@code 10^(−i/7)} (1e-3 · 10^(−i/7) at the paper's base rate), 3,280
     * epochs in all; later epochs stay at stage 7.
     */
    static LearningRateSchedule iwae() {
        return new Iwae();
    }

    /** The base rate throughout. */
    record Constant() implements LearningRateSchedule {
        @Override
        public double factor(int epoch) {
            return 1;
        }

        @Override
        public String description() {
            return "constant";
        }
    }

    /** Multiplied by {@code gamma} every {@code epochs} epochs. */
    record Step(int epochs, double gamma) implements LearningRateSchedule {
        public Step {
            if (epochs < 1) {
                throw new IllegalArgumentException("a step learning-rate schedule needs a step of at least 1 epoch, got "
                        + epochs);
            }
            if (!(gamma > 0) || Double.isInfinite(gamma)) {
                throw new IllegalArgumentException("a step learning-rate schedule's factor gamma must be a positive "
                        + "number, got " + gamma);
            }
        }

        @Override
        public double factor(int epoch) {
            // StrictMath: the same bits whether or not the JIT has compiled this, so resumes match
            return StrictMath.pow(gamma, (epoch - 1) / epochs);
        }

        @Override
        public String description() {
            return "step: x" + number(gamma) + " every " + epochs + (epochs == 1 ? " epoch" : " epochs");
        }
    }

    /** Burda et al.'s schedule: 3^i epochs at 10^(−i/7) times the base rate, i = 0 … 7. */
    record Iwae() implements LearningRateSchedule {
        /** The last stage; epochs past the schedule's 3,280 stay in it. */
        public static final int LAST_STAGE = 7;

        /** The stage i of {@code epoch}: epoch 1 is stage 0, epochs 2–4 stage 1, 5–13 stage 2, … */
        public static int stage(int epoch) {
            int i = 0;
            long end = 1; // the last epoch of stage i: (3^(i+1) - 1) / 2
            long length = 1;
            while (epoch > end && i < LAST_STAGE) {
                i++;
                length *= 3;
                end += length;
            }
            return i;
        }

        @Override
        public double factor(int epoch) {
            return StrictMath.pow(10, -stage(epoch) / 7.0);
        }

        @Override
        public String description() {
            return "iwae (Burda et al.): 3^i epochs at x10^(-i/7), i = 0..7, 3,280 epochs";
        }
    }

    private static String number(double v) {
        return new BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }
}
