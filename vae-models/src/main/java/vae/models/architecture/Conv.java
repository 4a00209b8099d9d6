package vae.models.architecture;

import java.util.ArrayList;
import java.util.List;
import vae.core.data.ExampleShape;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.ShapeOps;
import vae.core.graph.Var;
import vae.core.nn.Conv2d;
import vae.core.nn.ConvTranspose2d;
import vae.core.nn.Layer;
import vae.core.nn.Linear;
import vae.core.nn.ResidualBlock;
import vae.core.spi.Architecture;
import vae.core.spi.ArchitectureConfig;
import vae.core.spi.ArchitectureProvider;
import vae.core.spi.Encoding;
import vae.core.spi.Hyperparameter;

/**
 * {@code conv}: convolutions for {@code C×H×W} images. Encoder: {@code encoder.conv1} (C→c1,
 * kernel k, stride 2, padding ⌊(k−1)/2⌋) + ReLU, {@code encoder.conv2} (c1→c2, same) + ReLU,
 * flatten, {@code encoder.fc} (c2·h2·w2 → 2·latent) whose first half is μ and second half log σ²
 * (→ latent, the code, for a deterministic encoder). Decoder: {@code decoder.fc} (latent →
 * c2·h2·w2), reshape to {@code [c2, h2, w2]}, {@code decoder.deconv1} (c2→c1, transposed, same
 * kernel, stride and padding) + ReLU, {@code decoder.deconv2} (c1→C·outputs per value) giving the
 * parameters of p(x|z) per pixel (Bernoulli logits; or Gaussian means, then log-variances, as
 * channels).
 *
 * <p>Parameter names are those a PyTorch module with {@code encoder} and {@code decoder}
 * submodules holding {@code conv1, conv2, fc} and {@code fc, deconv1, deconv2} would give. Each
 * transposed convolution takes the output padding (0 or 1) that gives back exactly the size its
 * mirror convolution took in, so any image from the smallest that two convolutions fit (4×4 for
 * kernel 4) works, not only sizes divisible by 4. For 1×28×28 and the defaults this is
 * Conv(1→32)→14×14, Conv(32→64)→7×7, Linear(3136→32); Linear(16→3136), ConvT(64→32)→14×14,
 * ConvT(32→1)→28×28.
 *
 * <p>With {@code residual_blocks=n}, n {@link ResidualBlock}s ({@code x + Conv1×1(ReLU(Conv3×3(ReLU(x))))})
 * follow the encoder's second convolution ({@code encoder.res0 …}) and precede the decoder's first
 * transposed convolution ({@code decoder.res0 …}), at c2 channels.
 *
 * <p>A conditional model's condition (the one-hot label, C values) joins the flattened features
 * before {@code encoder.fc} (c2·h2·w2 + C inputs) and z before {@code decoder.fc} (latent + C inputs).
 */
public final class Conv extends ArchitectureProvider {
    private static final int STRIDE = 2;
    static final Hyperparameter<Integer> CHANNELS1 = Hyperparameter.integer("channels1", 32, 1, 1024,
            "channels of the first convolution (and of the last hidden decoder layer)");
    static final Hyperparameter<Integer> CHANNELS2 = Hyperparameter.integer("channels2", 64, 1, 1024,
            "channels of the second convolution (and of the decoder's first feature map)");
    static final Hyperparameter<Integer> KERNEL = Hyperparameter.integer("kernel", 4, 2, 9,
            "kernel size of every (transposed) convolution; stride 2, padding (kernel-1)/2");
    static final Hyperparameter<Integer> LATENT = Hyperparameter.integer("latent", 16, 1, 4096,
            "dimension of the latent space z");
    static final Hyperparameter<Integer> RESIDUAL_BLOCKS = Hyperparameter.integer("residual_blocks", 0, 0, 16,
            "residual blocks x + Conv1x1(ReLU(Conv3x3(ReLU(x)))) after the encoder's convolutions and before the "
                    + "decoder's").addedLaterWithNeutralDefault();

    public Conv() {
        super("conv", "encoder Conv-Conv-Linear, decoder Linear-ConvTranspose-ConvTranspose (stride 2), for images",
                CHANNELS1, CHANNELS2, KERNEL, LATENT, RESIDUAL_BLOCKS);
    }

    @Override
    public Architecture create(ArchitectureConfig config) {
        return new Networks(config);
    }

    @Override
    public boolean takesCondition() {
        return true;
    }

    @Override
    public long parameterCount(ArchitectureConfig config) {
        var h = config.hyperparameters();
        long c1 = h.get(CHANNELS1);
        long c2 = h.get(CHANNELS2);
        int kernel = h.get(KERNEL);
        long latent = h.get(LATENT);
        ExampleShape shape = config.dataShape();
        int padding = (kernel - 1) / 2;
        int h1 = convOutput(shape.height(), kernel, padding);
        int w1 = convOutput(shape.width(), kernel, padding);
        long flat = c2 * (h1 < 1 ? 0 : convOutput(h1, kernel, padding)) * (w1 < 1 ? 0 : convOutput(w1, kernel, padding));
        if (flat == 0) {
            return -1; // too small: create says so
        }
        long kk = (long) kernel * kernel;
        long in = shape.channels();
        long out = in * config.outputsPerValue();
        long heads = config.stochastic() ? 2 : 1;
        long c = config.conditionDim();
        return (in * c1 * kk + c1) + (c1 * c2 * kk + c2) + ((flat + c) * heads * latent + heads * latent)
                + ((latent + c) * flat + flat) + (c2 * c1 * kk + c1) + (c1 * out * kk + out)
                + 2L * h.get(RESIDUAL_BLOCKS) * ResidualBlock.parameterCount(c2);
    }

