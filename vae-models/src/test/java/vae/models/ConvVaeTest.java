package vae.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.data.ExampleShape;
import vae.core.graph.Graph;
import vae.core.loss.BernoulliLikelihood;
import vae.core.loss.GaussianLikelihood;
import vae.core.loss.Likelihood;
import vae.core.graph.Parameter;
import vae.core.random.CounterRng;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.LossContext;
import vae.core.spi.LossTerms;
import vae.core.spi.Variant;
import vae.core.spi.VariantConfig;
import vae.core.tensor.Tensor;

class ConvVaeTest {
    /**
     * Finite-difference step: small enough that no ReLU input crosses zero (1e-2 does, once), large
     * enough that the float rounding of the loss (about 4e-6 here) stays below 5e-3 of the slope.
     */
    private static final float STEP = 1e-3f;

    private static Variant create(ExampleShape shape, Likelihood likelihood, Map<String, String> params) {
        ConvVaeProvider p = new ConvVaeProvider();
        return p.create(new VariantConfig(shape, likelihood,
                HyperparameterValues.parse(p.name(), p.hyperparameters(), params), new CounterRng(1)));
    }

    private static Map<String, List<Integer>> shapes(Variant model) {
        Map<String, List<Integer>> shapes = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            shapes.put(p.name(), Arrays.stream(p.value().shape()).boxed().toList());
        }
        return shapes;
    }

    @Test
    void defaultModelForMnistHasTheDocumentedLayers() {
        Variant model = create(new ExampleShape(1, 28, 28), new BernoulliLikelihood(), Map.of());
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
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
        assertEquals(expected, shapes(model));
        assertEquals(16, model.latentDim());

        Graph g = Graph.inference(new ScalarBackend(2));
        var q = model.encode(g, g.constant(Tensor.zeros(3, 1, 28, 28)));
        assertArrayEquals(new int[] {3, 16}, q.mu().shape());
        assertArrayEquals(new int[] {3, 16}, q.logvar().shape());
        assertArrayEquals(new int[] {3, 1, 28, 28}, model.decode(g, q.mu()).shape());
    }

    @Test
    void channelsKernelAndLatentAreConfigurableAndOddSizesComeBackWhole() {
        Map<String, String> params = Map.of("channels1", "4", "channels2", "6", "kernel", "3", "latent", "5");
        Variant model = create(new ExampleShape(3, 13, 10), new GaussianLikelihood(true), params);
        assertEquals(List.of(4, 3, 3, 3), shapes(model).get("encoder.conv1.weight"));
        // 13x10 -> 7x5 -> 4x3: 6·4·3 = 72 features.
        assertEquals(List.of(10, 72), shapes(model).get("encoder.fc.weight"));
        // A learned-variance Gaussian needs two values per pixel: 2·3 output channels.
        assertEquals(List.of(4, 6, 3, 3), shapes(model).get("decoder.deconv2.weight"));
        Graph g = Graph.inference(new ScalarBackend(1));
        var q = model.encode(g, g.constant(Tensor.zeros(2, 3, 13, 10)));
        assertArrayEquals(new int[] {2, 5}, q.mu().shape());
        assertArrayEquals(new int[] {2, 6, 13, 10}, model.decode(g, q.mu()).shape());
    }

    @Test
    void rejectsImagesTooSmallForTwoConvolutions() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> create(new ExampleShape(1, 1, 784), new BernoulliLikelihood(), Map.of()));
        assertTrue(e.getMessage().contains("1x1x784 images are too small"), e.getMessage());
        assertTrue(e.getMessage().contains("at least 4x4"), e.getMessage());
        // 4x4 is the smallest that works with kernel 4 (4 -> 2 -> 1).
        create(new ExampleShape(1, 4, 4), new BernoulliLikelihood(), Map.of());
        assertThrows(IllegalArgumentException.class,
                () -> create(new ExampleShape(1, 3, 6), new BernoulliLikelihood(), Map.of()));
    }

    @Test
    void adamStepsOnAFixedBatchLowerTheLoss() {
        Variant model = create(new ExampleShape(1, 8, 8), new BernoulliLikelihood(),
                Map.of("channels1", "4", "channels2", "8", "latent", "3"));
        float[] pixels = new float[6 * 64];
        for (int i = 0; i < pixels.length; i++) {
            int y = i % 64 / 8;
            int x = i % 8;
            pixels[i] = (x + y + i / 64) % 3 == 0 ? 0.9f : 0.1f;
        }
        LossContext context = (graph, shape) -> Tensor.zeros(shape);
        var adam = new vae.core.optim.Adam(model.parameters(), vae.core.optim.AdamConfig.defaults().withLr(1e-2));
        Graph g = Graph.training(new ScalarBackend(1));
        double first = 0;
        double last = 0;
        for (int step = 0; step < 40; step++) {
            g.reset();
            LossTerms loss = model.loss(g, g.constant(new Tensor(pixels.clone(), 6, 1, 8, 8)), context);
            g.backward(loss.objective());
            adam.step(g.backend());
            if (step == 0) {
                first = loss.objective().item();
            }
            last = loss.objective().item();
        }
        assertTrue(last < 0.8 * first, "loss went from " + first + " to " + last + " in 40 steps");
    }

    @Test
    void lossGradientMatchesFiniteDifferencesWithBernoulliLikelihood() {
        checkLossGradient(new BernoulliLikelihood(), 1.0);
    }

    @Test
    void lossGradientMatchesFiniteDifferencesWithGaussianLikelihoodAndBeta() {
        checkLossGradient(new GaussianLikelihood(true), 2.5);
    }

    /**
     * The objective of a tiny model (1×6×6 images, 2 and 3 channels, latent 2, batch 2, fixed
     * noise) differentiated by the graph and by central differences, for every parameter.
     */
    private static void checkLossGradient(Likelihood likelihood, double beta) {
        Variant model = create(new ExampleShape(1, 6, 6), likelihood, Map.of("channels1", "2", "channels2", "3",
                "latent", "2", "beta", Double.toString(beta)));
        float[] pixels = new float[2 * 36];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = ((i * 37) % 101) / 100f;
        }
        float[] noise = {0.3f, -1.1f, 0.7f, 0.2f};
        LossContext context = (graph, shape) -> new Tensor(noise.clone(), shape);
        Graph g = Graph.training(new ScalarBackend(1));

        g.reset();
        LossTerms loss = model.loss(g, g.constant(new Tensor(pixels.clone(), 2, 1, 6, 6)), context);
        assertEquals("recon", loss.terms().get(0).name());
        assertEquals("kl", loss.terms().get(1).name());
        assertEquals(beta, loss.terms().get(1).weight());
        g.backward(loss.objective());

        double worst = 0;
        int checked = 0;
        for (Parameter p : model.parameters()) {
            float[] w = p.value().data();
            for (int i = 0; i < w.length; i++) {
                double analytic = p.grad().data()[i];
                float original = w[i];
                float plus = original + STEP;
                float minus = original - STEP;
                w[i] = plus;
                double lPlus = objective(model, g, pixels, context);
                w[i] = minus;
                double lMinus = objective(model, g, pixels, context);
                w[i] = original;
                double numeric = (lPlus - lMinus) / ((double) plus - minus);
                double error = Math.abs(analytic - numeric) / Math.max(1, Math.max(Math.abs(analytic), Math.abs(numeric)));
                assertTrue(error < 5e-3, p.name() + "[" + i + "]: analytic " + analytic + ", numeric " + numeric);
                worst = Math.max(worst, error);
                checked++;
            }
        }
        assertEquals(34 + 99 + 16 + 9 + 98 + 16 * 2 * likelihood.parametersPerValue() + likelihood.parametersPerValue(),
                checked);
    }

    /** The objective in double from the per-example float terms. */
    private static double objective(Variant model, Graph g, float[] pixels, LossContext context) {
        g.reset();
        LossTerms loss = model.loss(g, g.constant(new Tensor(pixels.clone(), 2, 1, 6, 6)), context);
        double total = 0;
        for (LossTerms.Term t : loss.terms()) {
            for (float v : t.perExample().data()) {
                total += t.weight() * v;
            }
        }
        return total / 2;
    }
}
