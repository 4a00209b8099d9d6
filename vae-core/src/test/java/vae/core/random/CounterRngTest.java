package vae.core.random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.function.LongToDoubleFunction;
import org.junit.jupiter.api.Test;

class CounterRngTest {

    private static final int N = 200_000;

    @Test
    void sameSeedStreamAndIndexGiveTheSameBits() {
        CounterRng a = new CounterRng(42);
        CounterRng b = new CounterRng(42);
        assertEquals(42, a.seed());
        for (long index : new long[] {0, 1, 2, 1000, Long.MAX_VALUE / 3}) {
            assertEquals(a.bits(7, index), b.bits(7, index));
            assertEquals(a.bits(7, index), CounterRng.bitsAt(a.streamKey(7), index));
            assertEquals(a.uniform(7, index), b.uniform(7, index));
            assertEquals(CounterRng.gaussianAt(a.streamKey(7), index), CounterRng.gaussianAt(b.streamKey(7), index));
        }
    }

    @Test
    void orderOfGenerationDoesNotMatter() {
        CounterRng rng = new CounterRng(3);
        long key = rng.streamKey(11);
        long[] forward = new long[100];
        for (int i = 0; i < 100; i++) {
            forward[i] = CounterRng.bitsAt(key, i);
        }
        for (int i = 99; i >= 0; i--) {
            assertEquals(forward[i], CounterRng.bitsAt(key, i));
        }
    }

    @Test
    void differentSeedsStreamsAndIndicesGiveDifferentBits() {
        Set<Long> seen = new HashSet<>();
        for (long seed : new long[] {0, 1, 2, -1}) {
            CounterRng rng = new CounterRng(seed);
            for (long stream : new long[] {0, 1, 2, 1L << 48, RandomPurpose.SHUFFLE.stream(0)}) {
                for (long index = 0; index < 50; index++) {
                    assertTrue(seen.add(rng.bits(stream, index)),
                            "repeated bits at seed " + seed + " stream " + stream + " index " + index);
                }
            }
        }
        assertNotEquals(new CounterRng(1).streamKey(0), new CounterRng(2).streamKey(0));
        assertNotEquals(new CounterRng(1).streamKey(0), new CounterRng(1).streamKey(1));
    }

    @Test
    void purposesUseDistinctStreams() {
        Set<Long> streams = new HashSet<>();
        for (RandomPurpose purpose : RandomPurpose.values()) {
            for (long index = 0; index < 5; index++) {
                assertTrue(streams.add(purpose.stream(index)), purpose + " " + index);
            }
        }
        assertEquals(CounterRng.stream(RandomPurpose.INIT.ordinal() + 1, 9), RandomPurpose.INIT.stream(9));
    }

