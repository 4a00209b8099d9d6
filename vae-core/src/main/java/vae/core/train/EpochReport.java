package vae.core.train;

/**
 * What one epoch did.
 *
 * @param epoch            1-based epoch number
 * @param train            losses averaged over the epoch's training steps
 * @param test             losses on the test set after the epoch (one sample of z per example)
 * @param seconds          wall time of the epoch's training steps (test evaluation excluded)
 * @param imagesPerSecond  training examples per second
 * @param testSeconds      wall time of the test evaluation
 */
public record EpochReport(int epoch, LossSummary train, LossSummary test, double seconds, double imagesPerSecond,
                          double testSeconds) {
}
