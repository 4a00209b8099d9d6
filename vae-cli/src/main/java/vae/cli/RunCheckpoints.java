package vae.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vae.core.checkpoint.Checkpoint;
import vae.core.checkpoint.CheckpointException;
import vae.core.checkpoint.CheckpointMetadata;
import vae.core.graph.Parameter;
import vae.core.optim.Adam;
import vae.core.train.EpochReport;

/**
 * The checkpoints of a training run: {@code model.safetensors} (with its optimizer file)
 * replaced after every epoch, and with {@code --keep-best} also {@code model.best.safetensors},
 * the weights of the lowest test loss so far. A run that stops, even by divergence, leaves the
 * last completed epoch's files.
 */
final class RunCheckpoints {
    static final String MODEL_FILE = "model.safetensors";
    static final String BEST_FILE = "model.best.safetensors";

    private final Path model;
    private final Path best;
    private final boolean keepBest;
    private final CheckpointMetadata base;
    private final List<Parameter> parameters;
    private final Adam adam;
    private double bestLoss;

    /**
     * @param continuing true when resuming: an existing best file then counts as this run's best so far;
     *                   a new run replaces whatever an earlier run left
     */
    RunCheckpoints(Path outDir, boolean keepBest, boolean continuing, CheckpointMetadata base, List<Parameter> parameters,
                   Adam adam) {
        this.model = outDir.resolve(MODEL_FILE);
        this.best = outDir.resolve(BEST_FILE);
        this.keepBest = keepBest;
        this.base = base;
        this.parameters = parameters;
        this.adam = adam;
        this.bestLoss = keepBest && continuing ? previousBest(best) : Double.POSITIVE_INFINITY;
    }

    Path modelFile() {
        return model;
    }

    /** Writes the checkpoint of a finished epoch; returns true if it is also the best so far. */
    boolean save(EpochReport report, long globalStep) throws IOException {
        double loss = report.test().objective();
        CheckpointMetadata meta = base.at(report.epoch(), globalStep, loss);
        Checkpoint.write(model, meta, parameters, adam);
        if (keepBest && loss < bestLoss) {
            bestLoss = loss;
            Checkpoint.write(best, meta, parameters, null);
            return true;
        }
        return false;
    }

    /** A resumed run keeps a best file only if a later epoch beats it. */
    private static double previousBest(Path file) {
        if (!Files.exists(file)) {
            return Double.POSITIVE_INFINITY;
        }
        try {
            double loss = Checkpoint.read(file).metadata().testLoss();
            return Double.isNaN(loss) ? Double.POSITIVE_INFINITY : loss;
        } catch (CheckpointException e) {
            return Double.POSITIVE_INFINITY; // a damaged best file is simply replaced
        }
    }
}
