package vae.core.train;

/**
 * The settings of a training run.
 *
 * @param epochs       how many passes over the training set
 * @param batchSize    examples per step (the last batch of an epoch may be smaller)
 * @param binarization how targets are formed from grey values
 * @param aids         KL warm-up, free bits and the learning-rate schedule (the validation split is
 *                     made before training, see {@link ValidationSplit})
 */
public record TrainingConfig(int epochs, int batchSize, Binarization binarization, TrainingAids aids) {

    public TrainingConfig {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        if (aids == null) {
            throw new IllegalArgumentException("training aids are missing; use TrainingAids.NONE for none");
        }
    }

    /** Settings without training aids. */
    public TrainingConfig(int epochs, int batchSize, Binarization binarization) {
        this(epochs, batchSize, binarization, TrainingAids.NONE);
    }
}
