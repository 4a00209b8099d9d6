package vae.core.train;

/**
 * Semi-supervised training (Kingma et al. 2014, M2): of the training examples, {@code labelled}
 * keep their labels (a balanced subset chosen with {@code seed}, see {@link LabelledSubset}); the
 * rest train without them, their label marginalised over the classifier q(y|x). The classifier's
 * cross-entropy on the labelled examples weighs {@code alpha · N / labelled}, N the training
 * examples.
 *
 * @param labelled how many training examples keep their labels (0: every example is labelled and
 *                 the run is not semi-supervised)
 * @param seed     the seed of the choice of the labelled examples
 * @param alpha    the classifier's weight before scaling by {@code N / labelled}; Kingma et al.'s 0.1
 */
public record Supervision(int labelled, long seed, double alpha) {
    /** Not semi-supervised. */
    public static final Supervision NONE = new Supervision(0, 0, 0);
    /** Kingma et al.'s α. */
    public static final double DEFAULT_ALPHA = 0.1;

    public Supervision {
        if (labelled < 0) {
            throw new IllegalArgumentException("the labelled examples cannot be negative, got " + labelled);
        }
        if (!(alpha >= 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be a number >= 0, got " + alpha);
        }
    }

    /** True for a semi-supervised run. */
    public boolean active() {
        return labelled > 0;
    }

    /** The weight of the classifier's mean cross-entropy in a step's objective, for {@code n} training examples. */
    public double classifierWeight(int n) {
        return alpha * n / labelled;
    }
}
