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
import vae.core.nn.VarianceHead;
import vae.core.spi.Architecture;
import vae.core.spi.ArchitectureConfig;
import vae.core.spi.ArchitectureProvider;
import vae.core.spi.Encoding;
import vae.core.spi.Hyperparameter;
import vae.core.spi.HyperparameterValues;

/**
 * {@code conv}: stride-2 convolutions for {@code C×H×W} images. Encoder: {@code encoder.conv1 …
 * encoder.convN} (C→c1→…→cN, kernel k, stride 2, padding ⌊(k−1)/2⌋), each + ReLU, flatten,
 * {@code encoder.fc} (cN·hN·wN → 2·latent) whose first half is μ and second half log σ² (log σ with
 * {@code variance=log-std}; → latent,
 * the code, for a deterministic encoder). Decoder, the mirror: {@code decoder.fc} (latent →
 * cN·hN·wN), reshape to {@code [cN, hN, wN]}, {@code decoder.deconv1 … decoder.deconvN}
 * (cN→…→c1 transposed, same kernel, stride and padding, each + ReLU but the last), the last
 * (c1→C·outputs per value) giving the parameters of p(x|z) per pixel (Bernoulli logits; or
 * Gaussian means, then log-variances, as channels).
 *
 * <p>The channels are {@code channels1, channels2} (N = 2, the original net) unless the list
 * {@code channels} is given, e.g. {@code 32,64,128,256} for the CelebA-style 64×64 net of AntixK's
 * and Pythae's VAEs (4×4 feature maps before {@code encoder.fc}). A model of two convolutions is the
 * same whichever way its channels were given: same parameters, same initial values.
 *
 * <p>Parameter names are those a PyTorch module with {@code encoder} and {@code decoder}
 * submodules holding {@code conv1 … convN, fc} and {@code fc, deconv1 … deconvN} would give. Each
 * transposed convolution takes the output padding (0 or 1) that gives back exactly the size its
 * mirror convolution took in, so any image from the smallest that N convolutions fit (4×4 for
 * kernel 4 and N = 2) works, not only sizes divisible by 2^N. For 1×28×28 and the defaults this is
 * Conv(1→32)→14×14, Conv(32→64)→7×7, Linear(3136→32); Linear(16→3136), ConvT(64→32)→14×14,
 * ConvT(32→1)→28×28.
 *
 * <p>With {@code residual_blocks=n}, n {@link ResidualBlock}s ({@code x + Conv1×1(ReLU(Conv3×3(ReLU(x))))})
 * follow the encoder's last convolution ({@code encoder.res0 …}) and precede the decoder's first
 * transposed convolution ({@code decoder.res0 …}), at cN channels.
 *
 * <p>A conditional model's condition (the one-hot label, C values) joins the flattened features
 * before {@code encoder.fc} (cN·hN·wN + C inputs) and z before {@code decoder.fc} (latent + C inputs).
 */
public final class Conv extends ArchitectureProvider {
    private static final int STRIDE = 2;
    /** Eight halvings take a 256×256 image to 1×1; more could fit no image a user has. */
    private static final int MAX_CONVOLUTIONS = 8;
    private static final String[] COUNT_WORDS = {"zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight"};
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
    static final Hyperparameter<List<Integer>> CHANNELS = Hyperparameter.integers("channels", "", 1, 1024,
            "channels of each stride-2 convolution, e.g. 32,64,128,256 (the decoder mirrors them); in place of "
                    + "channels1 and channels2").addedLaterWithNeutralDefault();

