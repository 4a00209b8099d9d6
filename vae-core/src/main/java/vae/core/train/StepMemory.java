package vae.core.train;

/**
 * The heap one training step takes for its values and gradients, as a line in the batch size:
 * measured on batches of one and two examples, since every op's buffers grow linearly with the
 * batch (and with the samples an objective draws per example).
 *
 * @param fixedBytes      what a step takes whatever its batch (e.g. parameter-shaped temporaries)
 * @param bytesPerExample what each example of a batch adds
 */
public record StepMemory(long fixedBytes, long bytesPerExample) {

    /** The bytes a step on {@code batchSize} examples takes, saturating instead of overflowing. */
    public long bytesFor(int batchSize) {
        long perExample = Math.max(0, bytesPerExample);
        if (perExample != 0 && batchSize > (Long.MAX_VALUE - Math.max(0, fixedBytes)) / perExample) {
            return Long.MAX_VALUE;
        }
        return Math.max(0, fixedBytes) + perExample * batchSize;
    }

    /** The largest batch whose step fits in {@code bytes}, at least 0. */
    public int largestBatchWithin(long bytes) {
        long perExample = Math.max(1, bytesPerExample);
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, (bytes - Math.max(0, fixedBytes)) / perExample));
    }
}
