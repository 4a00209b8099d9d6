package vae.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler for virtual machines: the share of this machine's CPU time that the hypervisor
 * gave to someone else ("steal" in {@code /proc/stat}) during each iteration, reported as the
 * secondary result {@code ·cpu.steal} in percent of all CPUs' time. On this project's VM the same
 * code ran up to twice as fast from one minute to the next; the slowest minutes came with steal
 * (48 % of both vCPUs during one FMA-loop run), and an iteration with steal measured the
 * neighbours as much as the code. (Without any, one-thread speed still moved by up to 1.8×:
 * caches, memory and clocks are shared too, and no guest counter shows that.) Use it with
 * {@code -prof vae.bench.StealProfiler}. Where there is no {@code /proc/stat} it reports nothing.
 */
public final class StealProfiler implements InternalProfiler {
    private static final Path STAT = Path.of("/proc/stat");

    private long[] before;

    @Override
    public String getDescription() {
        return "CPU time taken by the hypervisor (steal, /proc/stat) during each iteration, in %";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = read();
    }

    @Override
    public Collection<? extends Result> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        long[] after = read();
        if (before == null || after == null) {
            return List.of();
        }
        return List.of(new ScalarResult("·cpu.steal", stealPercent(before, after), "%", AggregationPolicy.AVG));
    }

    /** {total, steal} jiffies over all CPUs now, or null where /proc/stat is missing or unreadable. */
    static long[] read() {
        try {
            for (String line : Files.readAllLines(STAT)) {
                if (line.startsWith("cpu ")) {
                    return parseCpuLine(line);
                }
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * {total, steal} from the summary line {@code cpu user nice system idle iowait irq softirq
     * steal [guest guest_nice]}: the total is the first eight fields (guest time is already counted
     * in user); null when the line has fewer than eight numbers.
     */
    static long[] parseCpuLine(String line) {
        String[] fields = line.trim().split("\\s+");
        if (fields.length < 9 || !fields[0].equals("cpu")) {
            return null;
        }
        long total = 0;
        for (int i = 1; i <= 8; i++) {
            total += Long.parseLong(fields[i]);
        }
        return new long[] {total, Long.parseLong(fields[8])};
    }

    /** Steal between two readings, in percent of all CPU time between them (0 if none passed). */
    static double stealPercent(long[] before, long[] after) {
        long total = after[0] - before[0];
        return total <= 0 ? 0 : 100.0 * (after[1] - before[1]) / total;
    }
}
