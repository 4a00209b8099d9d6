package vae.core.backend;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;

/**
 * Runs independent tasks 0..n−1 on a fixed number of threads. Callers split work into tasks by
 * the data (fixed block sizes), so what each task computes never depends on the thread count.
 *
 * <p>A training step hands work to the threads a few dozen times, often for well under a
 * millisecond, so the hand-off must be cheap: the calling thread takes tasks itself, and the
 * {@code threads − 1} workers spin for a few microseconds after each job before parking, so
 * the next job usually finds them awake. (A ForkJoinPool with a parallel stream, used before,
 * cost about 14 µs per empty two-task call here.) A call made while another is running (from
 * a task, or from another thread) runs its tasks in the calling thread, in order. Workers idle
 * for two seconds end, so runners that are dropped leave no threads behind for long. The caller
 * claims tasks like any worker and waits only for tasks already claimed, so a worker that is
 * slow to wake, or ending, never holds a call up.
 */
public final class ParallelRunner {
    /** Spin-wait rounds before a worker parks: PAUSE is about 140 cycles, so some 30 µs. */
    private static final int SPINS = 500;
    /** A worker with nothing to do for this long ends; the next parallel call starts another. */
    private static final long IDLE_NANOS = 2_000_000_000L;

    private final int threads;
    private final AtomicBoolean busy = new AtomicBoolean();
    private Thread[] workers;
    /** The job the workers are to help with; replaced (never reset) by each parallel call. */
    private volatile Job current;

    public ParallelRunner(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    public int threads() {
        return threads;
    }

    /** Runs {@code task.accept(i)} for every i in [0, n), in parallel when there are threads. */
    public void forEach(int n, IntConsumer task) {
        if (threads == 1 || n <= 1 || !busy.compareAndSet(false, true)) {
            for (int i = 0; i < n; i++) {
                task.accept(i);
            }
            return;
        }
        try {
            Thread[] ready = workers();
            Job job = new Job(task, n);
            current = job;
            for (Thread worker : ready) {
                LockSupport.unpark(worker);
            }
            job.work();
            while (job.done.get() < n) {
                Thread.onSpinWait();
            }
            job.rethrowFailure();
        } finally {
            busy.set(false);
        }
    }

    /**
     * The workers, (re)started where missing or ended: a runner used on one thread starts none.
     * Called only by the thread that holds {@code busy}.
     */
    private Thread[] workers() {
        if (workers == null) {
            workers = new Thread[threads - 1];
        }
        for (int i = 0; i < workers.length; i++) {
            if (workers[i] == null || !workers[i].isAlive()) {
                workers[i] = Thread.ofPlatform().daemon().name("vae-worker-" + (i + 1)).start(this::workLoop);
            }
        }
        return workers;
    }

    private void workLoop() {
        Job seen = null; // a job already done when first seen costs one look at its counter
        while (true) {
            Job job = current;
            long idleSince = 0;
            for (int spins = 0; job == seen; spins++, job = current) {
                if (spins < SPINS) {
                    Thread.onSpinWait();
                } else if (idleSince == 0) {
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince > IDLE_NANOS) {
                    return;
                } else {
                    LockSupport.parkNanos(this, IDLE_NANOS);
                }
            }
            seen = job;
            job.work();
        }
    }

    /** One parallel call: its tasks are claimed by index, by whichever thread comes first. */
    private static final class Job {
        private final IntConsumer task;
        private final int n;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger done = new AtomicInteger();
        private volatile Throwable failure;

        Job(IntConsumer task, int n) {
            this.task = task;
            this.n = n;
        }

        void work() {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                try {
                    task.accept(i);
                } catch (Throwable t) {
                    failure = t;
                } finally {
                    done.incrementAndGet();
                }
            }
        }

        void rethrowFailure() {
            Throwable t = failure;
            if (t instanceof RuntimeException e) {
                throw e;
            }
            if (t instanceof Error e) {
                throw e;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }
}
