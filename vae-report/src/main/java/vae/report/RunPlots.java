package vae.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.function.IntFunction;
import vae.api.History;
import vae.api.TrainingListener;
import vae.api.TrainingRun;
import vae.core.train.EpochReport;

/**
 * Plots a run into its directory: {@code loss.png} after every epoch (from the directory's
 * {@link History}, so a resumed run's curve starts at epoch 1), and when the run ends normally
 * {@code latent.png} (the test set's latent map) and {@code kl_per_dim.png} (KL per dimension, the
 * active units marked; only for a model with a prior). Add it after {@link History#into}.
 */
public final class RunPlots implements TrainingListener {
    /** The loss curves' file. */
    public static final String LOSS_FILE = "loss.png";
    /** The latent map's file. */
    public static final String LATENT_FILE = "latent.png";
    /** The KL-per-dimension file. */
    public static final String KL_FILE = "kl_per_dim.png";
    /** How many test examples the latent map and the KL figures use at most. */
    public static final int EXAMPLES = 5000;

    private final Path dir;
    private IntFunction<String> labelName = String::valueOf;
    private int lastEpoch;

    private RunPlots(Path dir) {
        this.dir = dir;
    }

    /** Plots written into {@code dir}. */
    public static RunPlots into(Path dir) {
        return new RunPlots(dir);
    }

    /** How to name a label in the latent map's legend (default: its number). */
    public RunPlots labelNames(IntFunction<String> name) {
        this.labelName = name;
        return this;
    }

    @Override
    public void epochEnded(TrainingRun run, EpochReport report) throws IOException {
        lastEpoch = report.epoch();
        RunHistory history = RunHistory.read(History.fileIn(dir));
        if (history.last() == null || history.last().epoch() != report.epoch()) {
            history = RunHistory.of(run.reports()); // no History listener before this one
        }
        LossChart.writePng(history, dir.resolve(LOSS_FILE));
    }

    @Override
    public void finished(TrainingRun run) throws IOException {
        boolean ended = lastEpoch > 0 && (lastEpoch == run.epochs() || run.stopReason() != null);
        if (!ended) {
            return; // stopped by an error: the model is not the run's result
        }
        writeEndPlots(run);
    }

    private void writeEndPlots(TrainingRun run) throws IOException {
        var model = run.model();
        var test = run.testSet();
        LatentMap.of(model, test, EXAMPLES).writePng(dir.resolve(LATENT_FILE),
                "latent means of " + Math.min(EXAMPLES, test.size()) + " test examples", labelName);
        if (model.canSample()) {
            KlPerDimension.of(model, test, EXAMPLES).writePng(dir.resolve(KL_FILE));
        }
    }
}
