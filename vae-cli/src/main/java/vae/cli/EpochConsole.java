package vae.cli;

import java.io.PrintWriter;
import java.util.Locale;
import vae.api.Checkpoints;
import vae.api.TrainingListener;
import vae.api.TrainingRun;
import vae.core.optim.LearningRateSchedule;
import vae.core.train.EpochReport;

/** What {@code vae train} prints while it runs: the header, a progress bar per epoch, and each epoch's line. */
final class EpochConsole implements TrainingListener {
    private final PrintWriter console;
    private final Checkpoints checkpoints;
    private final TrainCommand command;
    private final ResumeOptions resumed;
    private ProgressBar bar;
    private int epochs;

    EpochConsole(PrintWriter console, Checkpoints checkpoints, TrainCommand command, ResumeOptions resumed) {
        this.console = console;
        this.checkpoints = checkpoints;
        this.command = command;
        this.resumed = resumed;
    }

    @Override
    public void started(TrainingRun run) {
        epochs = run.epochs();
        command.printHeader(console, run, checkpoints.modelFile(), resumed);
    }

    @Override
    public void stepped(int epoch, int done, int total) {
        if (bar == null) {
            bar = ProgressBar.on(console, String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs));
        }
        bar.step(done, total);
    }

    @Override
    public void epochEnded(TrainingRun run, EpochReport report) {
        if (bar != null) {
            bar.finish();
            bar = null;
        }
        var aids = run.settings().aids();
        console.println(EpochLine.format(report, epochs, run.vae().table().isPresent() ? "rows" : "img", aids.weighsKl(),
                !(aids.lrSchedule() instanceof LearningRateSchedule.Constant))
                + (checkpoints.lastWasBest() ? "  (best)" : ""));
        console.flush();
    }
}
