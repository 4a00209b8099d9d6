package vae.api;

import java.util.Locale;
import vae.core.train.StepMemory;

/**
 * The check before a model's parameters are allocated: the count its architecture computes
 * without allocating is compared with what a checkpoint holds and with the free heap, so that a
 * model too large, or a small file whose metadata claims a huge one, is one line, not an
 * {@link OutOfMemoryError}; and the same for a training step's values and gradients, measured
 * before the first epoch.
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
        if (needed > free) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "a model of %,d parameters needs %,d MiB "
                    + "for its weights%s, more than the %,d MiB free of the Java heap (%,d MiB); choose smaller "
                    + "hyperparameters or give the JVM more heap (-Xmx)", parameters, needed >> 20,
                    buffers == TRAINING_BUFFERS ? ", gradients and Adam's moments" : " and gradients", free >> 20,
                    rt.maxMemory() >> 20));
        }
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