    @Test
    void bitsAreBalanced() {
        // Each of the 64 bit positions is set in about half of 20 000 draws (±5σ ≈ ±354).
        CounterRng rng = new CounterRng(5);
        long key = rng.streamKey(0);
        int[] ones = new int[64];
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            long bits = CounterRng.bitsAt(key, i);
            for (int b = 0; b < 64; b++) {
                ones[b] += (int) ((bits >>> b) & 1);
            }
        }
        for (int b = 0; b < 64; b++) {
            assertTrue(Math.abs(ones[b] - n / 2) < 354, "bit " + b + " set " + ones[b] + " times");
        }
    }

    @Test
    void uniformIsInTheUnitIntervalWithMeanOneHalf() {
        CounterRng rng = new CounterRng(9);
        double sum = 0;
        for (int i = 0; i < N; i++) {
            double u = rng.uniform(4, i);
            assertTrue(u >= 0 && u < 1, "u = " + u);
            sum += u;
        }
        // σ of the mean: √(1/12 / N) ≈ 6.5e-4.
        assertEquals(0.5, sum / N, 0.003);
    }

    @Test
    void gaussianHasMeanZeroAndVarianceOne() {
        long key = new CounterRng(2024).streamKey(RandomPurpose.TRAIN_NOISE.stream(0));
        double sum = 0;
        double sumSquares = 0;
        for (int i = 0; i < N; i++) {
            double z = CounterRng.gaussianAt(key, i);
            assertTrue(Double.isFinite(z));
            sum += z;
            sumSquares += z * z;
        }
        double mean = sum / N;
        double variance = sumSquares / N - mean * mean;
        assertEquals(0, mean, 0.01);
        assertEquals(1, variance, 0.01);
    }

    @Test
    void gaussianPassesKolmogorovSmirnovAgainstTheNormalCdf() {
        long key = new CounterRng(2024).streamKey(RandomPurpose.TRAIN_NOISE.stream(0));
        double d = Normality.ksStatistic(N, i -> CounterRng.gaussianAt(key, i));
        assertTrue(d < Normality.ksCritical001(N), "KS statistic " + d + " ≥ " + Normality.ksCritical001(N));
    }

    /** The index of the cosine (r < 8) or sine (r ≥ 8) value of Box–Muller pair {@code pair}. */
    private static long gaussianIndex(long pair, boolean sine) {
        return (pair / 8) * CounterRng.GAUSSIAN_BLOCK + (pair % 8) + (sine ? 8 : 0);
    }

    @Test
    void gaussianFollowsTheDocumentedBlockLayout() {
        // Block q of 16 values: position r < 8 is the cosine of 64-bit value 8q + r, r ≥ 8 the sine
        // of value 8q + r − 8, with u1 from the high 32 bits (shifted into (0, 1]) and u2 the low.
        long key = new CounterRng(31).streamKey(5);
        for (long index = 0; index < 100; index++) {
            long q = index / 16;
            int r = (int) (index % 16);
            long b = CounterRng.bitsAt(key, 8 * q + (r % 8));
            double u1 = ((b >>> 32) + 1) / 4294967296.0;
            double u2 = (b & 0xFFFFFFFFL) / 4294967296.0;
            double radius = Math.sqrt(-2 * Math.log(u1));
            double expected = r < 8 ? radius * Math.cos(2 * Math.PI * u2) : radius * Math.sin(2 * Math.PI * u2);
            assertEquals(expected, CounterRng.gaussianAt(key, index), 1e-12, "index " + index);
        }
    }

    @Test
    void cosineAndSineValuesAreSeparatelyNormalAndUncorrelated() {
        // Box–Muller gives each pair's cosine and sine to different indices: both halves must be
        // normal, and the two values of a pair, and neighbouring values, must not be correlated.
        long key = new CounterRng(77).streamKey(RandomPurpose.SAMPLE.stream(3));
        int half = N / 2;
        double dCos = Normality.ksStatistic(half, i -> CounterRng.gaussianAt(key, gaussianIndex(i, false)));
        double dSin = Normality.ksStatistic(half, i -> CounterRng.gaussianAt(key, gaussianIndex(i, true)));
        assertTrue(dCos < Normality.ksCritical001(half), "cosines: KS " + dCos);
        assertTrue(dSin < Normality.ksCritical001(half), "sines: KS " + dSin);
        double pairProduct = 0;
        double lagProduct = 0;
        for (int i = 0; i < half; i++) {
            pairProduct += CounterRng.gaussianAt(key, gaussianIndex(i, false))
                    * CounterRng.gaussianAt(key, gaussianIndex(i, true));
            lagProduct += CounterRng.gaussianAt(key, i) * CounterRng.gaussianAt(key, i + 1);
        }
        // σ of a correlation estimate over 100 000 pairs ≈ 0.0032.
        assertEquals(0, pairProduct / half, 0.015, "correlation within a Box–Muller pair");
        assertEquals(0, lagProduct / half, 0.015, "correlation of neighbours");
    }

    @Test
    void normalityTestRejectsBrokenGenerators() {
        CounterRng rng = new CounterRng(1);
        double critical = Normality.ksCritical001(N);
        // Uniform values with the right mean and variance (√3·(2u − 1)): not normal.
        double uniform = Normality.ksStatistic(N, i -> Math.sqrt(3) * (2 * rng.uniform(0, i) - 1));
        assertTrue(uniform > critical, "uniform values passed: KS " + uniform);
        // A normal with 5% too large a standard deviation.
        long key = rng.streamKey(0);
        double wide = Normality.ksStatistic(N, i -> 1.05 * CounterRng.gaussianAt(key, i));
        assertTrue(wide > critical, "σ = 1.05 passed: KS " + wide);
        // A normal shifted by 0.02.
        double shifted = Normality.ksStatistic(N, i -> 0.02 + CounterRng.gaussianAt(key, i));
        assertTrue(shifted > critical, "μ = 0.02 passed: KS " + shifted);
    }

    @Test
    void normalCdfApproximationIsAccurate() {
        assertEquals(0.5, Normality.normalCdf(0), 1e-9);
        assertEquals(0.841344746068543, Normality.normalCdf(1), 1e-6);
        assertEquals(0.0227501319481792, Normality.normalCdf(-2), 1e-6);
        assertEquals(0.998650101968370, Normality.normalCdf(3), 1e-6);
    }

    /** The Kolmogorov–Smirnov test against N(0, 1). */
    static final class Normality {
        private Normality() {
        }

        /** Φ(x) = ½(1 + erf(x/√2)), erf by Abramowitz and Stegun 7.1.26 (|error| ≤ 1.5e-7). */
        static double normalCdf(double x) {
            double z = Math.abs(x) / Math.sqrt(2);
            double t = 1 / (1 + 0.3275911 * z);
            double poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741
                    + t * (-1.453152027 + t * 1.061405429))));
            double erf = 1 - poly * Math.exp(-z * z);
            return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
        }

        /** sup |F_n(x) − Φ(x)| over the n values {@code sample(0..n−1)}. */
        static double ksStatistic(int n, LongToDoubleFunction sample) {
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = sample.applyAsDouble(i);
            }
            Arrays.sort(x);
            double d = 0;
            for (int i = 0; i < n; i++) {
                double cdf = normalCdf(x[i]);
                d = Math.max(d, Math.max((i + 1.0) / n - cdf, cdf - (double) i / n));
            }
            return d;
        }

        /** The critical value at significance 0.001 for large n: 1.949 / √n. */
        static double ksCritical001(int n) {
            return 1.949 / Math.sqrt(n);
        }
    }
}
