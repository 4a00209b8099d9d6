package vae.core.random;

/**
 * The purposes random numbers serve, each a family of streams (see
 * {@link CounterRng#stream(int, long)}). Keeping them apart means, for instance, that evaluating
 * the test set does not shift the noise training sees, so a resumed run matches a straight one.
 */
public enum RandomPurpose {
    /** Parameter initialisation; sub-stream: a hash of the parameter's name. */
    INIT,
    /** The order of training examples; sub-stream: the epoch. */
    SHUFFLE,
    /** The noise ε of training; sub-stream: the global step. */
    TRAIN_NOISE,
    /** The noise ε of evaluation; sub-stream: the epoch. */
    EVAL_NOISE,
    /** Dynamic binarisation; sub-stream: the epoch (training) or a fixed one (test). */
    BINARIZE,
    /** Prior samples for pictures and the {@code sample} command. */
    SAMPLE,
    /** Importance samples of {@code score} and {@code evaluate}; sub-stream: the example's index. */
    IMPORTANCE,
    /** Values drawn from p(x|z) for synthetic table rows; sub-stream: the row's index. */
    DRAW,
    /** Which training examples a validation split holds out; one sub-stream (0). */
    VALIDATION_SPLIT,
    /** The noise ε of evaluating the validation set; sub-stream: the epoch and batch. */
    VALIDATION_NOISE,
    /** Which training examples keep their labels in semi-supervised training; sub-stream: the class. */
    LABELLED_SUBSET,
    /** The order of the labelled examples in semi-supervised training; sub-stream: the pass over them. */
    LABELLED_SHUFFLE;

    /** The stream id of sub-stream {@code index} of this purpose. */
    public long stream(long index) {
        return CounterRng.stream(ordinal() + 1, index);
    }
}
