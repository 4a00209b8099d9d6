package vae.api;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;
import vae.core.train.StepMemory;

/**
 * The check before a model's parameters are allocated: the count its architecture computes
 * without allocating is compared with what a checkpoint holds and with the free heap, so that a
 * model too large, or a small file whose metadata claims a huge one, is one line, not an
 * {@link OutOfMemoryError}; and the same for a training step's values and gradients, measured
 * before the first epoch.
 *
 * <p>A model's arrays live as long as the run, so they must fit where a collector keeps what
 * lives long: under a generational collector that divides the heap (serial, which {@code ./vae}
 * chooses, or parallel) that is the old generation, a share of the heap (two thirds by
 * default), since the young generation is for a step's short-lived values. Compared with the
 * whole free heap, a model of 5,640 MiB passed in a heap of 5,827 MiB whose old generation
 * holds 4,018 MiB, and Adam's last moment then ended the run in an {@link OutOfMemoryError}.
 */
final class ModelSize {
    /** No checkpoint to compare with. */
    static final long UNKNOWN = -1;
    /** Arrays per parameter while training: value, gradient and Adam's two moments. */
    static final int TRAINING_BUFFERS = 4;
    /** Arrays per parameter for inference: value and gradient (a {@code Parameter} has both). */
    static final int INFERENCE_BUFFERS = 2;

    private ModelSize() {
    }

    /**
     * @param parameters what the architecture will allocate, or a negative number if it cannot say
     * @param held       the values a checkpoint holds, or {@link #UNKNOWN}
     * @param buffers    float arrays per parameter
     * @throws IllegalArgumentException if the model cannot be what the file holds, or cannot fit
     */
    static void check(long parameters, long held, int buffers) {
        if (parameters < 0) {
            return;
        }
        if (held >= 0 && parameters > held) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "its metadata describes a model of %,d "
                    + "parameters but the file holds only %,d values: the file is damaged", parameters, held));
        }
        Runtime rt = Runtime.getRuntime();
        long free = freeHeap();
        long needed = parameters * Float.BYTES * buffers;
        // Reading the heap's pools loads java.management (a tenth of a second), so only for a model of more than
        // half the free heap: an old generation of at least half the heap (NewRatio >= 1; the default 2 gives two
        // thirds) holds any smaller one.
        long lasting = needed > free / 2 ? Math.min(free, lastingSpace()) : free;
        if (needed > lasting) {
            String problem = String.format(Locale.ROOT, "a model of %,d parameters needs %,d MiB for its weights%s, "
                    + "more than the %,d MiB free %sof the Java heap (%,d MiB)", parameters, needed >> 20,
                    buffers == TRAINING_BUFFERS ? ", gradients and Adam's moments" : " and gradients", lasting >> 20,
                    lasting < free ? "in the old generation, which must hold them, " : "", rt.maxMemory() >> 20);
            throw new ModelTooLargeException(problem, "choose smaller hyperparameters or give the JVM more heap (-Xmx)",
                    parameters);
        }
    }

    /**
     * The free space of the heap's largest pool, where arrays that live as long as the run end up:
     * the old generation of a collector that divides the heap into fixed generations (serial,
     * parallel), the whole heap otherwise (G1, ZGC and Shenandoah report pools as large as the
     * heap). What the rest of the heap holds counts as used, as it may be promoted there.
     */
    static long lastingSpace() {
        MemoryPoolMXBean largest = null;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()
                    && (largest == null || pool.getUsage().getMax() > largest.getUsage().getMax())) {
                largest = pool;
            }
        }
        if (largest == null || largest.getUsage().getMax() < 0) {
            return Long.MAX_VALUE; // no pool says: the free heap is all there is to go by
        }
        Runtime rt = Runtime.getRuntime();
        return largest.getUsage().getMax() - (rt.totalMemory() - rt.freeMemory());
    }

    /**
     * Refuses a batch whose training step would not fit in the heap left once the model and the
     * data are in it.
     *
     * @param step      the step's measured memory
     * @param batchSize the batch the run will train with
     * @throws IllegalArgumentException if the step cannot fit
     */
    static void checkStep(StepMemory step, int batchSize) {
        long needed = step.bytesFor(batchSize);
        long free = freeHeap();
        if (needed > free) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a training step on batches of %,d "
                    + "needs about %,d MiB for its values and gradients (%,.1f MiB per example), more than the %,d "
                    + "MiB free of the Java heap (%,d MiB); use batches of at most %,d, fewer samples per example, "
                    + "or give the JVM more heap (-Xmx)", batchSize, needed >> 20, step.bytesPerExample() / 1048576.0,
                    free >> 20, Runtime.getRuntime().maxMemory() >> 20, step.largestBatchWithin(free)));
        }
    }

    private static long freeHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
    }
}
