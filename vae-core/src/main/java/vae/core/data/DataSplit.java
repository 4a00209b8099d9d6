package vae.core.data;

import java.util.Objects;

/**
 * A data set divided into the examples to train on and the held-out examples to evaluate on.
 *
 * @param train the training examples
 * @param test  the evaluation examples, of the same shape
 */
public record DataSplit(Dataset train, Dataset test) {

    /**
     * Validates that both parts are present and share one example shape.
     *
     * @throws IllegalArgumentException if the shapes differ
     */
    public DataSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (!train.shape().equals(test.shape())) {
            throw new IllegalArgumentException("train examples are " + train.shape()
                    + " but test examples are " + test.shape());
        }
    }
}
