package vae.core.backend;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Runs independent tasks 0..n−1 on a fixed number of threads. Callers split work into tasks by
 * the data (fixed block sizes), so what each task computes never depends on the thread count.
 */
public final class ParallelRunner {
    private final int threads;
    private final ForkJoinPool pool;

    public ParallelRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads);
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code task.accept(i)} for every i in [0, n), in parallel when there are threads. */
    public void forEach(int n, IntConsumer task) {
        if (pool == null || n == 1) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        ForkJoinTask<?> job = pool.submit(() -> IntStream.range(0, n).parallel().forEach(task));
        job.join();
    }
}
