package vae.core.graph;

import java.util.Arrays;
import vae.core.backend.Backend;
import vae.core.backend.ConvGeometry;
import vae.core.tensor.Tensor;

/**
 * 2-d convolutions on the graph, NCHW, with PyTorch's shapes and output sizes. A transposed
 * convolution is computed as the adjoint of the convolution that maps its output shape back to
 * its input shape (the same weight tensor, read as {@code [in, out, kH, kW]}), so both ops share
 * the backend's three convolution kernels: forward, input gradient and weight gradient.
 */
public final class ConvOps {
    private ConvOps() {
    }

    /**
     * PyTorch's {@code F.conv2d(x, weight, bias, stride, padding)}: x {@code [B, C, H, W]},
     * weight {@code [O, C, kH, kW]}, bias {@code [O]} or null; the result is
     * {@code [B, O, ⌊(H + 2·padH − kH)/strideH⌋ + 1, ⌊(W + 2·padW − kW)/strideW⌋ + 1]}.
     */
    public static Var conv2d(Graph g, Var x, Var weight, Var bias, int strideH, int strideW, int padH, int padW) {
        checkRank("conv2d", "input", x, "[batch, channels, height, width]");
        checkRank("conv2d", "weight", weight, "[out, in, kH, kW]");
        int[] xs = x.shape();
        int[] ws = weight.shape();
        if (ws[1] != xs[1]) {
            throw new IllegalArgumentException("conv2d: the input has " + xs[1] + " channels but the weight "
                    + Arrays.toString(ws) + " expects " + ws[1]);
        }
        checkBias("conv2d", bias, ws[0]);
        ConvGeometry geo = new ConvGeometry(xs[0], xs[1], xs[2], xs[3], ws[0], ws[2], ws[3], strideH, strideW,
                padH, padW);
        Backend be = g.backend();
        Tensor y = g.allocate(geo.batch(), geo.outChannels(), geo.outHeight(), geo.outWidth());
        be.conv2d(geo, x.data(), weight.data(), y.data(), false);
        if (bias != null) {
            be.addChannelBias(y.data(), geo.batch(), geo.outChannels(), geo.outPlane(), bias.data());
        }
        Var[] inputs = bias == null ? new Var[] {x, weight} : new Var[] {x, weight, bias};
        return g.result(y, r -> {
            float[] dy = r.gradData();
            if (x.requiresGrad()) {
                boolean add = x.addsToGrad();
                be.conv2dBackwardInput(geo, dy, weight.data(), x.gradData(), add);
            }
            if (weight.requiresGrad()) {
                be.conv2dBackwardWeight(geo, x.data(), dy, weight.gradData());
            }
            if (bias != null && bias.requiresGrad()) {
                be.sumChannelsInto(dy, geo.batch(), geo.outChannels(), geo.outPlane(), bias.gradData());
            }
        }, inputs);
    }

    /**
     * PyTorch's {@code F.conv_transpose2d(x, weight, bias, stride, padding, output_padding)}: x
     * {@code [B, Cin, H, W]}, weight {@code [Cin, Cout, kH, kW]}, bias {@code [Cout]} or null;
     * the result is {@code [B, Cout, (H − 1)·strideH − 2·padH + kH + outPadH, ...]} (likewise for
     * the width). The output padding must be smaller than the stride, as in PyTorch.
     */
    public static Var convTranspose2d(Graph g, Var x, Var weight, Var bias, int strideH, int strideW,
                                      int padH, int padW, int outPadH, int outPadW) {
        checkRank("conv_transpose2d", "input", x, "[batch, channels, height, width]");
        checkRank("conv_transpose2d", "weight", weight, "[in, out, kH, kW]");
        int[] xs = x.shape();
        int[] ws = weight.shape();
        if (ws[0] != xs[1]) {
            throw new IllegalArgumentException("conv_transpose2d: the input has " + xs[1]
                    + " channels but the weight " + Arrays.toString(ws) + " expects " + ws[0]);
        }
        if (outPadH < 0 || outPadW < 0 || outPadH >= strideH || outPadW >= strideW) {
            throw new IllegalArgumentException("conv_transpose2d: output padding " + outPadH + "x" + outPadW
                    + " must be at least 0 and smaller than the stride " + strideH + "x" + strideW);
        }
        checkBias("conv_transpose2d", bias, ws[1]);
        int outH = (xs[2] - 1) * strideH - 2 * padH + ws[2] + outPadH;
        int outW = (xs[3] - 1) * strideW - 2 * padW + ws[3] + outPadW;
        if (outH < 1 || outW < 1) {
            throw new IllegalArgumentException("conv_transpose2d: a " + xs[2] + "x" + xs[3] + " input with kernel "
                    + ws[2] + "x" + ws[3] + ", stride " + strideH + "x" + strideW + " and padding " + padH + "x"
                    + padW + " gives an empty output: use less padding");
        }
        // The convolution this op is the adjoint of: from [B, Cout, outH, outW] back to [B, Cin, H, W].
        ConvGeometry geo = new ConvGeometry(xs[0], ws[1], outH, outW, ws[0], ws[2], ws[3], strideH, strideW,
                padH, padW);
        if (geo.outHeight() != xs[2] || geo.outWidth() != xs[3]) {
            throw new IllegalStateException("conv_transpose2d: adjoint geometry " + geo + " does not give back "
                    + Arrays.toString(xs));
        }
        Backend be = g.backend();
        Tensor y = g.allocate(geo.batch(), geo.inChannels(), outH, outW);
        be.conv2dBackwardInput(geo, x.data(), weight.data(), y.data(), false);
        if (bias != null) {
            be.addChannelBias(y.data(), geo.batch(), geo.inChannels(), geo.inPlane(), bias.data());
        }
        Var[] inputs = bias == null ? new Var[] {x, weight} : new Var[] {x, weight, bias};
        return g.result(y, r -> {
            float[] dy = r.gradData();
            if (x.requiresGrad()) {
                boolean add = x.addsToGrad();
                be.conv2d(geo, dy, weight.data(), x.gradData(), add);
            }
            if (weight.requiresGrad()) {
                // <dy, Aᵀx> = <A dy, x>: the weight gradient of the convolution A applied to dy.
                be.conv2dBackwardWeight(geo, dy, x.data(), weight.gradData());
            }
            if (bias != null && bias.requiresGrad()) {
                be.sumChannelsInto(dy, geo.batch(), geo.inChannels(), geo.inPlane(), bias.gradData());
            }
        }, inputs);
    }

    private static void checkRank(String op, String what, Var v, String expected) {
        if (v.value().rank() != 4) {
            throw new IllegalArgumentException(op + ": the " + what + " must be " + expected + ", got "
                    + Arrays.toString(v.shape()));
        }
    }

    private static void checkBias(String op, Var bias, int channels) {
        if (bias != null && (bias.value().rank() != 1 || bias.size() != channels)) {
            throw new IllegalArgumentException(op + ": the bias must be [" + channels + "], got "
                    + Arrays.toString(bias.shape()));
        }
    }
}
