package vae.api;

import java.util.Locale;
import vae.core.train.EpochReport;

/**
 * Stops a run when the validation loss (the test loss for a run without a validation set) has
 * not improved by more than {@code minDelta} nats for {@code patience} epochs in a row. Pair it
 * with {@link Checkpoints#keepBest()} to keep the best weights, since the last checkpoint is then
 * {@code patience} epochs past them.
 */
public final class EarlyStopping implements TrainingListener {
    private final int patience;
    private final double minDelta;
    private double best = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int stale;

    private EarlyStopping(int patience, double minDelta) {
        if (patience < 1) {
            throw new IllegalArgumentException("early stopping needs a patience of at least 1 epoch, got " + patience);
        }
        if (!(minDelta >= 0) || Double.isInfinite(minDelta)) {
            throw new IllegalArgumentException("early stopping's minimum improvement must be a number >= 0, got "
                    + minDelta);
        }
        this.patience = patience;
        this.minDelta = minDelta;
    }

    /** Stops after {@code epochs} epochs without any improvement of the validation (else test) loss. */
    public static EarlyStopping patience(int epochs) {
        return new EarlyStopping(epochs, 0);
    }

    /** The same, counting only improvements larger than {@code nats}. */
    public EarlyStopping minDelta(double nats) {
        return new EarlyStopping(patience, nats);
    }

    @Override
    public void epochEnded(TrainingRun run, EpochReport report) {
        double loss = report.selection().objective();
        if (loss < best - minDelta) {
            best = loss;
            bestEpoch = report.epoch();
            stale = 0;
            return;
        }
        if (++stale >= patience) {
            run.stop(String.format(Locale.ROOT, "early stopping: the %s loss has not improved for %d epoch%s "
                    + "(best %.2f at epoch %d)", report.validation() != null ? "validation" : "test", stale,
                    stale == 1 ? "" : "s", best, bestEpoch));
        }
    }
}
