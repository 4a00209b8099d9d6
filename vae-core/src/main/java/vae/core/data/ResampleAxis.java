package vae.core.data;

/**
 * The weights that resize one axis of an image from {@code source} to {@code target} samples, in exact
 * integer arithmetic so that they do not depend on floating-point evaluation order.
 *
 * <p>Shrinking ({@code target <= source}) is area averaging: output sample {@code j} covers the source interval
 * {@code [j·s, (j+1)·s)} with {@code s = source / target}, and each source sample weighs the length of its
 * overlap divided by {@code s}. A checkerboard shrunk by two becomes flat grey, with no aliasing, and equal sizes
 * give the identity. Enlarging is bilinear with centres aligned ({@code u = (j + ½)·source/target − ½}, clamped
 * to the edges): area averaging would repeat pixels into blocks instead.
 */
final class ResampleAxis {

    private final int[] first;
    private final double[][] weights;

    private ResampleAxis(int[] first, double[][] weights) {
        this.first = first;
        this.weights = weights;
    }

    /** The weights resizing {@code source} samples to {@code target}, both positive. */
    static ResampleAxis of(int source, int target) {
        return target <= source ? area(source, target) : bilinear(source, target);
    }

    private static ResampleAxis area(int source, int target) {
        int[] first = new int[target];
        double[][] weights = new double[target][];
        for (int j = 0; j < target; j++) {
            // In units of 1/target source samples, output j covers [j·source, (j+1)·source).
            long lo = (long) j * source;
            long hi = lo + source;
            int from = (int) (lo / target);
            int to = (int) ((hi + target - 1) / target); // exclusive
            double[] w = new double[to - from];
            for (int i = from; i < to; i++) {
                long overlap = Math.min(hi, (long) (i + 1) * target) - Math.max(lo, (long) i * target);
                w[i - from] = (double) overlap / source;
            }
            first[j] = from;
            weights[j] = w;
        }
        return new ResampleAxis(first, weights);
    }

    private static ResampleAxis bilinear(int source, int target) {
        int[] first = new int[target];
        double[][] weights = new double[target][];
        long denominator = 2L * target;
        for (int j = 0; j < target; j++) {
            // u · 2·target = (2j + 1)·source − target
            long numerator = (2L * j + 1) * source - target;
            long i0 = Math.floorDiv(numerator, denominator);
            if (i0 < 0 || source == 1) {
                first[j] = 0;
                weights[j] = new double[] {1};
            } else if (i0 >= source - 1) {
                first[j] = source - 1;
                weights[j] = new double[] {1};
            } else {
                double frac = (double) (numerator - i0 * denominator) / denominator;
                first[j] = (int) i0;
                weights[j] = new double[] {1 - frac, frac};
            }
        }
        return new ResampleAxis(first, weights);
    }

    /** The number of output samples. */
    int target() {
        return first.length;
    }

    /** The first source sample output {@code j} reads. */
    int first(int j) {
        return first[j];
    }

    /** The weights of output {@code j} on source samples {@code first(j), first(j) + 1, ...}; they sum to 1. */
    double[] weights(int j) {
        return weights[j];
    }

    /**
     * Adds the contributions of source samples {@code x0 … x0 + n − 1} of {@code planes} rows to their outputs:
     * {@code in} holds {@code planes} runs of {@code n} values, {@code out} {@code planes} rows of {@link #target()}
     * sums. Feeding a row chunk by chunk from {@code x0 = 0} resizes it without a buffer the size of the row.
     */
    void accumulate(double[] in, int x0, int n, int planes, double[] out) {
        int targetWidth = first.length;
        for (int j = 0; j < targetWidth; j++) {
            double[] w = weights[j];
            int from = Math.max(0, x0 - first[j]);
            int to = Math.min(w.length, x0 + n - first[j]);
            for (int k = from; k < to; k++) {
                int source = first[j] + k - x0;
                for (int p = 0; p < planes; p++) {
                    out[p * targetWidth + j] += w[k] * in[p * n + source];
                }
            }
        }
    }
}
