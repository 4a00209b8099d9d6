package vae.core.random;

/**
 * A counter-based random generator: every number is a pure function of (seed, stream, index),
 * so buffers can be filled in any order, by any number of threads, and give the same values.
 *
 * <p>Each stream is a SplitMix64 sequence (Steele, Lea and Flood, 2014) whose starting state is
 * a hash of the seed and the stream id; the {@code i}-th value is
 * {@code mix64(streamKey + (i + 1) * GOLDEN_GAMMA)}. SplitMix64 passes BigCrush, and it needs
 * only 64-bit adds, shifts and multiplies, which the SIMD backend does in vector lanes.
 */
public final class CounterRng {
    /** The odd constant SplitMix64 steps by (2^64 / golden ratio). */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;
    private static final double TWO_PI = 2.0 * Math.PI;
    private static final double INV_2_32 = 1.0 / 4294967296.0;
    private static final double INV_2_53 = 1.0 / (1L << 53);

    private final long seed;

    public CounterRng(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The stream id for sub-stream {@code index} of a purpose (e.g. the noise of training step 17). */
    public static long stream(int purpose, long index) {
        return ((long) purpose << 48) ^ index;
    }

    /** The starting state of a stream; pass it to {@link #bitsAt(long, long)}. */
    public long streamKey(long stream) {
        return mix64(seed ^ mix64(stream * GOLDEN_GAMMA + 0x632BE59BD9B4E019L));
    }

    /** The {@code index}-th 64 random bits of the stream whose key is {@code streamKey}. */
    public static long bitsAt(long streamKey, long index) {
        return mix64(streamKey + (index + 1) * GOLDEN_GAMMA);
    }

    /** The {@code index}-th 64 random bits of a stream. */
    public long bits(long stream, long index) {
        return bitsAt(streamKey(stream), index);
    }

    /** A uniform double in [0, 1) with 53 random bits. */
    public double uniform(long stream, long index) {
        return (bits(stream, index) >>> 11) * INV_2_53;
    }

    /** Values per Box–Muller block: see {@link #gaussianAt(long, long)}. */
    public static final int GAUSSIAN_BLOCK = 16;

    /**
     * The {@code index}-th standard normal value of a stream, by Box–Muller. Values come in
     * blocks of 16: block q uses the 64-bit values {@code 8q .. 8q+7} of the stream, each giving
     * u1 in (0, 1] (high 32 bits) and u2 in [0, 1) (low 32 bits); position r &lt; 8 of the block
     * takes {@code √(−2 ln u1)·cos(2π u2)} of value {@code 8q + r}, position r ≥ 8 the sine of
     * value {@code 8q + r − 8}. The layout lets a vector backend compute eight cosines and the
     * matching eight sines side by side, for any vector width up to 512 bits.
     */
    public static double gaussianAt(long streamKey, long index) {
        long block = index >>> 4;
        int r = (int) (index & 15);
        long b = bitsAt(streamKey, block * 8 + (r & 7));
        double u1 = ((b >>> 32) + 1) * INV_2_32;
        double u2 = (b & 0xFFFFFFFFL) * INV_2_32;
        double radius = Math.sqrt(-2.0 * Math.log(u1));
        double theta = TWO_PI * u2;
        return r < 8 ? radius * Math.cos(theta) : radius * Math.sin(theta);
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser, as in SplitMix64. */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
