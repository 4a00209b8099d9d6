package vae.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vae.core.train.EpochReport;
import vae.core.train.LossSummary;

/** Early stopping ends a run after {@code patience} epochs without an improvement larger than {@code minDelta}. */
class EarlyStoppingTest {

    @Test
    void aStopThatComesWithTheLastEpochIsNoStop() {
        TrainingRun run = new TrainingRun(null, null, null, null, null, null, null, null, 2, 1, null);
        run.add(epoch(1, 10));
        run.add(epoch(2, 11));
        run.stop("early stopping");
        assertNull(run.stopReason(), "the run trained every epoch asked for");
    }

    private static TrainingRun run() {
        return new TrainingRun(null, null, null, null, null, null, null, null, 20, 1, null);
    }

    private static EpochReport epoch(int epoch, double testLoss) {
        LossSummary s = new LossSummary(testLoss, Map.of(), Map.of(), 1);
        return new EpochReport(epoch, s, s, 1, 1, 1);
    }

    /** The epoch after which the listener stops the run, or 0 if it never does. */
    private static int stoppedAfter(EarlyStopping stopping, double... testLosses) {
        TrainingRun run = run();
        for (int e = 0; e < testLosses.length; e++) {
            stopping.epochEnded(run, epoch(e + 1, testLosses[e]));
            if (run.stopReason() != null) {
                return e + 1;
            }
        }
        return 0;
    }

    @Test
    void stopsAfterPatienceEpochsWithoutImprovement() {
        assertEquals(4, stoppedAfter(EarlyStopping.patience(2), 10, 9, 9.5, 9.2, 8));
        assertEquals(0, stoppedAfter(EarlyStopping.patience(2), 10, 9, 9.5, 8, 8.5));
        assertEquals(2, stoppedAfter(EarlyStopping.patience(1), 10, 10));
    }

    @Test
    void improvementsSmallerThanMinDeltaDoNotCount() {
        assertEquals(3, stoppedAfter(EarlyStopping.patience(2).minDelta(0.5), 10, 9.8, 9.6, 5));
        assertEquals(0, stoppedAfter(EarlyStopping.patience(2).minDelta(0.5), 10, 9.4, 8.8, 8.2));
    }

    @Test
    void theReasonNamesTheBestEpoch() {
        TrainingRun run = run();
        EarlyStopping stopping = EarlyStopping.patience(1);
        stopping.epochEnded(run, epoch(1, 100.25));
        assertNull(run.stopReason());
        stopping.epochEnded(run, epoch(2, 101));
        assertEquals("early stopping: the test loss has not improved for 1 epoch (best 100.25 at epoch 1)",
                run.stopReason());
    }

    @Test
    void withAValidationSetItWatchesTheValidationLossNotTheTestLoss() {
        TrainingRun run = run();
        EarlyStopping stopping = EarlyStopping.patience(1);
        double[] validation = {100, 99, 99.5};
        double[] test = {100, 101, 90}; // alone, the test loss would have stopped the run after epoch 2
        for (int e = 0; e < 3; e++) {
            LossSummary v = new LossSummary(validation[e], Map.of(), Map.of(), 1);
            LossSummary t = new LossSummary(test[e], Map.of(), Map.of(), 1);
            stopping.epochEnded(run, new EpochReport(e + 1, t, v, t, 1, 1, 1, 1e-3));
            assertEquals(e < 2, run.stopReason() == null, "after epoch " + (e + 1));
        }
        assertEquals("early stopping: the validation loss has not improved for 1 epoch (best 99.00 at epoch 2)",
                run.stopReason());
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> EarlyStopping.patience(0));
        assertThrows(IllegalArgumentException.class, () -> EarlyStopping.patience(1).minDelta(-1));
        assertThrows(IllegalArgumentException.class, () -> EarlyStopping.patience(1).minDelta(Double.NaN));
    }
}
