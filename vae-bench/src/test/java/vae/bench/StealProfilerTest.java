package vae.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class StealProfilerTest {
    @Test
    void summaryLineGivesTotalOfTheFirstEightFieldsAndSteal() {
        long[] parsed = StealProfiler.parseCpuLine("cpu  3709994 0 145260 2264450 2923 0 3313 39610 0 0");
        assertArrayEquals(new long[] {3709994L + 145260 + 2264450 + 2923 + 3313 + 39610, 39610}, parsed);
    }

    @Test
    void perCpuLinesAndShortLinesAreNotTheSummary() {
        assertNull(StealProfiler.parseCpuLine("cpu0 1847264 0 70895 1142347 709 0 1619 19687 0 0"));
        assertNull(StealProfiler.parseCpuLine("cpu  1 2 3 4"));
    }

    @Test
    void stealIsTheShareOfTheTimeBetweenTwoReadings() {
        assertEquals(25.0, StealProfiler.stealPercent(new long[] {1000, 10}, new long[] {1400, 110}), 1e-12);
        assertEquals(0.0, StealProfiler.stealPercent(new long[] {1000, 10}, new long[] {1000, 10}), 0.0);
    }

    @Test
    void readsThisMachinesCountersWhereThereAreAny() {
        assumeTrue(Files.isReadable(Path.of("/proc/stat")), "no /proc/stat here");
        long[] now = StealProfiler.read();
        assertNotNull(now);
        assertTrue(now[0] > 0 && now[1] >= 0 && now[1] <= now[0], java.util.Arrays.toString(now));
    }
}
