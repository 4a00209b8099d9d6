package vae.core.train;

import vae.core.random.CounterRng;

/** The order examples are visited in (also by vae-spark's local SGD, per partition). */
public final class ExampleOrder {
    private ExampleOrder() {
    }

    /** A Fisher–Yates shuffle of 0..n−1 whose i-th swap uses value i of the stream. */
    public static int[] shuffled(int n, CounterRng rng, long stream) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        long key = rng.streamKey(stream);
        for (int i = n - 1; i > 0; i--) {
            int j = (int) (((CounterRng.bitsAt(key, i) >>> 33) * (i + 1L)) >>> 31);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }
}
