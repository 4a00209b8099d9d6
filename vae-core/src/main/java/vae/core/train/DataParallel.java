package vae.core.train;

/**
 * How a data-parallel run (local SGD with periodic averaging, on Apache Spark) trained: what a
 * resumed run must repeat to continue with the same bits.
 *
 * @param partitions the partitions that each trained a copy between averages
 * @param syncEvery  H, the Adam steps each partition takes between two averages
 */
public record DataParallel(int partitions, int syncEvery) {
    public DataParallel {
        if (partitions < 1 || syncEvery < 1) {
            throw new IllegalArgumentException("a data-parallel run needs at least one partition and one step per "
                    + "round, got " + partitions + " and " + syncEvery);
        }
    }
}
