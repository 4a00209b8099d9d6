package vae.spark;

/**
 * One epoch of {@link VaeSpark#train}: its mean training loss (nats per example, over the
 * partitions' steps), the test loss after it (NaN without test rows), the seconds it took and the
 * training examples per second per partition.
 */
public record SparkEpoch(int epoch, double trainLoss, double testLoss, double seconds,
                         double examplesPerSecondPerPartition) {
}
