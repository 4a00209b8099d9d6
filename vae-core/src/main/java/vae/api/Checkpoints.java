package vae.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vae.core.checkpoint.Checkpoint;
import vae.core.checkpoint.CheckpointException;
import vae.core.checkpoint.CheckpointMetadata;
import vae.core.io.AtomicFiles;
import vae.core.train.EpochReport;

/**
 * Writes a run's checkpoints into a directory: {@code model.safetensors} (with
 * {@code model.optimizer.safetensors}) replaced after every epoch, and with {@link #keepBest()}
 * also {@code model.best.safetensors}, the weights of the lowest validation loss so far (the test
 * loss for a run without a validation set). Files are
 * written atomically; a run that stops, even by divergence, leaves the last finished epoch's
 * files. A new run refuses to replace another run's checkpoint unless {@link #overwrite()} says so.
 */
public final class Checkpoints implements TrainingListener {
    /** The checkpoint of the last finished epoch. */
    public static final String MODEL_FILE = "model.safetensors";
    /** The weights of the best epoch, with {@link #keepBest()}. */
    public static final String BEST_FILE = "model.best.safetensors";

    private final Path dir;
    private boolean keepBest;
    private boolean overwrite;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private boolean lastWasBest;
    private RunLock lock;

    private Checkpoints(Path dir) {
        this.dir = dir;
    }

    /** Checkpoints in {@code dir}, created if needed. */
    public static Checkpoints into(Path dir) {
        return new Checkpoints(dir);
    }

    /** Also keep {@code model.best.safetensors}. */
    public Checkpoints keepBest() {
        this.keepBest = true;
        return this;
    }

    /** Let a new run replace a checkpoint already in the directory. */
    public Checkpoints overwrite() {
        this.overwrite = true;
        return this;
    }

    /** {@code model.safetensors} in the directory. */
    public Path modelFile() {
        return dir.resolve(MODEL_FILE);
    }

    /** True if the last epoch's checkpoint was also the best so far. */
    public boolean lastWasBest() {
        return lastWasBest;
    }

    /**
     * Takes the directory's lock (held until the run ends, so a second run into it stops at once),
     * refuses to replace another run's checkpoint, and deletes the temporary files an interrupted
     * write of this directory's checkpoints left.
     *
     * @throws RunInProgressException when another run is writing into the directory
     * @throws OutputConflictException when the directory holds another run's checkpoint
     */
    @Override
    public void started(TrainingRun run) throws IOException {
        Outputs.requireWritableDirectory(dir, "checkpoint directory");
        lock = RunLock.acquire(dir);
        try {
            Path existing = modelFile();
            boolean continuing = run.resumedFrom() != null && Files.exists(existing)
                    && Files.isSameFile(existing, run.resumedFrom());
            if (Files.exists(existing) && !continuing && !overwrite) {
                throw new OutputConflictException(existing);
            }
            for (Path f : List.of(modelFile(), Checkpoint.optimizerFileOf(modelFile()), dir.resolve(BEST_FILE))) {
                AtomicFiles.deleteStaleTemps(f);
            }
            // a resumed run keeps a best file only if a later epoch beats it; a new run replaces it
            bestLoss = keepBest && continuing ? previousBest(dir.resolve(BEST_FILE)) : Double.POSITIVE_INFINITY;
        } catch (IOException | RuntimeException e) {
            finished(run);
            throw e;
        }
    }

    /** Releases the directory's lock. */
    @Override
    public void finished(TrainingRun run) throws IOException {
        if (lock != null) {
            RunLock held = lock;
            lock = null;
            held.close();
        }
    }

    @Override
    public void epochEnded(TrainingRun run, EpochReport report) throws IOException {
        CheckpointMetadata meta = run.metadata();
        double loss = report.selection().objective();
        var parameters = run.vae().model().parameters();
        Checkpoint.write(modelFile(), meta, parameters, run.optimizer());
        lastWasBest = keepBest && loss < bestLoss;
        if (lastWasBest) {
            bestLoss = loss;
            Checkpoint.write(dir.resolve(BEST_FILE), meta, parameters, null);
        }
    }

    private static double previousBest(Path file) {
        if (!Files.exists(file)) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double loss = Checkpoint.read(file).metadata().selectionLoss();
            return Double.isNaN(loss) ? Double.POSITIVE_INFINITY : loss;
        } catch (CheckpointException e) {
            return Double.POSITIVE_INFINITY; // a damaged best file is simply replaced
        }
    }
}
