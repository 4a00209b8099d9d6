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
 *
 * <p>Plots must never cost a run: a failure to draw (a machine without fonts, which Java's text
 * rendering needs) is passed to {@link #onDrawingFailure} once and the plots stop; a failure to write
 * (a full disk) ends the run as any output's does.
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
    private java.util.function.Consumer<String> drawingFailure = message -> {
    };
    private boolean disabled;
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

    /** Told, once, why plots could not be drawn (default: nothing); the run goes on without them. */
    public RunPlots onDrawingFailure(java.util.function.Consumer<String> told) {
        this.drawingFailure = told;
        return this;
    }

    @Override
    public void epochEnded(TrainingRun run, EpochReport report) throws IOException {
        lastEpoch = report.epoch();
        RunHistory history = RunHistory.read(History.fileIn(dir));
        RunHistory drawn = history.last() == null || history.last().epoch() != report.epoch()
                ? RunHistory.of(run.reports()) // no History listener before this one
                : history;
        draw(() -> LossChart.writePng(drawn, dir.resolve(LOSS_FILE)));
    }

    private interface Drawing {
        void run() throws IOException;
    }

    private void draw(Drawing drawing) throws IOException {
        if (disabled) {
            return;
        }
        try {
            drawing.run();
        } catch (IOException | OutOfMemoryError e) {
            throw e;
        } catch (RuntimeException | Error e) { // e.g. java.lang.Error "no fonts found" from the JDK's font setup
            disabled = true;
            drawingFailure.accept("plots are off for this run: drawing failed (" + e + "); on Linux, install "
                    + "fontconfig and a font such as fonts-dejavu-core");
        }
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
        draw(() -> LatentMap.of(model, test, EXAMPLES).writePng(dir.resolve(LATENT_FILE),
                "latent means of " + Math.min(EXAMPLES, test.size()) + " test examples", labelName));
        if (model.canSample()) {
            draw(() -> KlPerDimension.of(model, test, EXAMPLES).writePng(dir.resolve(KL_FILE)));
        }
    }
}
