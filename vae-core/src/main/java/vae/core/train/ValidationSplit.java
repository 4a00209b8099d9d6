package vae.core.train;

import java.util.Arrays;
import vae.core.data.Dataset;
import vae.core.random.CounterRng;
import vae.core.random.RandomPurpose;

/**
 * A validation set carved from the training examples: {@code n} of them chosen by a shuffle of
 * the run's {@link RandomPurpose#VALIDATION_SPLIT} stream, so the same seed and examples always
 * hold out the same ones; the two sets are disjoint and together are the examples given, each in
 * its original order.
 *
 * @param train      the examples left to train on
 * @param validation the examples held out
 */
public record ValidationSplit(Dataset train, Dataset validation) {

    /**
     * Holds {@code n} of {@code examples} out.
     *
     * @throws IllegalArgumentException unless {@code 1 <= n < examples.size()}
     */
    public static ValidationSplit of(Dataset examples, int n, CounterRng rng) {
        int size = examples.size();
        if (n < 1 || n >= size) {
            throw new IllegalArgumentException("a validation set of " + n + " examples " + (n < 1
                    ? "holds nothing out" : "leaves nothing to train on: the training set has " + size + " examples")
                    + "; hold out between 1 and " + (size - 1));
        }
        int[] order = ExampleOrder.shuffled(size, rng, RandomPurpose.VALIDATION_SPLIT.stream(0));
        int[] held = Arrays.copyOf(order, n);
        int[] kept = Arrays.copyOfRange(order, n, size);
        Arrays.sort(held);
        Arrays.sort(kept);
        return new ValidationSplit(examples.select(kept, ""), examples.select(held, "[validation]"));
    }

    /**
     * The number of examples a fraction of {@code size} holds out, rounded to the nearest.
     *
     * @throws IllegalArgumentException unless the fraction is in (0, 1)
     */
    public static int count(double fraction, int size) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("a validation fraction must be between 0 and 1 (exclusive), got "
                    + fraction);
        }
        return (int) Math.round(fraction * size);
    }
}
