package vae.api;

import vae.core.train.EpochReport;

/**
 * Told what a training run does: {@link Checkpoints}, {@link Metrics}, {@link Pictures},
 * {@link EarlyStopping} and a command line's progress bar are listeners. Listeners are called in
 * the order they were added, on the training thread; an exception from one ends the run.
 */
public interface TrainingListener {

    /**
     * Before the first epoch, after the model, data and backend are ready: the place to check
     * outputs, so that a run never trains for hours and then fails to write.
     */
    default void started(TrainingRun run) throws java.io.IOException {
    }

    /** After each training step: {@code done} of {@code total} steps of {@code epoch}. */
    default void stepped(int epoch, int done, int total) {
    }

    /** After each epoch's training and test evaluation; {@link TrainingRun#stop} ends the run after it. */
    default void epochEnded(TrainingRun run, EpochReport report) throws java.io.IOException {
    }

    /**
     * When the run ends, normally or by an exception, if {@link #started} returned: the place to
     * release what {@code started} took (a lock, a file).
     */
    default void finished(TrainingRun run) throws java.io.IOException {
    }
}
