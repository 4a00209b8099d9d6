package vae.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import vae.core.table.Table;
import vae.core.table.TableOptions;
import vae.core.table.TableReader;

/**
 * Loading a 1,000,000 × 50 numeric CSV (about 425 MB, values like {@code -3.14159}) with {@link TableReader},
 * on one core ({@code -XX:ActiveProcessorCount=1}) in a 300 MB heap: the goal is ≥ 100 MB/s with a
 * peak heap ≤ 1.5 × the 200 MB of floats held. The {@code megabytes} counter is MB/s of file read; the file
 * is generated once per fork into a temporary directory. At the end of the fork it prints the largest heap in
 * use just after a collection (the live set the heap must hold; the peaks of the heap pools only show -Xmx).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx300m", "-XX:ActiveProcessorCount=1"})
@State(Scope.Benchmark)
public class TableLoadBenchmark {
    static final int ROWS = 1_000_000;
    static final int COLUMNS = 50;

    private Path dir;
    private Path file;
    private long bytes;

    /** Megabytes (10^6 bytes) of CSV loaded, reported per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Megabytes {
        public double megabytes;

        /** Starts each iteration from zero. */
        @Setup(Level.Iteration)
        public void clear() {
            megabytes = 0;
        }
    }

    /** The largest heap in use just after a collection: the live set, which -Xmx must hold. */
    private final AtomicLong liveAfterGc = new AtomicLong();

    /** Writes the CSV once per fork and starts watching the collector. */
    @Setup(Level.Trial)
    public void generate() throws IOException {
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (notification.getUserData() instanceof CompositeData info
                            && info.get("gcInfo") instanceof CompositeData gcInfo
                            && gcInfo.get("memoryUsageAfterGc") instanceof TabularData after) {
                        long used = 0;
                        for (Object row : after.values()) {
                            CompositeData pool = (CompositeData) row;
                            if (heapPools.contains((String) pool.get("key"))) {
                                used += (Long) ((CompositeData) pool.get("value")).get("used");
                            }
                        }
                        liveAfterGc.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }
        dir = Files.createTempDirectory("vae-table-bench");
        file = dir.resolve("numeric-1m-50.csv");
        write(file, ROWS, COLUMNS);
        bytes = Files.size(file);
    }

    /** Writes {@code rows × columns} random values in [-10, 10) with five decimals, with a header. */
    static void write(Path file, int rows, int columns) throws IOException {
        SplittableRandom random = new SplittableRandom(7);
        char[] line = new char[columns * 10];
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int c = 0; c < columns; c++) {
                out.write((c == 0 ? "" : ",") + "x" + c);
            }
            out.write('\n');
            for (int r = 0; r < rows; r++) {
                int n = 0;
                for (int c = 0; c < columns; c++) {
                    if (c > 0) {
                        line[n++] = ',';
                    }
                    int v = random.nextInt(-1_000_000, 1_000_000); // hundred-thousandths
                    if (v < 0) {
                        line[n++] = '-';
                        v = -v;
                    }
                    int whole = v / 100_000;
                    if (whole >= 10) {
                        line[n++] = '1';
                    }
                    line[n++] = (char) ('0' + whole % 10);
                    line[n++] = '.';
                    int frac = v % 100_000;
                    for (int d = 10_000; d > 0; d /= 10) {
                        line[n++] = (char) ('0' + frac / d % 10);
                    }
                }
                line[n++] = '\n';
                out.write(line, 0, n);
            }
        }
    }

    /** Loads the whole file with the default options. */
    @Benchmark
    public Table load(Megabytes counter) {
        Table t = TableReader.read(file, TableOptions.defaults());
        if (t.rowCount() != ROWS || t.columns().size() != COLUMNS) {
            throw new IllegalStateException("read " + t.rowCount() + " × " + t.columns().size());
        }
        counter.megabytes += bytes / 1e6;
        return t;
    }

    /** Prints the heap figures and deletes the file. */
    @TearDown(Level.Trial)
    public void cleanUp() throws IOException {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        System.out.printf("%nfile %.1f MB; floats held %.1f MB; largest heap after a GC %.1f MB;"
                + " sum of heap pool peaks %.1f MB; max heap %.1f MB%n",
                bytes / 1e6, ROWS * (double) COLUMNS * 4 / 1e6, liveAfterGc.get() / 1e6, peak / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
