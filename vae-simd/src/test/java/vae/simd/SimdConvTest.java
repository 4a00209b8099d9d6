package vae.simd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.random.CounterRng;
import vae.core.backend.Backend;
import vae.core.backend.ConvGeometry;

/**
 * The SIMD convolution kernels (unfold + GEMM) against the scalar direct loops on random data
 * and awkward geometries, and bit for bit across thread counts.
 */
class SimdConvTest {
    private final Backend scalar = new ScalarBackend(1);
    private final Backend simd = new SimdBackend(2);

    /**
     * The conv-vae layers (batch 5), a residual block's 3×3 (padding 1) and 1×1 convolutions, and awkward
     * ones: stride 1, no padding, odd and non-square.
     */
    private static final List<ConvGeometry> GEOMETRIES = List.of(
            ConvGeometry.square(5, 1, 28, 28, 32, 4, 2, 1),
            ConvGeometry.square(5, 32, 14, 14, 64, 4, 2, 1),
            ConvGeometry.square(3, 3, 7, 7, 5, 3, 1, 0),
            new ConvGeometry(2, 2, 9, 6, 7, 2, 3, 2, 1, 1, 0),
            new ConvGeometry(4, 5, 11, 13, 3, 5, 1, 3, 2, 2, 0),
            new ConvGeometry(1, 17, 5, 5, 33, 5, 5, 1, 1, 2, 2),
            new ConvGeometry(2, 3, 6, 6, 2, 1, 1, 1, 1, 0, 0),
            ConvGeometry.square(3, 7, 9, 9, 7, 3, 1, 1),
            ConvGeometry.square(2, 64, 7, 7, 64, 1, 1, 0),
            ConvGeometry.square(3, 37, 4, 4, 29, 1, 1, 0),
            new ConvGeometry(5, 3, 7, 16, 4, 2, 3, 1, 1, 1, 1),
            new ConvGeometry(3, 2, 5, 3, 3, 3, 1, 1, 1, 0, 0),
            ConvGeometry.square(41, 6, 9, 9, 5, 3, 1, 1),
            ConvGeometry.square(12, 64, 16, 16, 64, 3, 1, 1),
            ConvGeometry.square(2, 3, 20, 20, 4, 3, 1, 0),
            new ConvGeometry(2, 3, 9, 16, 4, 2, 2, 1, 1, 1, 1));

    private static float[] random(int n, long seed) {
        CounterRng rng = new CounterRng(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (2 * rng.uniform(3, i) - 1);
        }
        return x;
    }

    /**
     * Element-wise {@code |a − b| ≤ tol · scale}, where the scale is the largest |expected| of
     * the whole output: sums of hundreds of products in another order differ by a few ulps of
     * their magnitude, not of each (possibly cancelled) result.
     */
    private static void assertClose(float[] expected, float[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = 1e-30;
        for (float v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            assertTrue(err <= tol * scale, what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]
                    + " (scale " + scale + ")");
        }
    }

    @Test
    void theGeometryCachesStayBoundedWhateverShapesCome() {
        for (int w = 8; w < 8 + 600; w++) {
            ConvGeometry g = ConvGeometry.square(2, 1, 8, w, 1, 3, 1, 1);
            SimdConv.Taps.of(g);
            StripConv.Strip.of(g, 2);
            assertTrue(SimdConv.Taps.cached() <= 257 && StripConv.Strip.cached() <= 257,
                    SimdConv.Taps.cached() + " " + StripConv.Strip.cached());
        }
    }

