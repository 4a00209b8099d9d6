package vae.core.train;

import vae.core.optim.LearningRateSchedule;

/**
 * A run's training aids, each off by default: KL warm-up, free bits and a learning-rate schedule
 * change how it trains (never how it is evaluated: test and validation losses are the objective
 * itself), and a validation split holds training examples out to choose epochs by. A checkpoint
 * records them, so a resumed run continues them exactly.
 *
 * @param klSchedule         the KL warm-up factor over the run
 * @param freeBits           λ of free bits in nats per latent dimension (0: none)
 * @param lrSchedule         the learning rate over the run, as factors on Adam's base rate
 * @param validationExamples training examples held out as the validation set (0: none)
 * @param supervision        semi-supervised training: which examples keep their labels
 *                           ({@link Supervision#NONE}: not semi-supervised)
 */
public record TrainingAids(KlSchedule klSchedule, double freeBits, LearningRateSchedule lrSchedule,
                           int validationExamples, Supervision supervision) {
    /** No aid: the run as it trains without any. */
    public static final TrainingAids NONE = new TrainingAids(KlSchedule.none(), 0, LearningRateSchedule.constant(), 0);

    /** Aids of a run that is not semi-supervised. */
    public TrainingAids(KlSchedule klSchedule, double freeBits, LearningRateSchedule lrSchedule,
                        int validationExamples) {
        this(klSchedule, freeBits, lrSchedule, validationExamples, Supervision.NONE);
    }

    public TrainingAids {
        if (klSchedule == null || lrSchedule == null || supervision == null) {
            throw new IllegalArgumentException("a schedule is missing; use KlSchedule.none() or "
                    + "LearningRateSchedule.constant() for none");
        }
        if (!(freeBits >= 0) || Double.isInfinite(freeBits)) {
            throw new IllegalArgumentException("free bits must be a number of nats >= 0, got " + freeBits);
        }
        if (validationExamples < 0) {
            throw new IllegalArgumentException("the validation set cannot have a negative size, got "
                    + validationExamples);
        }
    }

    /** True when the training objective differs from the evaluated one (KL warm-up or free bits). */
    public boolean weighsKl() {
        return !(klSchedule instanceof KlSchedule.None) || freeBits > 0;
    }

    /** The same aids with another KL schedule. */
    public TrainingAids withKlSchedule(KlSchedule s) {
        return new TrainingAids(s, freeBits, lrSchedule, validationExamples, supervision);
    }

    /** The same aids with free bits of {@code nats}. */
    public TrainingAids withFreeBits(double nats) {
        return new TrainingAids(klSchedule, nats, lrSchedule, validationExamples, supervision);
    }

    /** The same aids with another learning-rate schedule. */
    public TrainingAids withLrSchedule(LearningRateSchedule s) {
        return new TrainingAids(klSchedule, freeBits, s, validationExamples, supervision);
    }

    /** The same aids with a validation set of {@code n} examples. */
    public TrainingAids withValidation(int n) {
        return new TrainingAids(klSchedule, freeBits, lrSchedule, n, supervision);
    }

    /** The same aids with another supervision. */
    public TrainingAids withSupervision(Supervision s) {
        return new TrainingAids(klSchedule, freeBits, lrSchedule, validationExamples, s);
    }
}
