package vae.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.tensor.Tensor;

/**
 * conv2d and convTranspose2d: forward against naive loops written from PyTorch's definitions,
 * backward against finite differences, for the default conv-vae geometry (kernel 4, stride 2,
 * padding 1) and awkward ones (stride 1, padding 0, odd and non-square sizes and kernels).
 */
class ConvOpsTest {

    /** PyTorch's conv2d by its definition: seven loops, gathering, in double. */
    static double[] naiveConv2d(Tensor x, Tensor w, Tensor bias, int sh, int sw, int ph, int pw) {
        int batch = x.dim(0), c = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int o = w.dim(0), kh = w.dim(2), kw = w.dim(3);
        int oh = (h + 2 * ph - kh) / sh + 1;
        int ow = (wd + 2 * pw - kw) / sw + 1;
        double[] y = new double[batch * o * oh * ow];
        for (int b = 0; b < batch; b++) {
            for (int oc = 0; oc < o; oc++) {
                for (int yy = 0; yy < oh; yy++) {
                    for (int xx = 0; xx < ow; xx++) {
                        double s = bias == null ? 0 : bias.get(oc);
                        for (int ic = 0; ic < c; ic++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int iy = yy * sh - ph + i;
                                    int ix = xx * sw - pw + j;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                        s += (double) w.get(((oc * c + ic) * kh + i) * kw + j)
                                                * x.get(((b * c + ic) * h + iy) * wd + ix);
                                    }
                                }
                            }
                        }
                        y[((b * o + oc) * oh + yy) * ow + xx] = s;
                    }
                }
            }
        }
        return y;
    }

    /** PyTorch's conv_transpose2d by its definition: every input value scatters its kernel. */
    static double[] naiveConvTranspose2d(Tensor x, Tensor w, Tensor bias, int sh, int sw, int ph, int pw,
                                         int oph, int opw) {
        int batch = x.dim(0), cin = x.dim(1), h = x.dim(2), wd = x.dim(3);
        int cout = w.dim(1), kh = w.dim(2), kw = w.dim(3);
        int oh = (h - 1) * sh - 2 * ph + kh + oph;
        int ow = (wd - 1) * sw - 2 * pw + kw + opw;
        double[] y = new double[batch * cout * oh * ow];
        for (int b = 0; b < batch; b++) {
            for (int oc = 0; oc < cout; oc++) {
                for (int p = 0; p < oh * ow; p++) {
                    y[(b * cout + oc) * oh * ow + p] = bias == null ? 0 : bias.get(oc);
                }
            }
            for (int ic = 0; ic < cin; ic++) {
                for (int iy = 0; iy < h; iy++) {
                    for (int ix = 0; ix < wd; ix++) {
                        double v = x.get(((b * cin + ic) * h + iy) * wd + ix);
                        for (int oc = 0; oc < cout; oc++) {
                            for (int i = 0; i < kh; i++) {
                                for (int j = 0; j < kw; j++) {
                                    int yy = iy * sh - ph + i;
                                    int xx = ix * sw - pw + j;
                                    if (yy >= 0 && yy < oh && xx >= 0 && xx < ow) {
                                        y[((b * cout + oc) * oh + yy) * ow + xx] +=
                                                v * w.get(((ic * cout + oc) * kh + i) * kw + j);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return y;
    }

    private static void assertClose(double[] expected, Var actual) {
        assertEquals(expected.length, actual.size(), "output size");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual.data()[i], 1e-5 * Math.max(1, Math.abs(expected[i])), "y[" + i + "]");
        }
    }

    // ---- forward ------------------------------------------------------------------------------

    @Test
    void conv2dForwardMatchesTheDefinitionForTheDefaultGeometry() {
        Tensor x = GradientCheck.uniform(1, 0, 1, 2, 3, 8, 8);
        Tensor w = GradientCheck.uniform(2, -1, 1, 5, 3, 4, 4);
        Tensor b = GradientCheck.uniform(3, -1, 1, 5);
        Graph g = Graph.training(new ScalarBackend(2));
        Var y = ConvOps.conv2d(g, g.constant(x), g.constant(w), g.constant(b), 2, 2, 1, 1);
        assertArrayEquals(new int[] {2, 5, 4, 4}, y.shape());
        assertClose(naiveConv2d(x, w, b, 2, 2, 1, 1), y);
    }

    @Test
    void conv2dForwardMatchesTheDefinitionForNonSquareStridesPaddingsAndKernels() {
        int[][] cases = { // h, w, kh, kw, sh, sw, ph, pw
            {7, 5, 3, 3, 1, 1, 0, 0}, {7, 9, 2, 3, 2, 1, 1, 0}, {6, 7, 5, 1, 3, 2, 2, 0}, {5, 5, 5, 5, 1, 1, 2, 2},
            {9, 4, 4, 2, 2, 2, 1, 1}};
        for (int[] k : cases) {
            Tensor x = GradientCheck.uniform(k[0] + k[1], -1, 1, 3, 2, k[0], k[1]);
            Tensor w = GradientCheck.uniform(k[2], -1, 1, 4, 2, k[2], k[3]);
            Graph g = Graph.training(new ScalarBackend(1));
            Var y = ConvOps.conv2d(g, g.constant(x), g.constant(w), null, k[4], k[5], k[6], k[7]);
            assertArrayEquals(new int[] {3, 4, (k[0] + 2 * k[6] - k[2]) / k[4] + 1, (k[1] + 2 * k[7] - k[3]) / k[5] + 1},
                    y.shape(), java.util.Arrays.toString(k));
            assertClose(naiveConv2d(x, w, null, k[4], k[5], k[6], k[7]), y);
        }
    }

    @Test
    void convTranspose2dForwardMatchesTheDefinition() {
        int[][] cases = { // h, w, k, s, p, output padding h, w
            {7, 7, 4, 2, 1, 0, 0}, {4, 3, 3, 2, 1, 1, 0}, {5, 6, 3, 1, 0, 0, 0}, {3, 5, 2, 3, 0, 2, 1}, {6, 4, 5, 2, 2, 1, 1}};
        for (int[] k : cases) {
            Tensor x = GradientCheck.uniform(k[0] * k[1], -1, 1, 2, 3, k[0], k[1]);
            Tensor w = GradientCheck.uniform(k[2] + 5, -1, 1, 3, 2, k[2], k[2]);
            Tensor b = GradientCheck.uniform(k[3] + 9, -1, 1, 2);
            Graph g = Graph.training(new ScalarBackend(2));
            Var y = ConvOps.convTranspose2d(g, g.constant(x), g.constant(w), g.constant(b), k[3], k[3], k[4], k[4],
                    k[5], k[6]);
            assertArrayEquals(new int[] {2, 2, (k[0] - 1) * k[3] - 2 * k[4] + k[2] + k[5],
                    (k[1] - 1) * k[3] - 2 * k[4] + k[2] + k[6]}, y.shape(), java.util.Arrays.toString(k));
            assertClose(naiveConvTranspose2d(x, w, b, k[3], k[3], k[4], k[4], k[5], k[6]), y);
        }
    }

    @Test
    void convTransposeUndoesTheShapeOfTheConvItMirrors() {
        // The conv-vae decoder relies on this: 28 -> 14 -> 7 and back.
        Graph g = Graph.inference(new ScalarBackend(1));
        Var x = g.constant(Tensor.zeros(1, 1, 28, 28));
        Var h1 = ConvOps.conv2d(g, x, g.constant(Tensor.zeros(2, 1, 4, 4)), null, 2, 2, 1, 1);
        Var h2 = ConvOps.conv2d(g, h1, g.constant(Tensor.zeros(3, 2, 4, 4)), null, 2, 2, 1, 1);
        assertArrayEquals(new int[] {1, 3, 7, 7}, h2.shape());
        Var d1 = ConvOps.convTranspose2d(g, h2, g.constant(Tensor.zeros(3, 2, 4, 4)), null, 2, 2, 1, 1, 0, 0);
        Var d2 = ConvOps.convTranspose2d(g, d1, g.constant(Tensor.zeros(2, 1, 4, 4)), null, 2, 2, 1, 1, 0, 0);
        assertArrayEquals(new int[] {1, 2, 14, 14}, d1.shape());
        assertArrayEquals(new int[] {1, 1, 28, 28}, d2.shape());
    }

    // ---- backward -----------------------------------------------------------------------------

    private static void checkConv(long seed, int[] xShape, int[] wShape, boolean bias, int sh, int sw, int ph, int pw) {
        GradientCheck check = GradientCheck.of((g, in) -> ConvOps.conv2d(g, in[0], in[1], bias ? in[2] : null,
                        sh, sw, ph, pw))
                .input(GradientCheck.uniform(seed, -1, 1, xShape))
                .input(GradientCheck.uniform(seed + 1, -1, 1, wShape));
        if (bias) {
            check.input(GradientCheck.uniform(seed + 2, -1, 1, wShape[0]));
        }
        check.run();
    }

    private static void checkConvTranspose(long seed, int[] xShape, int[] wShape, int s, int p, int oph, int opw) {
        GradientCheck.of((g, in) -> ConvOps.convTranspose2d(g, in[0], in[1], in[2], s, s, p, p, oph, opw))
                .input(GradientCheck.uniform(seed, -1, 1, xShape))
                .input(GradientCheck.uniform(seed + 1, -1, 1, wShape))
                .input(GradientCheck.uniform(seed + 2, -1, 1, wShape[1]))
                .run();
    }

    @Test
    void conv2dGradientKernel4Stride2Padding1() {
        checkConv(10, new int[] {2, 2, 8, 8}, new int[] {3, 2, 4, 4}, true, 2, 2, 1, 1);
    }

    @Test
    void conv2dGradientKernel4Stride2Padding1OnAnOddInput() {
        checkConv(20, new int[] {2, 1, 7, 9}, new int[] {2, 1, 4, 4}, true, 2, 2, 1, 1);
    }

    @Test
    void conv2dGradientStride1Padding0OddSizes() {
        checkConv(30, new int[] {2, 3, 7, 5}, new int[] {2, 3, 3, 3}, true, 1, 1, 0, 0);
    }

    @Test
    void conv2dGradientNonSquareKernelStrideAndPaddingWithoutBias() {
        checkConv(40, new int[] {1, 2, 6, 7}, new int[] {3, 2, 2, 3}, false, 2, 1, 1, 0);
        checkConv(50, new int[] {2, 1, 5, 8}, new int[] {2, 1, 3, 2}, true, 3, 2, 2, 1);
    }

    @Test
    void conv2dGradientWithTheDataAsAConstantInput() {
        // The first encoder layer: x needs no gradient, weight and bias do.
        GradientCheck.of((g, in) -> ConvOps.conv2d(g, in[0], in[1], in[2], 2, 2, 1, 1))
                .constant(GradientCheck.uniform(60, 0, 1, 2, 1, 8, 8))
                .input(GradientCheck.uniform(61, -1, 1, 3, 1, 4, 4))
                .input(GradientCheck.uniform(62, -1, 1, 3))
                .run();
    }

    @Test
    void convTranspose2dGradientKernel4Stride2Padding1() {
        checkConvTranspose(70, new int[] {2, 3, 4, 4}, new int[] {3, 2, 4, 4}, 2, 1, 0, 0);
    }

    @Test
    void convTranspose2dGradientStride1Padding0() {
        checkConvTranspose(80, new int[] {2, 2, 3, 5}, new int[] {2, 3, 3, 3}, 1, 0, 0, 0);
    }

    @Test
    void convTranspose2dGradientOddKernelWithOutputPadding() {
        checkConvTranspose(90, new int[] {1, 2, 4, 3}, new int[] {2, 2, 3, 3}, 2, 1, 1, 0);
        checkConvTranspose(100, new int[] {2, 1, 3, 3}, new int[] {1, 2, 2, 2}, 3, 0, 2, 1);
    }

    @Test
    void encoderDecoderStackGradient() {
        // conv → relu → convTranspose, every parameter checked at once.
        GradientCheck.of((g, in) -> ConvOps.convTranspose2d(g,
                        ElementwiseOps.relu(g, ConvOps.conv2d(g, in[0], in[1], in[2], 2, 2, 1, 1)),
                        in[3], in[4], 2, 2, 1, 1, 0, 0))
                .constant(GradientCheck.uniform(110, 0, 1, 2, 1, 6, 6))
                .input(GradientCheck.awayFromZero(111, 0.2, 1, 3, 1, 4, 4))
                .input(GradientCheck.awayFromZero(112, 0.2, 1, 3))
                .input(GradientCheck.uniform(113, -1, 1, 3, 1, 4, 4))
                .input(GradientCheck.uniform(114, -1, 1, 1))
                .step(1e-3)
                .run();
    }

    // ---- bad input ----------------------------------------------------------------------------

    @Test
    void rejectsMismatchedChannelsRanksBiasesAndPaddings() {
        Graph g = Graph.training(new ScalarBackend(1));
        Var x = g.constant(Tensor.zeros(1, 2, 5, 5));
        var e = assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv2d(g, x, g.constant(Tensor.zeros(4, 3, 3, 3)), null, 1, 1, 0, 0));
        assertTrue(e.getMessage().contains("2 channels"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv2d(g, g.constant(Tensor.zeros(2, 25)), g.constant(Tensor.zeros(4, 2, 3, 3)), null,
                        1, 1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv2d(g, x, g.constant(Tensor.zeros(4, 2, 3, 3)), g.constant(Tensor.zeros(3)),
                        1, 1, 0, 0));
        var big = assertThrows(IllegalArgumentException.class,
                () -> ConvOps.conv2d(g, x, g.constant(Tensor.zeros(4, 2, 9, 9)), null, 1, 1, 1, 1));
        assertTrue(big.getMessage().contains("does not fit"), big.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ConvOps.convTranspose2d(g, x, g.constant(Tensor.zeros(2, 3, 3, 3)), null, 2, 2, 1, 1, 2, 0));
        assertThrows(IllegalArgumentException.class,
                () -> ConvOps.convTranspose2d(g, x, g.constant(Tensor.zeros(3, 3, 3, 3)), null, 2, 2, 1, 1, 0, 0));
    }
}
