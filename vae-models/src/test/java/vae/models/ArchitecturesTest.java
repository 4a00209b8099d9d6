package vae.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.models.Fixtures.compose;
import static vae.models.Fixtures.shapes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.data.ExampleShape;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.spi.Encoding;
import vae.core.optim.Adam;
import vae.core.optim.AdamConfig;
import vae.core.spi.LikelihoodProvider;
import vae.core.spi.LossContext;
import vae.core.spi.LossTerms;
import vae.core.spi.Model;
import vae.core.spi.ObjectiveProvider;
import vae.core.tensor.Tensor;
import vae.models.architecture.Conv;
import vae.models.architecture.Mlp;
import vae.models.likelihood.Bernoulli;
import vae.models.likelihood.Gaussian;
import vae.models.likelihood.GaussianUnitVariance;
import vae.models.objective.Ae;
import vae.models.objective.Vae;

/**
 * The {@code mlp} and {@code conv} architectures: parameter names and shapes as PyTorch's
 * {@code state_dict} gives them, how the objective (stochastic or not) and the likelihood (values
 * per pixel) size them, their forward values, that they learn, and the data shapes they refuse.
 */
class ArchitecturesTest {

    /** What each architecture says it will allocate is what it allocates, for every case it distinguishes. */
    @Test
    void parameterCountIsWhatCreateAllocates() {
        record Case(vae.core.spi.ArchitectureProvider arch, Map<String, String> values, ExampleShape shape) {
        }
        List<Case> cases = List.of(
                new Case(new Mlp(), Map.of("hidden", "7", "latent", "3"), new ExampleShape(1, 5, 4)),
                new Case(new Mlp(), Map.of(), new ExampleShape(1, 28, 28)),
                new Case(new Mlp(), Map.of("hidden", "6", "latent", "2", "depth", "3", "activation", "tanh"),
                        new ExampleShape(1, 3, 3)),
                new Case(new Conv(), Map.of("channels1", "3", "channels2", "5", "kernel", "4", "latent", "2"),
                        new ExampleShape(1, 28, 28)),
                new Case(new Conv(), Map.of("channels1", "2", "channels2", "3", "kernel", "3", "latent", "4"),
                        new ExampleShape(3, 9, 13)),
                new Case(new Conv(), Map.of("channels1", "2", "channels2", "2", "kernel", "5", "latent", "1"),
                        new ExampleShape(2, 7, 6)),
                new Case(new Conv(), Map.of("channels1", "3", "channels2", "4", "latent", "2", "residual_blocks", "2"),
                        new ExampleShape(1, 12, 12)));
        for (Case c : cases) {
            for (int outputs : new int[] {1, 2}) {
                for (boolean stochastic : new boolean[] {true, false}) {
                    var config = new vae.core.spi.ArchitectureConfig(c.shape(), outputs * c.shape().size(), stochastic,
                            c.arch().parse("architecture", c.values(), Map.of()), new vae.core.random.CounterRng(1));
                    long allocated = c.arch().create(config).parameters().stream().mapToLong(Parameter::size).sum();
                    assertEquals(allocated, c.arch().parameterCount(config),
                            c.arch().name() + " " + c.values() + " " + c.shape() + " outputs " + outputs
                                    + (stochastic ? "" : " deterministic"));
                }
            }
        }
        var tooSmall = new vae.core.spi.ArchitectureConfig(new ExampleShape(1, 1, 1), 1, true,
                new Conv().parse("architecture", Map.of(), Map.of()), new vae.core.random.CounterRng(1));
        assertEquals(-1, new Conv().parameterCount(tooSmall), "too small to say: create reports it");
    }
    private static final ExampleShape MNIST = new ExampleShape(1, 28, 28);

    private static Model mlp(ObjectiveProvider objective, LikelihoodProvider likelihood, ExampleShape shape,
                             Map<String, String> values) {
        return compose(objective, Map.of(), new Mlp(), values, likelihood, shape, 1);
    }

    private static Model conv(ObjectiveProvider objective, LikelihoodProvider likelihood, ExampleShape shape,
                              Map<String, String> values) {
        return compose(objective, Map.of(), new Conv(), values, likelihood, shape, 1);
    }

