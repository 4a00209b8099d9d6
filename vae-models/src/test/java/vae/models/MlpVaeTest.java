package vae.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.data.ExampleShape;
import vae.core.graph.Graph;
import vae.core.loss.BernoulliLikelihood;
import vae.core.graph.Parameter;
import vae.core.random.CounterRng;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.LossTerms;
import vae.core.spi.VariantConfig;
import vae.core.tensor.Tensor;

class MlpVaeTest {

    private static VariantConfig config(ExampleShape shape, Map<String, String> params) {
        VaeProvider p = new VaeProvider();
        return new VariantConfig(shape, new BernoulliLikelihood(),
                HyperparameterValues.parse(p.name(), p.hyperparameters(), params), new CounterRng(1));
    }

    @Test
    void defaultModelHasThePytorchExampleStateDict() {
        var model = new VaeProvider().create(config(new ExampleShape(1, 28, 28), Map.of()));
        Map<String, List<Integer>> shapes = new LinkedHashMap<>();
        for (Parameter p : model.parameters()) {
            shapes.put(p.name(), java.util.Arrays.stream(p.value().shape()).boxed().toList());
        }
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
        assertEquals(expected, shapes);
        assertEquals(20, model.latentDim());
    }

    /**
     * A 2-pixel image through a network with one hidden unit and one latent dimension, with
     * weights and noise fixed; the expected numbers were worked out by hand:
     * h1 = relu(0.5·0.6 − 0.25·0.9 + 0.1) = 0.175; μ = 0.8·0.175 − 0.2 = −0.06;
     * lv = 0.3·0.175 + 0.1 = 0.1525; z = μ + e^(lv/2)·0.7 = 0.6954626;
     * h3 = relu(1.5·z + 0.05) = 1.0931940; logits = (h3 + 0.2, −2·h3 + 0.3) = (1.2931940, −1.8863879);
     * BCE = Σ softplus(l) − l·x = 2.5986650; KL = ½(μ² + e^lv − 1 − lv) = 0.0079212.
     */
    @Test
    void lossOfTinyFixedNetworkMatchesHandComputation() {
        var model = new VaeProvider().create(config(new ExampleShape(1, 1, 2), Map.of("hidden", "1", "latent", "1")));
        Map<String, float[]> weights = Map.of(
                "fc1.weight", new float[] {0.5f, -0.25f}, "fc1.bias", new float[] {0.1f},
                "fc21.weight", new float[] {0.8f}, "fc21.bias", new float[] {-0.2f},
                "fc22.weight", new float[] {0.3f}, "fc22.bias", new float[] {0.1f},
                "fc3.weight", new float[] {1.5f}, "fc3.bias", new float[] {0.05f},
                "fc4.weight", new float[] {1.0f, -2.0f}, "fc4.bias", new float[] {0.2f, 0.3f});
        for (Parameter p : model.parameters()) {
            float[] w = weights.get(p.name());
            assertEquals(w.length, p.size(), p.name());
            System.arraycopy(w, 0, p.value().data(), 0, w.length);
        }
        Graph g = Graph.training(new ScalarBackend(1));
        var x = g.constant(new Tensor(new float[] {0.6f, 0.9f}, 1, 1, 1, 2));
        LossTerms loss = model.loss(g, x, (graph, shape) -> new Tensor(new float[] {0.7f}, shape));

        assertEquals("recon", loss.terms().get(0).name());
        assertEquals("kl", loss.terms().get(1).name());
        assertEquals(2.5986650, loss.terms().get(0).perExample().item(), 2e-6);
        assertEquals(0.0079212, loss.terms().get(1).perExample().item(), 2e-7);
        assertEquals(2.6065863, loss.objective().item(), 2e-6);
    }

    @Test
    void objectiveIsTheBatchMeanOfReconPlusKl() {
        var model = new VaeProvider().create(config(new ExampleShape(1, 4, 4), Map.of("hidden", "8", "latent", "3")));
        Graph g = Graph.training(new ScalarBackend(1));
        float[] pixels = new float[5 * 16];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (i * 7 % 11) / 10f;
        }
        CounterRng rng = new CounterRng(3);
        LossTerms loss = model.loss(g, g.constant(new Tensor(pixels, 5, 1, 4, 4)), (graph, shape) -> {
            Tensor t = Tensor.zeros(shape);
            graph.backend().fillGaussian(rng, 0, 0, t.data(), 0, t.size());
            return t;
        });
        double expected = 0;
        for (int r = 0; r < 5; r++) {
            expected += loss.terms().get(0).perExample().data()[r] + loss.terms().get(1).perExample().data()[r];
        }
        assertEquals(expected / 5, loss.objective().item(), 1e-4);
        g.backward(loss.objective());
        float[] grad = model.parameters().get(0).grad().data();
        assertArrayEquals(new int[] {8, 16}, model.parameters().get(0).grad().shape());
        double norm = 0;
        for (float v : grad) {
            norm += v * v;
        }
        org.junit.jupiter.api.Assertions.assertTrue(norm > 0, "the encoder receives a gradient");
    }
}
