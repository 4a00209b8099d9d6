package vae.core.train;

/**
 * What one epoch did.
 *
 * @param epoch            1-based epoch number
 * @param train            losses averaged over the epoch's training steps (the objective as trained,
 *                         with any KL warm-up or free bits; {@link LossSummary#weightedTerms()}
 *                         without them)
 * @param validation       losses on the validation set after the epoch, or null for a run without one
 * @param test             losses on the test set after the epoch (one sample of z per example)
 * @param seconds          wall time of the epoch's training steps (evaluation excluded)
 * @param imagesPerSecond  training examples per second
 * @param testSeconds      wall time of the test (and validation) evaluation
 * @param learningRate     Adam's learning rate during the epoch (NaN if not known)
 */
public record EpochReport(int epoch, LossSummary train, LossSummary validation, LossSummary test, double seconds,
                          double imagesPerSecond, double testSeconds, double learningRate) {

    /** The report of an epoch without a validation set, its learning rate not known. */
    public EpochReport(int epoch, LossSummary train, LossSummary test, double seconds, double imagesPerSecond,
                       double testSeconds) {
        this(epoch, train, null, test, seconds, imagesPerSecond, testSeconds, Double.NaN);
    }

    /**
     * The losses that choose between epochs (early stopping, the best checkpoint): the validation
     * set's when the run has one, else the test set's.
     */
    public LossSummary selection() {
        return validation != null ? validation : test;
    }
}
