package vae.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.models.Fixtures.shapes;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.api.Checkpoints;
import vae.api.Datasets;
import vae.api.TrainedVae;
import vae.api.TrainingRun;
import vae.core.backend.ScalarBackend;
import vae.core.data.DataSplit;
import vae.core.data.ExampleShape;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.random.CounterRng;
import vae.core.spi.ArchitectureConfig;
import vae.core.spi.Model;
import vae.core.tensor.Tensor;
import vae.models.architecture.Conv;
import vae.models.likelihood.Bernoulli;
import vae.models.likelihood.Gaussian;
import vae.models.objective.Vae;

/**
 * {@code conv} with the list hyperparameter {@code channels}: N stride-2 convolutions and their
 * mirror (the CelebA-style 64×64 net at {@code 32,64,128,256}), PyTorch names, odd sizes, the
 * parameter count, the record, gradients and a checkpoint round trip; and that a two-entry list
 * is the {@code channels1}/{@code channels2} model bit for bit.
 */
class ConvChannelsListTest {
    private static final ExampleShape COLOUR_64 = new ExampleShape(3, 64, 64);

    private static Model conv(ExampleShape shape, Map<String, String> values) {
        return Fixtures.compose(new Vae(), Map.of(), new Conv(), values, new Bernoulli(), shape, 1);
    }

    @Test
    void fourChannelsBuildTheCelebaStyleNetWithPytorchNames() {
        Model model = conv(COLOUR_64, Map.of("channels", "32,64,128,256", "latent", "128"));
        Map<String, List<Integer>> expected = new LinkedHashMap<>();
        int[] c = {3, 32, 64, 128, 256};
        for (int i = 1; i <= 4; i++) {
            expected.put("encoder.conv" + i + ".weight", List.of(c[i], c[i - 1], 4, 4));
            expected.put("encoder.conv" + i + ".bias", List.of(c[i]));
        }
        // 64 -> 32 -> 16 -> 8 -> 4: 256·4·4 = 4096 features
        expected.put("encoder.fc.weight", List.of(256, 4096));
        expected.put("encoder.fc.bias", List.of(256));
        expected.put("decoder.fc.weight", List.of(4096, 128));
        expected.put("decoder.fc.bias", List.of(4096));
        for (int i = 1; i <= 4; i++) { // ConvTranspose2d weights are [in, out, k, k]
            expected.put("decoder.deconv" + i + ".weight", List.of(c[5 - i], c[4 - i], 4, 4));
            expected.put("decoder.deconv" + i + ".bias", List.of(c[4 - i]));
        }
        Fixtures.assertStateDict(expected, model.parameters());

        Graph g = Graph.inference(new ScalarBackend(1));
        var q = model.encode(g, g.constant(Fixtures.batch(3, 2, COLOUR_64)));
        assertArrayEquals(new int[] {2, 128}, q.mu().shape());
        assertArrayEquals(new int[] {2, 3, 64, 64}, model.decode(g, q.mu()).shape());
    }

    @Test
    void oddSizesComeBackWholeThroughThreeConvolutionsAndOne() {
        // kernel 3: 13x10 -> 7x5 -> 4x3 -> 2x2
        Model three = Fixtures.compose(new Vae(), Map.of(), new Conv(),
                Map.of("channels", "2,3,4", "kernel", "3", "latent", "5"), new Gaussian(), new ExampleShape(3, 13, 10), 1);
        assertEquals(List.of(10, 16), shapes(three.parameters()).get("encoder.fc.weight"));
        assertEquals(List.of(2, 6, 3, 3), shapes(three.parameters()).get("decoder.deconv3.weight"));
        Graph g = Graph.inference(new ScalarBackend(1));
        var q = three.encode(g, g.constant(Tensor.zeros(2, 3, 13, 10)));
        assertArrayEquals(new int[] {2, 6, 13, 10}, three.decode(g, q.mu()).shape());

        Model one = conv(new ExampleShape(1, 5, 7), Map.of("channels", "4", "latent", "2"));
        assertEquals(List.of("encoder.conv1.weight", "encoder.conv1.bias", "encoder.fc.weight", "encoder.fc.bias",
                "decoder.fc.weight", "decoder.fc.bias", "decoder.deconv1.weight", "decoder.deconv1.bias"),
                one.parameters().stream().map(Parameter::name).toList());
        var q1 = one.encode(g, g.constant(Tensor.zeros(1, 1, 5, 7)));
        assertArrayEquals(new int[] {1, 1, 5, 7}, one.decode(g, q1.mu()).shape());
    }

    @Test
    void parameterCountIsWhatCreateAllocates() {
        Conv arch = new Conv();
        List<Map<String, String>> cases = List.of(Map.of("channels", "32,64,128,256", "latent", "128"),
                Map.of("channels", "2,3,5", "kernel", "3", "latent", "4", "residual_blocks", "1"),
                Map.of("channels", "7", "kernel", "5", "latent", "1"));
        for (Map<String, String> values : cases) {
            for (boolean stochastic : new boolean[] {true, false}) {
                var config = new ArchitectureConfig(COLOUR_64, 2 * COLOUR_64.size(), stochastic,
                        arch.parse("architecture", values, Map.of()), new CounterRng(1));
                long allocated = arch.create(config).parameters().stream().mapToLong(Parameter::size).sum();
                assertEquals(allocated, arch.parameterCount(config), values + (stochastic ? "" : " deterministic"));
            }
        }
    }

