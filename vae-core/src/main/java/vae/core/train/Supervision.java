package vae.core.train;

/**
 * Semi-supervised training (Kingma et al. 2014, M2): of the training examples, {@code labelled}
 * keep their labels (a balanced subset chosen with {@code seed}, see {@link LabelledSubset}); the
 * rest train without them, their label marginalised over the classifier q(y|x).
 *
 * <p>Kingma et al.'s objective sums the bounds over the data and adds {@code alpha · N} times the
 * classifier's mean cross-entropy over the labelled examples: per labelled example
 * {@code alpha · N / labelled} against each unlabelled example's bound. A step here pairs a batch of
 * unlabelled examples with one of labelled ones, so the labelled examples come
 * {@code unlabelled / labelled} times more often than in the data; the step's mean cross-entropy
 * therefore weighs {@code alpha · N / unlabelled}, which keeps the paper's ratio between the
 * classifier's term and the unlabelled bound. (The labelled bound keeps weight 1, more than the
 * paper's share, which teaches the decoder the classes.)
 *
 * @param labelled how many training examples keep their labels (0: every example is labelled and
 *                 the run is not semi-supervised)
 * @param seed     the seed of the choice of the labelled examples
 * @param alpha    Kingma et al.'s α (0.1 in the paper), the classifier's weight before scaling by
 *                 {@code N / unlabelled}
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
        return alpha * n / (n - labelled);
    }
}
