package vae.core.fuzz;

import java.lang.management.ManagementFactory;

/**
 * The bounds every fuzzed reader keeps on each input: done within two seconds, and from an input
 * under a kibibyte no more than 64 MiB allocated (so a small hostile file cannot make a reader
 * reserve memory it will never fill). A breach is an {@link AssertionError}: a finding. A read
 * that breaches is measured once more before it counts, since the first read of a run also pays
 * for loading (and, when fuzzing, instrumenting) the reader's classes.
 */
public final class FuzzBounds {
    /** The longest one input may take. */
    public static final long MAX_NANOS = 2_000_000_000L;
    /** Inputs shorter than this are held to {@link #MAX_SMALL_INPUT_ALLOCATION}. */
    public static final int SMALL_INPUT = 1024;
    /** The most a small input may make a reader allocate. */
    public static final long MAX_SMALL_INPUT_ALLOCATION = 64L << 20;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Reading one input, which may throw the reader's expected exception. */
    @FunctionalInterface
    public interface Read {
        void run() throws Exception;
    }

    private FuzzBounds() {
    }

    /** Runs {@code read} on an input of {@code inputLength} bytes and checks the bounds, rethrowing what it throws. */
    public static void check(int inputLength, Read read) throws Exception {
        String breach = measure(inputLength, read);
        if (breach != null && measure(inputLength, read) != null) {
            throw new AssertionError(breach);
        }
    }

    /** Runs the read once; returns what it breached, or null after rethrowing what it threw. */
    private static String measure(int inputLength, Read read) throws Exception {
        long allocatedBefore = THREADS.getCurrentThreadAllocatedBytes();
        long start = System.nanoTime();
        Exception thrown = null;
        try {
            read.run();
        } catch (Exception e) {
            thrown = e;
        }
        long nanos = System.nanoTime() - start;
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - allocatedBefore;
        String breach = nanos > MAX_NANOS
                ? "an input of " + inputLength + " bytes took " + nanos / 1_000_000 + " ms"
                : inputLength < SMALL_INPUT && allocated > MAX_SMALL_INPUT_ALLOCATION
                ? "an input of " + inputLength + " bytes made the reader allocate " + (allocated >> 20) + " MiB"
                : null;
        if (breach == null && thrown != null) {
            throw thrown;
        }
        return breach;
    }
}
