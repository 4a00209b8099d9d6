package vae.core.train;

import vae.core.data.Dataset;
import vae.core.random.CounterRng;
import vae.core.random.RandomPurpose;

/** Draws binary targets x ~ Bernoulli(pixel), as in dynamically binarised MNIST. */
public final class DynamicBinarizer {
    private DynamicBinarizer() {
    }

    /**
     * Replaces each grey value of a batch by 1 with probability equal to it, else 0. The draw
     * for pixel j of example e is value {@code e · dim + j} of the stream, so it depends on the
     * example, not on where the example sits in the batch.
     */
    public static void sample(float[] batch, int[] order, int from, int count, int dim, CounterRng rng, long stream) {
        long key = rng.streamKey(stream);
        for (int r = 0; r < count; r++) {
            long example = order == null ? from + r : order[from + r];
            for (int j = 0; j < dim; j++) {
                int i = r * dim + j;
                double u = (CounterRng.bitsAt(key, example * dim + j) >>> 40) * 0x1.0p-24;
                batch[i] = u < batch[i] ? 1f : 0f;
            }
        }
    }

    /**
     * A binarised copy of a whole data set, drawn once from a fixed stream: how the test set of
     * dynamically binarised MNIST is fixed for a run. Drawn example by example and kept as bytes
     * (0 or 255, read as exactly 0 and 1), so it takes no float copy of the data set.
     */
    public static Dataset binarizeOnce(Dataset data, CounterRng rng) {
        return binarizeOnce(data, rng, RandomPurpose.BINARIZE.stream(-1));
    }

    /**
     * As {@link #binarizeOnce(Dataset, CounterRng)} from another fixed stream: a validation set is
     * drawn from {@code BINARIZE.stream(-2)}, so its draws are not the test set's.
     */
    public static Dataset binarizeOnce(Dataset data, CounterRng rng, long stream) {
        int dim = data.dimension();
        float[] row = new float[dim];
        byte[] bits = new byte[data.size() * dim];
        for (int e = 0; e < data.size(); e++) {
            data.copyRange(e, 1, row);
            sample(row, null, e, 1, dim, rng, stream);
            for (int j = 0; j < dim; j++) {
                bits[e * dim + j] = row[j] == 1f ? (byte) 255 : 0;
            }
        }
        return Dataset.fromUnsignedBytes(data.name() + " (binarised)", data.shape(), bits, data.labels());
    }
}
