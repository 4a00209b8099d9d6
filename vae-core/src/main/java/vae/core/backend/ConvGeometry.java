package vae.core.backend;

/**
 * The shapes of one 2-d convolution over a batch, in PyTorch's NCHW layout: the input
 * {@code [batch, inChannels, inHeight, inWidth]}, the weight
 * {@code [outChannels, inChannels, kernelHeight, kernelWidth]} and the output
 * {@code [batch, outChannels, outHeight(), outWidth()]}, with PyTorch's output size
 * {@code ⌊(in + 2·padding − kernel) / stride⌋ + 1} (no dilation, no groups).
 *
 * <p>A transposed convolution is the adjoint of one of these: its output is this geometry's
 * input and its input this geometry's output.
 *
 * @param batch        examples in the batch
 * @param inChannels   channels of the input
 * @param inHeight     rows of each input plane
 * @param inWidth      columns of each input plane
 * @param outChannels  channels of the output
 * @param kernelHeight rows of the kernel
 * @param kernelWidth  columns of the kernel
 * @param strideHeight vertical stride
 * @param strideWidth  horizontal stride
 * @param padHeight    zero rows added above and below
 * @param padWidth     zero columns added left and right
 */
public record ConvGeometry(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                           int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                           int padHeight, int padWidth) {

    public ConvGeometry {
        if (batch < 1 || inChannels < 1 || inHeight < 1 || inWidth < 1 || outChannels < 1
                || kernelHeight < 1 || kernelWidth < 1 || strideHeight < 1 || strideWidth < 1) {
            throw new IllegalArgumentException("convolution sizes must be positive: " + describe(batch, inChannels,
                    inHeight, inWidth, outChannels, kernelHeight, kernelWidth, strideHeight, strideWidth,
                    padHeight, padWidth));
        }
        if (padHeight < 0 || padWidth < 0) {
            throw new IllegalArgumentException("convolution padding must not be negative, got "
                    + padHeight + "x" + padWidth);
        }
        if (inHeight + 2L * padHeight < kernelHeight || inWidth + 2L * padWidth < kernelWidth) {
            throw new IllegalArgumentException("a " + kernelHeight + "x" + kernelWidth + " kernel does not fit a "
                    + inHeight + "x" + inWidth + " input with padding " + padHeight + "x" + padWidth
                    + ": use a larger input or a smaller kernel");
        }
    }

    /** A geometry with the same kernel, stride and padding on both axes. */
    public static ConvGeometry square(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                                      int kernel, int stride, int padding) {
        return new ConvGeometry(batch, inChannels, inHeight, inWidth, outChannels, kernel, kernel, stride, stride,
                padding, padding);
    }

    /** Rows of each output plane. */
    public int outHeight() {
        return (inHeight + 2 * padHeight - kernelHeight) / strideHeight + 1;
    }

    /** Columns of each output plane. */
    public int outWidth() {
        return (inWidth + 2 * padWidth - kernelWidth) / strideWidth + 1;
    }

    /** Pixels of one input plane. */
    public int inPlane() {
        return inHeight * inWidth;
    }

    /** Pixels of one output plane. */
    public int outPlane() {
        return outHeight() * outWidth();
    }

    /** Weights feeding one output value: {@code inChannels · kernelHeight · kernelWidth}. */
    public int patchSize() {
        return inChannels * kernelHeight * kernelWidth;
    }

    /** Values of the whole input. */
    public int inputSize() {
        return batch * inChannels * inPlane();
    }

    /** Values of the whole output. */
    public int outputSize() {
        return batch * outChannels * outPlane();
    }

    /** Values of the weight. */
    public int weightSize() {
        return outChannels * patchSize();
    }

    /** Multiply-adds of the forward pass (each backward pass does as many). */
    public long multiplyAdds() {
        return (long) batch * outChannels * outPlane() * patchSize();
    }

    /**
     * The first output index along an axis whose kernel tap {@code tap} reads inside the input:
     * the least {@code o ≥ 0} with {@code o·stride − pad + tap ≥ 0}.
     */
    public static int firstInside(int tap, int pad, int stride) {
        return Math.max(0, Math.ceilDiv(pad - tap, stride));
    }

    /**
     * One past the last output index (at most {@code outSize}) whose tap {@code tap} reads inside
     * an input of {@code inSize}: {@code o·stride − pad + tap ≤ inSize − 1}.
     */
    public static int endInside(int tap, int pad, int stride, int inSize, int outSize) {
        return Math.min(outSize, Math.floorDiv(inSize - 1 + pad - tap, stride) + 1);
    }

    @Override
    public String toString() {
        return describe(batch, inChannels, inHeight, inWidth, outChannels, kernelHeight, kernelWidth,
                strideHeight, strideWidth, padHeight, padWidth);
    }

    private static String describe(int batch, int inChannels, int inHeight, int inWidth, int outChannels,
                                   int kernelHeight, int kernelWidth, int strideHeight, int strideWidth,
                                   int padHeight, int padWidth) {
        return "conv [" + batch + ", " + inChannels + ", " + inHeight + ", " + inWidth + "] -> " + outChannels
                + " channels, kernel " + kernelHeight + "x" + kernelWidth + ", stride " + strideHeight + "x"
                + strideWidth + ", padding " + padHeight + "x" + padWidth;
    }
}