    @Test
    void forwardMatchesScalarWithAndWithoutAccumulation() {
        for (ConvGeometry g : GEOMETRIES) {
            float[] x = random(g.inputSize(), 1);
            float[] w = random(g.weightSize(), 2);
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] expected = random(g.outputSize(), 3);
                float[] actual = expected.clone();
                scalar.conv2d(g, x, w, expected, accumulate);
                simd.conv2d(g, x, w, actual, accumulate);
                assertClose(expected, actual, 1e-5, g + " accumulate=" + accumulate);
            }
        }
    }

    @Test
    void inputGradientMatchesScalarWithAndWithoutAccumulation() {
        for (ConvGeometry g : GEOMETRIES) {
            float[] dOut = random(g.outputSize(), 4);
            float[] w = random(g.weightSize(), 5);
            for (boolean accumulate : new boolean[] {false, true}) {
                float[] expected = random(g.inputSize(), 6);
                float[] actual = expected.clone();
                scalar.conv2dBackwardInput(g, dOut, w, expected, accumulate);
                simd.conv2dBackwardInput(g, dOut, w, actual, accumulate);
                assertClose(expected, actual, 1e-5, g + " accumulate=" + accumulate);
            }
        }
    }

    @Test
    void weightGradientMatchesScalarAndAccumulates() {
        for (ConvGeometry g : GEOMETRIES) {
            float[] x = random(g.inputSize(), 7);
            float[] dOut = random(g.outputSize(), 8);
            float[] expected = random(g.weightSize(), 9);
            float[] actual = expected.clone();
            scalar.conv2dBackwardWeight(g, x, dOut, expected);
            simd.conv2dBackwardWeight(g, x, dOut, actual);
            assertClose(expected, actual, 1e-5, g.toString());
        }
    }

    @Test
    void batchesSplitIntoSeveralChunksMatchScalar() {
        // 50 images of the second conv-vae layer: the forward pass and the weight gradient in
        // chunks of 16, 17 and 17 (at most 23 each, evened out), the input gradient in five or six (two threads) of at most 10.
        ConvGeometry g = ConvGeometry.square(50, 32, 14, 14, 64, 4, 2, 1);
        assertEquals(17, SimdConv.packedChunkImages(g));
        assertEquals(10, SimdConv.chunkImages(g));
        // A batch of 128 at most 10 a chunk: 13 chunks, or 14 (a multiple of two threads) where
        // the chunks do not change the result; never more chunks than images.
        assertEquals(13, SimdConv.chunkCount(128, 10, 1));
        assertEquals(14, SimdConv.chunkCount(128, 10, 2));
        assertEquals(3, SimdConv.chunkCount(3, 1, 2));
        assertEquals(1, SimdConv.chunkCount(5, 23, 2));
        assertEquals(64, SimdConv.chunkStart(7, 14, 128));
        float[] x = random(g.inputSize(), 16);
        float[] w = random(g.weightSize(), 17);
        float[] dOut = random(g.outputSize(), 18);
        float[] y = new float[g.outputSize()];
        float[] ySimd = y.clone();
        scalar.conv2d(g, x, w, y, false);
        simd.conv2d(g, x, w, ySimd, false);
        assertClose(y, ySimd, 1e-5, "forward");
        for (boolean accumulate : new boolean[] {false, true}) {
            float[] dx = random(g.inputSize(), 19);
            float[] dxSimd = dx.clone();
            scalar.conv2dBackwardInput(g, dOut, w, dx, accumulate);
            simd.conv2dBackwardInput(g, dOut, w, dxSimd, accumulate);
            assertClose(dx, dxSimd, 1e-5, "input gradient, accumulate=" + accumulate);
        }
        float[] dw = new float[g.weightSize()];
        float[] dwSimd = dw.clone();
        scalar.conv2dBackwardWeight(g, x, dOut, dw);
        simd.conv2dBackwardWeight(g, x, dOut, dwSimd);
        assertClose(dw, dwSimd, 1e-5, "weight gradient");
    }

    @Test
    void channelBiasAndItsGradientMatchScalar() {
        int[][] shapes = {{5, 32, 196}, {3, 7, 13}, {2, 1, 1}, {4, 3, 33}};
        for (int[] s : shapes) {
            int n = s[0] * s[1] * s[2];
            float[] bias = random(s[1], 10);
            float[] expected = random(n, 11);
            float[] actual = expected.clone();
            scalar.addChannelBias(expected, s[0], s[1], s[2], bias);
            simd.addChannelBias(actual, s[0], s[1], s[2], bias);
            assertArrayEquals(expected, actual, java.util.Arrays.toString(s));
            float[] sumExpected = random(s[1], 12);
            float[] sumActual = sumExpected.clone();
            scalar.sumChannelsInto(expected, s[0], s[1], s[2], sumExpected);
            simd.sumChannelsInto(expected, s[0], s[1], s[2], sumActual);
            assertClose(sumExpected, sumActual, 1e-6, "sum " + java.util.Arrays.toString(s));
        }
    }

    @Test
    void stripConvolutionsCoverStrideOneKernelsAndChunkLargeBatches() {
        assertTrue(StripConv.applies(ConvGeometry.square(2, 64, 16, 16, 64, 3, 1, 1)));
        assertTrue(StripConv.applies(new ConvGeometry(5, 3, 7, 16, 4, 2, 3, 1, 1, 1, 1)));
        assertTrue(!StripConv.applies(ConvGeometry.square(2, 64, 16, 16, 64, 1, 1, 0)));
        assertTrue(!StripConv.applies(ConvGeometry.square(2, 64, 16, 16, 64, 3, 2, 1)));
        assertTrue(!StripConv.applies(ConvGeometry.square(2, 64, 16, 16, 64, 3, 1, 3)));
        // 4x4 and 6x6 maps: five strip columns for every four output pixels, seven for six.
        assertTrue(!StripConv.applies(ConvGeometry.square(2, 256, 4, 4, 256, 3, 1, 1)));
        assertTrue(!StripConv.applies(ConvGeometry.square(2, 128, 6, 6, 128, 3, 1, 1)));
        assertTrue(StripConv.applies(ConvGeometry.square(2, 128, 8, 8, 128, 3, 1, 1)));
        // The 64x16x16 residual block's 3x3 at batch 64: chunks of at most 7 images (batch 12: two
        // chunks, compared with the scalar backend above). No padding, and outputs wider than the input.
        assertEquals(6, StripConv.chunkImages(ConvGeometry.square(12, 64, 16, 16, 64, 3, 1, 1)));
        assertTrue(StripConv.applies(ConvGeometry.square(2, 3, 20, 20, 4, 3, 1, 0)));
        assertTrue(StripConv.applies(new ConvGeometry(2, 3, 9, 16, 4, 2, 2, 1, 1, 1, 1)));
        assertEquals(7, StripConv.chunkImages(ConvGeometry.square(64, 64, 16, 16, 64, 3, 1, 1)));
        // Its input gradient is a convolution of the same shape with padding k - 1 - p.
        assertEquals(ConvGeometry.square(64, 64, 16, 16, 64, 3, 1, 1),
                StripConv.transposedGeometry(ConvGeometry.square(64, 64, 16, 16, 64, 3, 1, 1)));
    }

    @Test
    void aNaNInputLeavesNothingBehindForTheNextWeightGradient() {
        // The strip's thrown-away pixels meet zero output gradients; values a NaN input left in the
        // work buffers must not turn those zeros into NaN on the next call.
        for (ConvGeometry g : List.of(ConvGeometry.square(3, 7, 9, 9, 7, 3, 1, 1), ConvGeometry.square(41, 6, 9, 9, 5, 3, 1, 1))) {
            // A larger input first, so that its values lie where g's borders and slack are.
            ConvGeometry larger = ConvGeometry.square(g.batch(), g.inChannels(), 2 * g.inHeight(), 2 * g.inWidth(),
                    g.outChannels(), 3, 1, 1);
            float[] bad = new float[larger.inputSize()];
            java.util.Arrays.fill(bad, Float.NaN);
            simd.conv2dBackwardWeight(larger, bad, random(larger.outputSize(), 8), new float[larger.weightSize()]);
            float[] dOut = random(g.outputSize(), 8);
            float[] x = random(g.inputSize(), 7);
            float[] expected = new float[g.weightSize()];
            float[] actual = new float[g.weightSize()];
            scalar.conv2dBackwardWeight(g, x, dOut, expected);
            simd.conv2dBackwardWeight(g, x, dOut, actual);
            assertClose(expected, actual, 1e-5, g.toString());
        }
    }

    @Test
    void onlyWholeVectorPlanesOfOneByOneConvolutionsTakeThePointwisePath() {
        assertTrue(SimdConv.pointwise(ConvGeometry.square(3, 37, 4, 4, 29, 1, 1, 0)));
        assertTrue(SimdConv.pointwise(ConvGeometry.square(1, 2, 8, 8, 3, 1, 1, 0)));
        assertTrue(!SimdConv.pointwise(ConvGeometry.square(2, 64, 7, 7, 64, 1, 1, 0)));
        assertTrue(!SimdConv.pointwise(ConvGeometry.square(2, 64, 8, 8, 64, 1, 2, 0)));
        assertTrue(!SimdConv.pointwise(ConvGeometry.square(2, 64, 8, 8, 64, 3, 1, 1)));
    }

    @Test
    void resultsAreBitIdenticalOnOneAndTwoThreads() {
        Backend one = new SimdBackend(1);
        Backend two = new SimdBackend(2);
        // Every GEMM here is above SimdGemm.MIN_PARALLEL_FLOPS, so it splits across threads.
        // The first three are one chunk each (the GEMM is split across the threads), the next four
        // several (the chunks are: the weight gradient then sums per-chunk partials in order). The
        // 1×1 ones read their panels from the images (SimdConv.pointwise). The 3×3 ones of padding 1
        // on 16×16 maps run on strips (StripConv), in one chunk (batch 2) or several (37); on 4×4
        // maps they unfold.
        for (ConvGeometry g : List.of(ConvGeometry.square(6, 32, 14, 14, 64, 4, 2, 1),
                ConvGeometry.square(9, 64, 16, 16, 64, 1, 1, 0), ConvGeometry.square(9, 256, 4, 4, 256, 1, 1, 0),
                ConvGeometry.square(86, 1, 28, 28, 32, 4, 2, 1), new ConvGeometry(60, 5, 11, 13, 33, 5, 3, 2, 1, 2, 0),
                ConvGeometry.square(50, 32, 14, 14, 64, 4, 2, 1), ConvGeometry.square(101, 1, 28, 28, 32, 4, 2, 1),
                ConvGeometry.square(2, 64, 16, 16, 64, 3, 1, 1), ConvGeometry.square(37, 64, 16, 16, 64, 3, 1, 1),
                ConvGeometry.square(45, 256, 4, 4, 256, 3, 1, 1))) {
            assertTrue(2L * g.multiplyAdds() >= SimdGemm.MIN_PARALLEL_FLOPS, g.toString());
            float[] x = random(g.inputSize(), 13);
            float[] w = random(g.weightSize(), 14);
            float[] dOut = random(g.outputSize(), 15);
            float[][] results = new float[2][];
            float[][] dxs = new float[2][];
            float[][] dws = new float[2][];
            Backend[] backends = {one, two};
            for (int t = 0; t < 2; t++) {
                results[t] = new float[g.outputSize()];
                backends[t].conv2d(g, x, w, results[t], false);
                dxs[t] = new float[g.inputSize()];
                backends[t].conv2dBackwardInput(g, dOut, w, dxs[t], false);
                dws[t] = new float[g.weightSize()];
                backends[t].conv2dBackwardWeight(g, x, dOut, dws[t]);
            }
            assertArrayEquals(results[0], results[1], "forward " + g);
            assertArrayEquals(dxs[0], dxs[1], "input gradient " + g);
            assertArrayEquals(dws[0], dws[1], "weight gradient " + g);
        }
    }
}