    @Test
    void aTwoEntryListIsTheChannels1Channels2ModelBitForBit() {
        ExampleShape mnist = new ExampleShape(1, 28, 28);
        var pair = vae.api.Vae.builder().arch("conv").set("channels1", 3).set("channels2", 5).seed(7).build(mnist);
        var list = vae.api.Vae.builder().arch("conv").set("channels", "3,5").seed(7).build(mnist);
        List<Parameter> a = pair.model().parameters();
        List<Parameter> b = list.model().parameters();
        assertEquals(a.stream().map(Parameter::name).toList(), b.stream().map(Parameter::name).toList());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i).value().data(), b.get(i).value().data(), 0f, a.get(i).name());
        }
        assertFalse(pair.spec().architecture().hyperparameters().containsKey("channels"),
                "left out when not given, so the record is the one older versions wrote");
    }

    @Test
    void theListIsRecordedAsWrittenAndRebuildsTheSameModel() {
        var built = vae.api.Vae.builder().arch("conv").set("channels", List.of(4, 8, 8)).set("latent", 3).seed(2)
                .build(new ExampleShape(1, 28, 28));
        assertEquals("4,8,8", built.spec().architecture().hyperparameters().get("channels"));
        var rebuilt = vae.api.Vae.of(built.spec(), new ExampleShape(1, 28, 28), 2);
        assertEquals(shapes(built.model().parameters()), shapes(rebuilt.model().parameters()));
    }

    @Test
    void theListAndTheTwoSingleChannelSettingsAreNotBothGiven() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> conv(COLOUR_64, Map.of("channels", "8,16", "channels1", "8")));
        assertEquals("architecture conv: channels=8,16 and channels1/channels2 both set the channels; give only one "
                + "of them", e.getMessage());
        var bad = assertThrows(IllegalArgumentException.class, () -> conv(COLOUR_64, Map.of("channels", "8,x")));
        assertEquals("channels=8,x (architecture 'conv'): 'x' is not an integer, expected integers separated by "
                + "commas, each in [1, 1024]", bad.getMessage());
        var tooMany = assertThrows(IllegalArgumentException.class,
                () -> conv(COLOUR_64, Map.of("channels", "1,1,1,1,1,1,1,1,1")));
        assertEquals("architecture conv: channels lists 9 convolutions; give at most 8", tooMany.getMessage());
    }

    @Test
    void imagesTooSmallForTheConvolutionsAreRefusedNamingTheSmallestThatFits() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> conv(new ExampleShape(3, 7, 64), Map.of("channels", "4,4,4")));
        assertEquals("architecture conv: 3x7x64 images are too small for three stride-2 convolutions with kernel 4: "
                + "use images of at least 8x8 pixels, a smaller kernel, fewer convolutions, or the mlp architecture",
                e.getMessage());
        conv(new ExampleShape(3, 8, 8), Map.of("channels", "4,4,4")); // 8 -> 4 -> 2 -> 1
    }

    /** Analytic gradients of every parameter of a three-convolution model against finite differences. */
    @Test
    void gradientsOfAThreeConvolutionModelMatchFiniteDifferences() {
        // 8x8 -> 4x4 -> 2x2 -> 1x1; conv 2·1·16+2, 2·2·16+2, 3·2·16+3; fc 3→4, 2→3; deconv 3·2·16+2, 2·2·16+2, 2·16+1
        Model model = conv(new ExampleShape(1, 8, 8), Map.of("channels", "2,2,3", "latent", "2"));
        int checked = Fixtures.checkGradients(model, Fixtures.batch(61, 2, new ExampleShape(1, 8, 8)), 62, 0, 1e-3f);
        assertEquals(34 + 66 + 99 + 16 + 9 + 98 + 66 + 33, checked);
    }

    @Test
    void aCheckpointOfAThreeConvolutionModelLoadsAndScoresTheSame(@TempDir Path dir) {
        DataSplit data = Datasets.load("mnist", 200, 50);
        TrainingRun run = vae.api.Vae.builder().arch("conv").set("channels", "4,8,8").set("latent", 3).seed(3)
                .build(data).trainer().epochs(1).batchSize(50).trainLimit(200).testLimit(50)
                .listener(Checkpoints.into(dir)).fit(data, "mnist");
        double trained = run.model().evaluate(run.testSet(), 4).negativeLogLikelihood();
        try (TrainedVae loaded = TrainedVae.load(dir.resolve(Checkpoints.MODEL_FILE))) {
            assertEquals("4,8,8", loaded.spec().architecture().hyperparameters().get("channels"));
            assertTrue(loaded.describe().contains("channels=4,8,8"), loaded.describe());
            assertEquals(trained, loaded.evaluate(run.testSet(), 4).negativeLogLikelihood(), 0.0);
        }
    }
}