    /** PyTorch's convolution output size; 0 when the kernel does not fit. */
    private static int convOutput(int size, int kernel, int padding) {
        return size + 2 * padding < kernel ? 0 : (size + 2 * padding - kernel) / STRIDE + 1;
    }

    /** The output padding with which a transposed convolution from {@code small} gives {@code target} again. */
    private static int outputPadding(int target, int small, int kernel, int padding) {
        return target - ((small - 1) * STRIDE - 2 * padding + kernel);
    }

    private static int smallestSide(int kernel, int padding) {
        int side = 1;
        while (convOutput(side, kernel, padding) < 1 || convOutput(convOutput(side, kernel, padding), kernel, padding) < 1) {
            side++;
        }
        return side;
    }

    private static final class Networks implements Architecture {
        private final boolean stochastic;
        private final int latent;
        private final int condition;
        private final int channels2;
        private final int height2;
        private final int width2;
        private final Conv2d conv1;
        private final Conv2d conv2;
        private final Linear encoderFc;
        private final Linear decoderFc;
        private final ConvTranspose2d deconv1;
        private final ConvTranspose2d deconv2;
        private final List<ResidualBlock> encoderBlocks = new ArrayList<>();
        private final List<ResidualBlock> decoderBlocks = new ArrayList<>();

        Networks(ArchitectureConfig config) {
            var h = config.hyperparameters();
            int channels1 = h.get(CHANNELS1);
            int kernel = h.get(KERNEL);
            this.channels2 = h.get(CHANNELS2);
            this.latent = h.get(LATENT);
            this.stochastic = config.stochastic();
            this.condition = config.conditionDim();
            ExampleShape shape = config.dataShape();
            int padding = (kernel - 1) / 2;
            int h1 = convOutput(shape.height(), kernel, padding);
            int w1 = convOutput(shape.width(), kernel, padding);
            this.height2 = h1 < 1 ? 0 : convOutput(h1, kernel, padding);
            this.width2 = w1 < 1 ? 0 : convOutput(w1, kernel, padding);
            if (height2 < 1 || width2 < 1) {
                int min = smallestSide(kernel, padding);
                throw new IllegalArgumentException("architecture conv: " + shape + " images are too small for two "
                        + "stride-2 convolutions with kernel " + kernel + ": use images of at least " + min + "x" + min
                        + " pixels, a smaller kernel, or the mlp architecture");
            }
            var rng = config.rng();
            int flat = channels2 * height2 * width2;
            this.conv1 = new Conv2d("encoder.conv1", shape.channels(), channels1, kernel, STRIDE, padding, rng);
            this.conv2 = new Conv2d("encoder.conv2", channels1, channels2, kernel, STRIDE, padding, rng);
            this.encoderFc = new Linear("encoder.fc", flat + condition, (stochastic ? 2 : 1) * latent, rng);
            this.decoderFc = new Linear("decoder.fc", latent + condition, flat, rng);
            this.deconv1 = new ConvTranspose2d("decoder.deconv1", channels2, channels1, kernel, STRIDE, padding,
                    outputPadding(h1, height2, kernel, padding), outputPadding(w1, width2, kernel, padding), rng);
            this.deconv2 = new ConvTranspose2d("decoder.deconv2", channels1,
                    shape.channels() * config.outputsPerValue(), kernel, STRIDE, padding,
                    outputPadding(shape.height(), h1, kernel, padding),
                    outputPadding(shape.width(), w1, kernel, padding), rng);
            for (int b = 0; b < h.get(RESIDUAL_BLOCKS); b++) {
                encoderBlocks.add(new ResidualBlock("encoder.res" + b, channels2, rng));
                decoderBlocks.add(new ResidualBlock("decoder.res" + b, channels2, rng));
            }
        }

        @Override
        public List<Parameter> parameters() {
            List<Layer> layers = new ArrayList<>(List.of(conv1, conv2));
            layers.addAll(encoderBlocks);
            layers.add(encoderFc);
            layers.add(decoderFc);
            layers.addAll(decoderBlocks);
            layers.addAll(List.of(deconv1, deconv2));
            return layers.stream().flatMap(l -> l.parameters().stream()).toList();
        }

        @Override
        public int latentDim() {
            return latent;
        }

        @Override
        public Encoding encode(Graph g, Var x) {
            return encode(g, x, null);
        }

        @Override
        public Encoding encode(Graph g, Var x, Var c) {
            Var h1 = ElementwiseOps.relu(g, conv1.forward(g, x));
            Var h2 = ElementwiseOps.relu(g, conv2.forward(g, h1));
            for (ResidualBlock block : encoderBlocks) {
                h2 = block.forward(g, h2);
            }
            Var flat = ShapeOps.reshape(g, h2, h2.rows(), h2.cols());
            Var stats = encoderFc.forward(g, Architecture.withCondition(g, flat, c, condition));
            if (!stochastic) {
                return Encoding.pointMass(g, stats);
            }
            return new Encoding(ShapeOps.sliceColumns(g, stats, 0, latent),
                    ShapeOps.sliceColumns(g, stats, latent, 2 * latent));
        }

        @Override
        public Var decode(Graph g, Var z) {
            return decode(g, z, null);
        }

        @Override
        public Var decode(Graph g, Var z, Var c) {
            Var in = Architecture.withCondition(g, z, c, condition);
            Var h = ShapeOps.reshape(g, decoderFc.forward(g, in), z.rows(), channels2, height2, width2);
            for (ResidualBlock block : decoderBlocks) {
                h = block.forward(g, h);
            }
            Var h1 = ElementwiseOps.relu(g, deconv1.forward(g, h));
            return deconv2.forward(g, h1);
        }
    }
}
