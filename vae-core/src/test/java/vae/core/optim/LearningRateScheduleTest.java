package vae.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LearningRateScheduleTest {

    @Test
    void stepMultipliesByGammaEverySEpochs() {
        LearningRateSchedule step = LearningRateSchedule.step(3, 0.5);
        assertEquals(1, step.factor(1));
        assertEquals(1, step.factor(3));
        assertEquals(0.5, step.factor(4));
        assertEquals(0.5, step.factor(6));
        assertEquals(0.25, step.factor(7));
    }

    @Test
    void iwaeStagesLastThreeToTheIEpochsAndEndAfter3280() {
        int[] firstEpochOfStage = {1, 2, 5, 14, 41, 122, 365, 1094};
        for (int i = 0; i < firstEpochOfStage.length; i++) {
            assertEquals(i, LearningRateSchedule.Iwae.stage(firstEpochOfStage[i]), "first epoch of stage " + i);
            if (i > 0) {
                assertEquals(i - 1, LearningRateSchedule.Iwae.stage(firstEpochOfStage[i] - 1), "last epoch of stage " + (i - 1));
            }
            assertEquals((int) Math.pow(3, i), (i < 7 ? firstEpochOfStage[i + 1] : 3281) - firstEpochOfStage[i]);
        }
        assertEquals(7, LearningRateSchedule.Iwae.stage(3280));
        assertEquals(7, LearningRateSchedule.Iwae.stage(10_000), "past the schedule: its last rate");
    }

    @Test
    void iwaeRatesAreTheBaseTimesTenToTheMinusIOverSeven() {
        LearningRateSchedule iwae = LearningRateSchedule.iwae();
        assertEquals(1, iwae.factor(1));
        assertEquals(Math.pow(10, -1 / 7.0), iwae.factor(2), 1e-15);
        assertEquals(Math.pow(10, -1 / 7.0), iwae.factor(4), 1e-15);
        assertEquals(Math.pow(10, -2 / 7.0), iwae.factor(5), 1e-15);
        assertEquals(0.1, iwae.factor(3280), 1e-15, "1e-3 * 10^(-7/7) = 1e-4 at the paper's base rate");
    }

    @Test
    void constantIsOne() {
        assertEquals(1, LearningRateSchedule.constant().factor(77));
    }

    @Test
    void badStepsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(2, 0));
        assertThrows(IllegalArgumentException.class, () -> LearningRateSchedule.step(2, Double.POSITIVE_INFINITY));
    }

    @Test
    void adamStepsAtTheRateSetAndKeepsItsBaseRate() {
        var p = new vae.core.graph.Parameter("w", new vae.core.tensor.Tensor(new float[] {1f}, 1));
        Adam adam = new Adam(java.util.List.of(p), AdamConfig.defaults());
        adam.setLearningRate(0.5);
        p.grad().data()[0] = 1f;
        adam.step(new vae.core.backend.ScalarBackend(1));
        assertEquals(0.5f, p.value().data()[0], 1e-6f, "Adam's first step moves by the rate");
        assertEquals(1e-3, adam.config().lr());
        assertEquals(0.5, adam.learningRate());
    }
}