    /** pytorch/examples vae/main.py: fc1 784→400, fc21 and fc22 400→20, fc3 20→400, fc4 400→784; weights [out, in]. */
    @Test
    void defaultMlpHasThePytorchExampleStateDict() {
        Model model = mlp(new Vae(), new Bernoulli(), MNIST, Map.of());
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        expected.put("fc1.weight", List.of(400, 784));
        expected.put("fc1.bias", List.of(400));
        expected.put("fc21.weight", List.of(20, 400));
        expected.put("fc21.bias", List.of(20));
        expected.put("fc22.weight", List.of(20, 400));
        expected.put("fc22.bias", List.of(20));
        expected.put("fc3.weight", List.of(400, 20));
        expected.put("fc3.bias", List.of(400));
        expected.put("fc4.weight", List.of(784, 400));
        expected.put("fc4.bias", List.of(784));
        Fixtures.assertStateDict(expected, model.parameters());
        assertEquals(20, model.latentDim());
    }

    @Test
    void mlpWithADeterministicEncoderHasNoFc22AndGivesAPointMass() {
        Model model = mlp(new Ae(), new Bernoulli(), new ExampleShape(1, 3, 3), Map.of("hidden", "6", "latent", "2"));
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc21.weight", "fc21.bias", "fc3.weight", "fc3.bias",
                "fc4.weight", "fc4.bias"), List.copyOf(shapes(model.parameters()).keySet()));
        Graph g = Graph.inference(new ScalarBackend(1));
        Encoding q = model.encode(g, g.constant(Fixtures.batch(1, 2, new ExampleShape(1, 3, 3))));
        assertArrayEquals(new int[] {2, 2}, q.mu().shape());
        for (float lv : q.logvar().data()) {
            assertEquals(Float.NEGATIVE_INFINITY, lv, "log σ² of a point mass");
        }
    }

    @Test
    void mlpDecoderGivesAsManyValuesPerPixelAsTheLikelihoodNeeds() {
        ExampleShape shape = new ExampleShape(2, 3, 5);
        Map<String, String> small = Map.of("hidden", "7", "latent", "4");
        assertEquals(List.of(30, 7), shapes(mlp(new Vae(), new Bernoulli(), shape, small).parameters()).get("fc4.weight"));
        assertEquals(List.of(30, 7),
                shapes(mlp(new Vae(), new GaussianUnitVariance(), shape, small).parameters()).get("fc4.weight"));
        assertEquals(List.of(60, 7), shapes(mlp(new Vae(), new Gaussian(), shape, small).parameters()).get("fc4.weight"));
        assertEquals(List.of(60), shapes(mlp(new Vae(), new Gaussian(), shape, small).parameters()).get("fc4.bias"));
    }

    /**
     * The tiny network of {@link Fixtures#tinyMlp}, worked out by hand:
     * h1 = relu(0.5·0.6 − 0.25·0.9 + 0.1) = 0.175; μ = 0.8·0.175 − 0.2 = −0.06;
     * log σ² = 0.3·0.175 + 0.1 = 0.1525; at z = 0.7: h3 = relu(1.5·0.7 + 0.05) = 1.1,
     * outputs (h3 + 0.2, −2·h3 + 0.3) = (1.3, −1.9); at z = −1: h3 = relu(−1.45) = 0, outputs (0.2, 0.3).
     */
    @Test
    void mlpForwardMatchesHandComputation() {
        Model model = Fixtures.tinyMlp(new Vae(), new Bernoulli());
        Graph g = Graph.inference(new ScalarBackend(1));
        Encoding q = model.encode(g, g.constant(Fixtures.tinyExample()));
        assertEquals(-0.06, q.mu().item(), 1e-7);
        assertEquals(0.1525, q.logvar().item(), 1e-7);
        var out = model.decode(g, g.constant(new Tensor(new float[] {0.7f, -1f}, 2, 1)));
        assertArrayEquals(new int[] {2, 2}, out.shape());
        assertArrayEquals(new float[] {1.3f, -1.9f, 0.2f, 0.3f}, out.data(), 1e-6f);
    }

    @Test
    void defaultConvForMnistHasTheDocumentedLayers() {
        Model model = conv(new Vae(), new Bernoulli(), MNIST, Map.of());
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        // Conv2d weights are [out, in, k, k]; ConvTranspose2d weights [in, out, k, k]; Linear [out, in].
        expected.put("encoder.conv1.weight", List.of(32, 1, 4, 4));
        expected.put("encoder.conv1.bias", List.of(32));
        expected.put("encoder.conv2.weight", List.of(64, 32, 4, 4));
        expected.put("encoder.conv2.bias", List.of(64));
        expected.put("encoder.fc.weight", List.of(32, 3136));
        expected.put("encoder.fc.bias", List.of(32));
        expected.put("decoder.fc.weight", List.of(3136, 16));
        expected.put("decoder.fc.bias", List.of(3136));
        expected.put("decoder.deconv1.weight", List.of(64, 32, 4, 4));
        expected.put("decoder.deconv1.bias", List.of(32));
        expected.put("decoder.deconv2.weight", List.of(32, 1, 4, 4));
        expected.put("decoder.deconv2.bias", List.of(1));
        Fixtures.assertStateDict(expected, model.parameters());
        assertEquals(16, model.latentDim());

        Graph g = Graph.inference(new ScalarBackend(2));
        var q = model.encode(g, g.constant(Tensor.zeros(3, 1, 28, 28)));
        assertArrayEquals(new int[] {3, 16}, q.mu().shape());
        assertArrayEquals(new int[] {3, 16}, q.logvar().shape());
        assertArrayEquals(new int[] {3, 1, 28, 28}, model.decode(g, q.mu()).shape());
    }

    /**
     * {@code variance=log-std} reads the same head as log σ: the same weights (same names, same
     * initial values), the same μ, and twice the log σ².
     */
    @Test
    void aLogStdVarianceHeadDoublesTheLogVarianceAndChangesNothingElse() {
        ExampleShape shape = new ExampleShape(1, 8, 8);
        Map<String, String> mlpValues = Map.of("hidden", "6", "latent", "3");
        Map<String, String> convValues = Map.of("channels1", "2", "channels2", "3", "latent", "3");
        List<Model[]> pairs = List.of(
                new Model[] {mlp(new Vae(), new Bernoulli(), shape, mlpValues),
                        mlp(new Vae(), new Bernoulli(), shape, with(mlpValues, "variance", "log-std"))},
                new Model[] {conv(new Vae(), new Bernoulli(), shape, convValues),
                        conv(new Vae(), new Bernoulli(), shape, with(convValues, "variance", "log-std"))});
        for (Model[] pair : pairs) {
            List<Parameter> a = pair[0].parameters();
            List<Parameter> b = pair[1].parameters();
            assertEquals(a.size(), b.size());
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).name(), b.get(i).name());
                assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(), a.get(i).name());
            }
            Graph g = Graph.inference(new ScalarBackend(1));
            Tensor x = Fixtures.batch(2, 2, shape);
            Encoding logVar = pair[0].encode(g, g.constant(x));
            Encoding logStd = pair[1].encode(g, g.constant(x));
            assertArrayEquals(logVar.mu().data(), logStd.mu().data());
            float[] doubled = logVar.logvar().data().clone();
            for (int i = 0; i < doubled.length; i++) {
                doubled[i] *= 2;
            }
            assertArrayEquals(doubled, logStd.logvar().data());
        }
        assertThrows(IllegalArgumentException.class, () -> mlp(new Vae(), new Bernoulli(), shape,
                with(mlpValues, "variance", "std")));
        IllegalArgumentException deterministic = assertThrows(IllegalArgumentException.class, () -> mlp(new Ae(),
                new Bernoulli(), shape, with(mlpValues, "variance", "log-std")));
        assertEquals("variance=log-std sets the encoder's variance head, and this model's encoder is deterministic (it "
                + "has none); drop variance", deterministic.getMessage());
        assertThrows(IllegalArgumentException.class, () -> conv(new Ae(), new Bernoulli(), shape,
                with(convValues, "variance", "log-std")));
    }

    private static Map<String, String> with(Map<String, String> values, String key, String value) {
        Map<String, String> all = new LinkedHashMap<>(values);
        all.put(key, value);
        return all;
    }

    @Test
    void convWithADeterministicEncoderGivesOneCodePerLatentDimension() {
        Model model = conv(new Ae(), new Bernoulli(), new ExampleShape(1, 8, 8),
                Map.of("channels1", "2", "channels2", "3", "latent", "5"));
        // 8x8 -> 4x4 -> 2x2: 3·2·2 = 12 features, to 5 code values instead of 2·5 statistics.
        assertEquals(List.of(5, 12), shapes(model.parameters()).get("encoder.fc.weight"));
        Graph g = Graph.inference(new ScalarBackend(1));
        Encoding q = model.encode(g, g.constant(Fixtures.batch(2, 2, new ExampleShape(1, 8, 8))));
        assertArrayEquals(new int[] {2, 5}, q.mu().shape());
        for (float lv : q.logvar().data()) {
            assertEquals(Float.NEGATIVE_INFINITY, lv, "log σ² of a point mass");
        }
    }

    @Test
    void convChannelsKernelAndLatentAreConfigurableAndOddSizesComeBackWhole() {
        Map<String, String> values = Map.of("channels1", "4", "channels2", "6", "kernel", "3", "latent", "5");
        Model model = conv(new Vae(), new Gaussian(), new ExampleShape(3, 13, 10), values);
        assertEquals(List.of(4, 3, 3, 3), shapes(model.parameters()).get("encoder.conv1.weight"));
        // 13x10 -> 7x5 -> 4x3: 6·4·3 = 72 features.
        assertEquals(List.of(10, 72), shapes(model.parameters()).get("encoder.fc.weight"));
        // A learned-variance Gaussian needs two values per pixel: 2·3 output channels.
        assertEquals(List.of(4, 6, 3, 3), shapes(model.parameters()).get("decoder.deconv2.weight"));
        Graph g = Graph.inference(new ScalarBackend(1));
        var q = model.encode(g, g.constant(Tensor.zeros(2, 3, 13, 10)));
        assertArrayEquals(new int[] {2, 5}, q.mu().shape());
        assertArrayEquals(new int[] {2, 6, 13, 10}, model.decode(g, q.mu()).shape());

        Model unit = conv(new Vae(), new GaussianUnitVariance(), new ExampleShape(3, 13, 10), values);
        assertEquals(List.of(4, 3, 3, 3), shapes(unit.parameters()).get("decoder.deconv2.weight"));
    }

    @Test
    void aDeeperTanhMlpIsTheIwaePapersNetwork() {
        Model model = mlp(new Vae(), new Bernoulli(), MNIST,
                Map.of("hidden", "200", "latent", "50", "depth", "2", "activation", "tanh"));
        List<String> names = model.parameters().stream().map(Parameter::name).toList();
        assertEquals(List.of("fc1.weight", "fc1.bias", "fc1_2.weight", "fc1_2.bias", "fc21.weight", "fc21.bias",
                "fc22.weight", "fc22.bias", "fc3.weight", "fc3.bias", "fc3_2.weight", "fc3_2.bias", "fc4.weight",
                "fc4.bias"), names);
        assertEquals(List.of(200, 200), shapes(model.parameters()).get("fc1_2.weight"));
        // tanh: a zero-weight network gives tanh(bias) in the hidden units, so the output is bounded by the weights
        Graph g = Graph.inference(new ScalarBackend(1));
        Tensor x = Tensor.zeros(1, 1, 28, 28);
        java.util.Arrays.fill(x.data(), 50f);
        for (float v : model.encode(g, g.constant(x)).mu().data()) {
            assertTrue(Math.abs(v) < 200 * 0.08 + 1, "tanh saturates: " + v); // |W| ≤ 1/√200 per weight
        }
    }

    @Test
    void residualBlocksFollowTheEncodersConvolutionsAndPrecedeTheDecodersWithPytorchNames() {
        Model model = conv(new Vae(), new Bernoulli(), new ExampleShape(1, 12, 12),
                Map.of("channels1", "3", "channels2", "4", "latent", "2", "residual_blocks", "2"));
        var names = shapes(model.parameters());
        assertEquals(List.of(4, 4, 3, 3), names.get("encoder.res0.conv1.weight"));
        assertEquals(List.of(4, 4, 1, 1), names.get("encoder.res1.conv2.weight"));
        assertEquals(List.of(4, 4, 3, 3), names.get("decoder.res1.conv1.weight"));
        List<String> order = model.parameters().stream().map(Parameter::name).toList();
        assertTrue(order.indexOf("encoder.res0.conv1.weight") > order.indexOf("encoder.conv2.bias"));
        assertTrue(order.indexOf("decoder.res1.conv2.bias") < order.indexOf("decoder.deconv1.weight"));
        Graph g = Graph.inference(new ScalarBackend(1));
        var q = model.encode(g, g.constant(Tensor.zeros(2, 1, 12, 12)));
        assertArrayEquals(new int[] {2, 1, 12, 12}, model.decode(g, q.mu()).shape());
    }

    @Test
    void withoutResidualBlocksTheRecordIsTheOneOlderVersionsWrote() {
        var spec = vae.api.Vae.builder().arch("conv").build(MNIST).spec();
        assertFalse(spec.architecture().hyperparameters().containsKey("residual_blocks"), "left out at 0");
        var withBlocks = vae.api.Vae.builder().arch("conv").set("residual_blocks", 1).build(MNIST).spec();
        assertEquals("1", withBlocks.architecture().hyperparameters().get("residual_blocks"));
        // a record without the key (as every checkpoint before it) builds the model without blocks
        var rebuilt = vae.api.Vae.of(spec, MNIST, 1);
        assertEquals(0, rebuilt.model().parameters().stream().filter(p -> p.name().contains(".res")).count());
    }

    @Test
    void convRefusesImagesTooSmallForTwoConvolutions() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> conv(new Vae(), new Bernoulli(), new ExampleShape(1, 1, 784), Map.of()));
        assertEquals("architecture conv: 1x1x784 images are too small for two stride-2 convolutions with kernel 4: "
                + "use images of at least 4x4 pixels, a smaller kernel, or the mlp architecture", e.getMessage());
        // 4x4 is the smallest that works with kernel 4, padding 1 (4 -> 2 -> 1); 3 gives 1 after the first.
        conv(new Vae(), new Bernoulli(), new ExampleShape(1, 4, 4), Map.of());
        assertThrows(IllegalArgumentException.class,
                () -> conv(new Vae(), new Bernoulli(), new ExampleShape(1, 3, 6), Map.of()));
        // Kernel 3 has padding 1 and so fits any size: 1 -> 1 -> 1.
        conv(new Vae(), new Bernoulli(), new ExampleShape(1, 1, 1), Map.of("kernel", "3"));
    }

    /** Both architectures learn: 40 Adam steps on a fixed batch with fixed noise cut the -ELBO by a fifth. */
    @Test
    void adamStepsOnAFixedBatchLowerTheLoss() {
        ExampleShape shape = new ExampleShape(1, 8, 8);
        float[] pixels = new float[6 * 64];
        for (int i = 0; i < pixels.length; i++) {
            int y = i % 64 / 8;
            int x = i % 8;
            pixels[i] = (x + y + i / 64) % 3 == 0 ? 0.9f : 0.1f;
        }
        for (Model model : List.of(conv(new Vae(), new Bernoulli(), shape,
                        Map.of("channels1", "4", "channels2", "8", "latent", "3")),
                mlp(new Vae(), new Bernoulli(), shape, Map.of("hidden", "16", "latent", "3")))) {
            LossContext zeroNoise = (graph, dims) -> Tensor.zeros(dims);
            Adam adam = new Adam(model.parameters(), AdamConfig.defaults().withLr(1e-2));
            Graph g = Graph.training(new ScalarBackend(1));
            double first = 0;
            double last = 0;
            for (int step = 0; step < 40; step++) {
                g.reset();
                LossTerms loss = model.loss(g, g.constant(new Tensor(pixels.clone(), 6, 1, 8, 8)), zeroNoise);
                g.backward(loss.objective());
                adam.step(g.backend());
                if (step == 0) {
                    first = loss.objective().item();
                }
                last = loss.objective().item();
            }
            assertTrue(last < 0.8 * first, model.parameters().get(0).name() + ": loss went from " + first + " to "
                    + last + " in 40 steps");
        }
    }

    /**
     * The conv networks against a plain-loop implementation of PyTorch's Conv2d,
     * ConvTranspose2d and Linear, wired as documented (ReLU after conv1, conv2 and deconv1; μ the
     * first half of {@code encoder.fc}'s outputs), on two-channel 5×6 images with kernel 3 and the
     * learned-variance Gaussian (four output channels).
     */
    @Test
    void convForwardMatchesPlainLoops() {
        ExampleShape shape = new ExampleShape(2, 5, 6);
        int c1 = 3;
        int c2 = 2;
        int latent = 2;
        int k = 3;
        int p = 1;
        Model model = conv(new Vae(), new Gaussian(), shape,
                Map.of("channels1", "3", "channels2", "2", "kernel", "3", "latent", "2"));
        Map<String, float[]> w = new LinkedHashMap<>();
        for (Parameter param : model.parameters()) {
            w.put(param.name(), param.value().data());
        }
        int batch = 2;
        Tensor x = Fixtures.batch(21, batch, shape);
        Graph g = Graph.inference(new ScalarBackend(1));
        Encoding q = model.encode(g, g.constant(x));
        float[] z = {0.4f, -1.3f, 2.1f, 0.05f};
        float[] decoded = model.decode(g, g.constant(new Tensor(z, batch, latent))).data();

        // 5x6 -> 3x3 -> 2x2
        int h1 = 3;
        int w1 = 3;
        int h2 = 2;
        int w2 = 2;
        int flat = c2 * h2 * w2;
        int d = shape.size();
        for (int b = 0; b < batch; b++) {
            double[] in = new double[d];
            for (int i = 0; i < d; i++) {
                in[i] = x.data()[b * d + i];
            }
            double[] a1 = relu(conv2d(in, 2, 5, 6, w.get("encoder.conv1.weight"), w.get("encoder.conv1.bias"), c1, k, p,
                    h1, w1));
            double[] a2 = relu(conv2d(a1, c1, h1, w1, w.get("encoder.conv2.weight"), w.get("encoder.conv2.bias"), c2, k, p,
                    h2, w2));
            double[] stats = linear(a2, w.get("encoder.fc.weight"), w.get("encoder.fc.bias"), 2 * latent);
            for (int j = 0; j < latent; j++) {
                assertEquals(stats[j], q.mu().data()[b * latent + j], 1e-5, "mu[" + b + "," + j + "]");
                assertEquals(stats[latent + j], q.logvar().data()[b * latent + j], 1e-5, "logvar[" + b + "," + j + "]");
            }

            double[] zb = {z[b * latent], z[b * latent + 1]};
            double[] f = linear(zb, w.get("decoder.fc.weight"), w.get("decoder.fc.bias"), flat);
            double[] t1 = relu(convTranspose2d(f, c2, h2, w2, w.get("decoder.deconv1.weight"),
                    w.get("decoder.deconv1.bias"), c1, k, p, h1, w1));
            double[] out = convTranspose2d(t1, c1, h1, w1, w.get("decoder.deconv2.weight"),
                    w.get("decoder.deconv2.bias"), 2 * shape.channels(), k, p, 5, 6);
            assertEquals(2 * d, out.length);
            for (int i = 0; i < out.length; i++) {
                assertEquals(out[i], decoded[b * 2 * d + i], 1e-5, "decoded[" + b + "," + i + "]");
            }
        }
    }

    /** PyTorch Conv2d, stride 2: weight [out, in, k, k]. */
    private static double[] conv2d(double[] in, int cin, int h, int wd, float[] weight, float[] bias, int cout, int k,
                                   int pad, int hout, int wout) {
        double[] out = new double[cout * hout * wout];
        for (int o = 0; o < cout; o++) {
            for (int y = 0; y < hout; y++) {
                for (int xx = 0; xx < wout; xx++) {
                    double s = bias[o];
                    for (int c = 0; c < cin; c++) {
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int iy = 2 * y + ky - pad;
                                int ix = 2 * xx + kx - pad;
                                if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                    s += weight[((o * cin + c) * k + ky) * k + kx] * in[(c * h + iy) * wd + ix];
                                }
                            }
                        }
                    }
                    out[(o * hout + y) * wout + xx] = s;
                }
            }
        }
        return out;
    }

    /**
     * PyTorch ConvTranspose2d, stride 2: weight [in, out, k, k]; input pixel (iy, ix) adds to
     * output (2·iy + ky − pad, 2·ix + kx − pad), the output sized by the output padding.
     */
    private static double[] convTranspose2d(double[] in, int cin, int h, int wd, float[] weight, float[] bias, int cout,
                                            int k, int pad, int hout, int wout) {
        double[] out = new double[cout * hout * wout];
        for (int o = 0; o < cout; o++) {
            for (int i = 0; i < hout * wout; i++) {
                out[o * hout * wout + i] = bias[o];
            }
        }
        for (int c = 0; c < cin; c++) {
            for (int iy = 0; iy < h; iy++) {
                for (int ix = 0; ix < wd; ix++) {
                    double v = in[(c * h + iy) * wd + ix];
                    for (int o = 0; o < cout; o++) {
                        for (int ky = 0; ky < k; ky++) {
                            for (int kx = 0; kx < k; kx++) {
                                int y = 2 * iy + ky - pad;
                                int xx = 2 * ix + kx - pad;
                                if (y >= 0 && y < hout && xx >= 0 && xx < wout) {
                                    out[(o * hout + y) * wout + xx] += v * weight[((c * cout + o) * k + ky) * k + kx];
                                }
                            }
                        }
                    }
                }
            }
        }
        return out;
    }

    /** PyTorch Linear: weight [out, in]. */
    private static double[] linear(double[] in, float[] weight, float[] bias, int out) {
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double s = bias[o];
            for (int i = 0; i < in.length; i++) {
                s += weight[o * in.length + i] * in[i];
            }
            y[o] = s;
        }
        return y;
    }

    private static double[] relu(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.max(0, v[i]);
        }
        return r;
    }
}
