package vae.api;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vae.core.backend.Backend;
import vae.core.checkpoint.CheckpointMetadata;
import vae.core.checkpoint.RunSettings;
import vae.core.data.Dataset;
import vae.core.optim.Adam;
import vae.core.train.EpochReport;
import vae.core.train.Trainer;

/**
 * A training run, as its listeners see it while it goes and as {@link Training#fit} returns it:
 * the model, the data, the epochs' reports, and a way to stop early.
 */
public final class TrainingRun {
    private final Vae vae;
    private final Backend backend;
    private final Adam optimizer;
    private final Trainer trainer;
    private final RunSettings settings;
    private final Dataset train;
    private final Dataset validation;
    private final Dataset test;
    private final int epochs;
    private final int firstEpoch;
    private final Path resumedFrom;
    private final List<EpochReport> reports = new ArrayList<>();
    private String stopReason;

    TrainingRun(Vae vae, Backend backend, Adam optimizer, Trainer trainer, RunSettings settings, Dataset train,
                Dataset validation, Dataset test, int epochs, int firstEpoch, Path resumedFrom) {
        this.vae = vae;
        this.backend = backend;
        this.optimizer = optimizer;
        this.trainer = trainer;
        this.settings = settings;
        this.train = train;
        this.validation = validation;
        this.test = test;
        this.epochs = epochs;
        this.firstEpoch = firstEpoch;
        this.resumedFrom = resumedFrom;
    }

    /** The model being trained. */
    public Vae vae() {
        return vae;
    }

    /** The model as it is now, for inference on the run's backend (it shares the weights). */
    public TrainedVae model() {
        return new TrainedVae(vae, backend, metadata());
    }

    /** The training examples (after any limit, without the validation set). */
    public Dataset trainSet() {
        return train;
    }

    /**
     * The validation examples held out of the training set (binarised once if training binarises),
     * or null for a run without a validation set.
     */
    public Dataset validationSet() {
        return validation;
    }

    /** The test examples (after any limit, binarised once if training binarises). */
    public Dataset testSet() {
        return test;
    }

    /** How the run trains, as checkpoints record it. */
    public RunSettings settings() {
        return settings;
    }

    /** The backend's description, e.g. {@code Vector API, 512-bit (16 floats), 2 threads}. */
    public String backendDescription() {
        return backend.description();
    }

    /** The epoch trained up to. */
    public int epochs() {
        return epochs;
    }

    /** The first epoch this run trains: 1, or the one after a resumed checkpoint's. */
    public int firstEpoch() {
        return firstEpoch;
    }

    /** The checkpoint this run continues, or null for a new run. */
    public Path resumedFrom() {
        return resumedFrom;
    }

    /** Optimiser steps taken so far, over the whole run including before a resume. */
    public long globalStep() {
        return trainer.globalStep();
    }

    /** The reports of the epochs trained so far in this run. */
    public List<EpochReport> reports() {
        return List.copyOf(reports);
    }

    /** Ends the run after the current epoch, for {@code reason} (e.g. early stopping). */
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    /** Why the run stopped before its last epoch, or null (also when the stop came with the last epoch). */
    public String stopReason() {
        boolean finished = !reports.isEmpty() && reports.get(reports.size() - 1).epoch() >= epochs;
        return finished ? null : stopReason;
    }

    boolean stopped() {
        return stopReason != null;
    }

    void add(EpochReport report) {
        reports.add(report);
    }

    Backend backend() {
        return backend;
    }

    Adam optimizer() {
        return optimizer;
    }

    /** What a checkpoint of the model as it is now records. */
    CheckpointMetadata metadata() {
        EpochReport last = reports.isEmpty() ? null : reports.get(reports.size() - 1);
        return CheckpointMetadata.start(vae.spec(), vae.dataShape(), settings, vae.table().orElse(null))
                .at(last == null ? firstEpoch - 1 : last.epoch(), trainer.globalStep(),
                        last == null ? Double.NaN : last.test().objective(),
                        last == null || last.validation() == null ? Double.NaN : last.validation().objective());
    }
}