    public Conv() {
        super("conv", "encoder stride-2 convolutions then Linear, decoder Linear then their transposed mirror, "
                + "for images", CHANNELS1, CHANNELS2, KERNEL, LATENT, RESIDUAL_BLOCKS, CHANNELS, Mlp.VARIANCE);
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
    public void validate(HyperparameterValues values) {
        List<Integer> list = values.get(CHANNELS);
        if (list.size() > MAX_CONVOLUTIONS) {
            throw new IllegalArgumentException("architecture conv: channels lists " + list.size()
                    + " convolutions; give at most " + MAX_CONVOLUTIONS);
        }
        boolean pairGiven = values.get(CHANNELS1) != Integer.parseInt(CHANNELS1.defaultValue())
                || values.get(CHANNELS2) != Integer.parseInt(CHANNELS2.defaultValue());
        if (!list.isEmpty() && pairGiven) {
            throw new IllegalArgumentException("architecture conv: channels=" + HyperparameterValues.text(list)
                    + " and channels1/channels2 both set the channels; give only one of them");
        }
    }

    /** The channels of each convolution, c1 … cN. */
    private static int[] channels(HyperparameterValues h) {
        List<Integer> list = h.get(CHANNELS);
        return list.isEmpty() ? new int[] {h.get(CHANNELS1), h.get(CHANNELS2)}
                : list.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public long parameterCount(ArchitectureConfig config) {
        var h = config.hyperparameters();
        int[] c = channels(h);
        int n = c.length;
        int kernel = h.get(KERNEL);
        long latent = h.get(LATENT);
        ExampleShape shape = config.dataShape();
        int padding = (kernel - 1) / 2;
        int[] heights = sides(shape.height(), n, kernel, padding);
        int[] widths = sides(shape.width(), n, kernel, padding);
        long flat = (long) c[n - 1] * heights[n] * widths[n];
        if (flat == 0) {
            return -1; // too small: create says so
        }
        long kk = (long) kernel * kernel;
        long out = (long) shape.channels() * config.outputsPerValue();
        long heads = config.stochastic() ? 2 : 1;
        long condition = config.conditionDim();
        long count = ((flat + condition) * heads * latent + heads * latent) + ((latent + condition) * flat + flat)
                + 2L * h.get(RESIDUAL_BLOCKS) * ResidualBlock.parameterCount(c[n - 1]);
        for (int i = 0; i < n; i++) {
            long in = i == 0 ? shape.channels() : c[i - 1];
            long decoderOut = i == 0 ? out : c[i - 1];
            count += (in * c[i] * kk + c[i]) + (c[i] * decoderOut * kk + decoderOut);
        }
        return count;
    }

    /** PyTorch's convolution output size; 0 when the kernel does not fit. */
    private static int convOutput(int size, int kernel, int padding) {
        return size < 1 || size + 2 * padding < kernel ? 0 : (size + 2 * padding - kernel) / STRIDE + 1;
    }

    /** The side before and after each of {@code n} convolutions: {@code [size, s1, …, sN]}, 0 once one does not fit. */
    private static int[] sides(int size, int n, int kernel, int padding) {
        int[] sides = new int[n + 1];
        sides[0] = size;
        for (int i = 1; i <= n; i++) {
            sides[i] = convOutput(sides[i - 1], kernel, padding);
        }
        return sides;
    }

    /** The output padding with which a transposed convolution from {@code small} gives {@code target} again. */
    private static int outputPadding(int target, int small, int kernel, int padding) {
        return target - ((small - 1) * STRIDE - 2 * padding + kernel);
    }

    private static int smallestSide(int n, int kernel, int padding) {
        int side = 1;
        while (sides(side, n, kernel, padding)[n] < 1) {
            side++;
        }
        return side;
    }

    private static final class Networks implements Architecture {
        private final boolean stochastic;
        private final VarianceHead variance;
        private final int latent;
        private final int condition;
        private final int lastChannels;
        private final int lastHeight;
        private final int lastWidth;
        private final List<Conv2d> convs = new ArrayList<>();
        private final Linear encoderFc;
        private final Linear decoderFc;
        private final List<ConvTranspose2d> deconvs = new ArrayList<>();
        private final List<ResidualBlock> encoderBlocks = new ArrayList<>();
        private final List<ResidualBlock> decoderBlocks = new ArrayList<>();

        Networks(ArchitectureConfig config) {
            var h = config.hyperparameters();
            int[] c = channels(h);
            int n = c.length;
            int kernel = h.get(KERNEL);
            this.latent = h.get(LATENT);
            this.stochastic = config.stochastic();
            variance = Mlp.variance(config);
            this.condition = config.conditionDim();
            ExampleShape shape = config.dataShape();
            int padding = (kernel - 1) / 2;
            int[] heights = sides(shape.height(), n, kernel, padding);
            int[] widths = sides(shape.width(), n, kernel, padding);
            this.lastChannels = c[n - 1];
            this.lastHeight = heights[n];
            this.lastWidth = widths[n];
            if (lastHeight < 1 || lastWidth < 1) {
                int min = smallestSide(n, kernel, padding);
                throw new IllegalArgumentException("architecture conv: " + shape + " images are too small for "
                        + COUNT_WORDS[n] + " stride-2 convolutions with kernel " + kernel + ": use images of at least "
                        + min + "x" + min + " pixels, a smaller kernel, " + (n > 2 ? "fewer convolutions, " : "")
                        + "or the mlp architecture");
            }
            var rng = config.rng();
            int flat = lastChannels * lastHeight * lastWidth;
            // Created in this order (convolutions, the two fc layers, transposed convolutions, blocks) so that
            // the random initial values of a two-convolution model are the ones it always had.
            for (int i = 0; i < n; i++) {
                convs.add(new Conv2d("encoder.conv" + (i + 1), i == 0 ? shape.channels() : c[i - 1], c[i], kernel,
                        STRIDE, padding, rng));
            }
            this.encoderFc = new Linear("encoder.fc", flat + condition, (stochastic ? 2 : 1) * latent, rng);
            this.decoderFc = new Linear("decoder.fc", latent + condition, flat, rng);
            for (int i = n; i >= 1; i--) { // deconv (n - i + 1) takes side i back to side i - 1
                int out = i == 1 ? shape.channels() * config.outputsPerValue() : c[i - 2];
                deconvs.add(new ConvTranspose2d("decoder.deconv" + (n - i + 1), c[i - 1], out, kernel, STRIDE,
                        padding, outputPadding(heights[i - 1], heights[i], kernel, padding),
                        outputPadding(widths[i - 1], widths[i], kernel, padding), rng));
            }
            for (int b = 0; b < h.get(RESIDUAL_BLOCKS); b++) {
                encoderBlocks.add(new ResidualBlock("encoder.res" + b, lastChannels, rng));
                decoderBlocks.add(new ResidualBlock("decoder.res" + b, lastChannels, rng));
            }
        }

        @Override
        public List<Parameter> parameters() {
            List<Layer> layers = new ArrayList<>(convs);
            layers.addAll(encoderBlocks);
            layers.add(encoderFc);
            layers.add(decoderFc);
            layers.addAll(decoderBlocks);
            layers.addAll(deconvs);
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
            Var h = x;
            for (Conv2d conv : convs) {
                h = ElementwiseOps.relu(g, conv.forward(g, h));
            }
            for (ResidualBlock block : encoderBlocks) {
                h = block.forward(g, h);
            }
            Var flat = ShapeOps.reshape(g, h, h.rows(), h.cols());
            Var stats = encoderFc.forward(g, Architecture.withCondition(g, flat, c, condition));
            if (!stochastic) {
                return Encoding.pointMass(g, stats);
            }
            return new Encoding(ShapeOps.sliceColumns(g, stats, 0, latent),
                    variance.logVariance(g, ShapeOps.sliceColumns(g, stats, latent, 2 * latent)));
        }

        @Override
        public Var decode(Graph g, Var z) {
            return decode(g, z, null);
        }

        @Override
        public Var decode(Graph g, Var z, Var c) {
            Var in = Architecture.withCondition(g, z, c, condition);
            Var h = ShapeOps.reshape(g, decoderFc.forward(g, in), z.rows(), lastChannels, lastHeight, lastWidth);
            for (ResidualBlock block : decoderBlocks) {
                h = block.forward(g, h);
            }
            for (int i = 0; i < deconvs.size() - 1; i++) {
                h = ElementwiseOps.relu(g, deconvs.get(i).forward(g, h));
            }
            return deconvs.getLast().forward(g, h);
        }
    }
}
