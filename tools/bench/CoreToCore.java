import java.util.concurrent.atomic.AtomicLong;

/**
 * How long a cache line takes to travel between two cores: two threads hand a counter back and
 * forth, each waiting for the other's last write. Whether the second thread pays off for a small
 * task depends on it (docs/benchmarks.md, "Threads on this VM"). Run: java tools/bench/CoreToCore.java
 */
public class CoreToCore {
    private static final int ROUND_TRIPS = 2_000_000;

    public static void main(String[] args) throws InterruptedException {
        for (int rep = 0; rep < 3; rep++) {
            AtomicLong counter = new AtomicLong();
            Thread echo = new Thread(() -> bounce(counter, 1));
            echo.start();
            long t0 = System.nanoTime();
            bounce(counter, 0);
            long nanos = System.nanoTime() - t0;
            echo.join();
            System.out.printf("round trip %.0f ns, one way about %.0f ns%n",
                    nanos / (double) ROUND_TRIPS, nanos / (2.0 * ROUND_TRIPS));
        }
    }

    /** Waits for each value of the given parity and writes the next one. */
    private static void bounce(AtomicLong counter, long parity) {
        for (long i = parity; i < 2L * ROUND_TRIPS; i += 2) {
            while (counter.get() != i) {
                Thread.onSpinWait();
            }
            counter.set(i + 1);
        }
    }
}
