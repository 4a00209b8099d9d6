package vae.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class KlScheduleTest {
    private static final long STEPS_PER_EPOCH = 100;

    @Test
    void linearWarmupRisesFromZeroStepByStepAndThenStaysAtOne() {
        KlSchedule warmup = KlSchedule.linear(2); // 200 steps
        assertEquals(0, warmup.factor(0, STEPS_PER_EPOCH));
        assertEquals(0.005, warmup.factor(1, STEPS_PER_EPOCH), 1e-15);
        assertEquals(0.25, warmup.factor(50, STEPS_PER_EPOCH));
        assertEquals(0.5, warmup.factor(100, STEPS_PER_EPOCH), "one epoch of two");
        assertEquals(0.995, warmup.factor(199, STEPS_PER_EPOCH), 1e-15);
        assertEquals(1, warmup.factor(200, STEPS_PER_EPOCH));
        assertEquals(1, warmup.factor(1_000_000, STEPS_PER_EPOCH));
    }

    @Test
    void cyclicalRisesOverTheRatioOfEachCycleThenHoldsAndStartsAgain() {
        KlSchedule cyclical = KlSchedule.cyclical(8, 4, 0.5); // cycles of 2 epochs = 200 steps, rising over 100
        assertEquals(2, ((KlSchedule.Cyclical) cyclical).periodEpochs());
        assertEquals(0, cyclical.factor(0, STEPS_PER_EPOCH));
        assertEquals(0.5, cyclical.factor(50, STEPS_PER_EPOCH));
        assertEquals(1, cyclical.factor(100, STEPS_PER_EPOCH));
        assertEquals(1, cyclical.factor(199, STEPS_PER_EPOCH));
        assertEquals(0, cyclical.factor(200, STEPS_PER_EPOCH), "the second cycle starts again from 0");
        assertEquals(0.5, cyclical.factor(250, STEPS_PER_EPOCH));
        assertEquals(0.5, cyclical.factor(650, STEPS_PER_EPOCH), "and so on past the cycles asked for");
    }

    @Test
    void aCycleMayLastAFractionOfAnEpoch() {
        KlSchedule cyclical = KlSchedule.cyclical(10, 4, 1.0); // cycles of 2.5 epochs = 250 steps
        assertEquals(0.2, cyclical.factor(50, STEPS_PER_EPOCH), 1e-15);
        assertEquals(0, cyclical.factor(250, STEPS_PER_EPOCH));
        assertEquals(0.2, cyclical.factor(300, STEPS_PER_EPOCH), 1e-15);
    }

    @Test
    void noneIsOneThroughout() {
        assertEquals(1, KlSchedule.none().factor(0, STEPS_PER_EPOCH));
        assertEquals(1, KlSchedule.none().factor(123, STEPS_PER_EPOCH));
    }

    @Test
    void badLengthsAndRatiosAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> KlSchedule.linear(0));
        assertThrows(IllegalArgumentException.class, () -> KlSchedule.linear(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> KlSchedule.cyclical(10, 0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> KlSchedule.cyclical(10, 2, 0));
        assertThrows(IllegalArgumentException.class, () -> KlSchedule.cyclical(10, 2, 1.5));
    }
}
