package vae.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.models.Fixtures.batch;
import static vae.models.Fixtures.checkGradients;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.api.Checkpoints;
import vae.api.TrainedVae;
import vae.api.TrainingRun;
import vae.api.Vae;
import vae.core.backend.ScalarBackend;
import vae.core.data.DataSplit;
import vae.core.data.Dataset;
import vae.core.data.ExampleShape;
import vae.core.eval.EvaluationSummary;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.random.CounterRng;
import vae.core.spi.Model;
import vae.core.tensor.Tensor;

/** The conditional VAE: labels reach both networks, their gradients, training, sampling and checkpoints. */
class ConditionalVaeTest {
    private static final ExampleShape SMALL = new ExampleShape(1, 3, 3);

    /** A conditional model seen as a model of x for one fixed batch of labels, for the gradient check. */
    private static Model withLabels(Model conditional, int[] labels) {
        return Fixtures.withLoss(conditional, (g, x, context) -> conditional.given(g, labels).loss(g, x, context));
    }

    @Test
    void gradientsFlowThroughTheLabelledNetworksOfEveryObjective() {
        int[] labels = {2, 0, 1, 2};
        for (String variant : List.of("vae", "iwae", "beta-vae")) {
            Model mlp = Vae.builder().variant(variant).set("hidden", 5).set("latent", 2).conditional(3).seed(4)
                    .build(SMALL).model();
            // fc1 (9+3 → 5), fc21 and fc22 (5 → 2), fc3 (2+3 → 5), fc4 (5 → 9)
            assertEquals(12 * 5 + 5 + 2 * (5 * 2 + 2) + 5 * 5 + 5 + 5 * 9 + 9, checkGradients(withLabels(mlp, labels),
                    batch(7, 4, SMALL), 8, 0, 1e-3f), variant);
        }
        ExampleShape image = new ExampleShape(1, 6, 6);
        Model conv = Vae.builder().arch("conv").set("channels1", 2).set("channels2", 3).set("latent", 2).conditional(3)
                .seed(4).build(image).model();
        // conv1 2·16+2, conv2 3·2·16+3, encoder.fc (3+3 → 4), decoder.fc (2+3 → 3), deconv1 3·2·16+2, deconv2 2·16+1
        assertEquals(34 + 99 + 28 + 18 + 98 + 33, checkGradients(withLabels(conv, new int[] {1, 2}),
                batch(9, 2, image), 10, 0, 1e-3f));
    }

    @Test
    void theLabelChangesTheDecodingAndUnlabelledUseIsRefused() {
        Model model = Vae.builder().set("hidden", 5).set("latent", 2).conditional(4).seed(3).build(SMALL).model();
        assertEquals(4, model.conditionClasses());
        Graph g = Graph.inference(new ScalarBackend());
        Var z = g.constant(new Tensor(new float[] {0.5f, -1f, 0.5f, -1f}, 2, 2));
        float[] out = model.given(g, new int[] {0, 3}).decode(g, z).data();
        boolean differs = false;
        for (int j = 0; j < 9; j++) {
            differs |= out[j] != out[9 + j];
        }
        assertTrue(differs, "the same z decodes differently for labels 0 and 3");
        // sample-major rows: four rows for two labels repeat them as 0, 3, 0, 3
        Var z4 = g.constant(new Tensor(new float[] {0.5f, -1f, 0.5f, -1f, 0.5f, -1f, 0.5f, -1f}, 4, 2));
        float[] out4 = model.given(g, new int[] {0, 3}).decode(g, z4).data();
        for (int j = 0; j < 18; j++) {
            assertEquals(out[j], out4[j]);
            assertEquals(out[j], out4[18 + j]);
        }
        assertThrows(IllegalStateException.class, () -> model.decode(g, z));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.given(g, new int[] {4}));
        assertTrue(e.getMessage().contains("label 4 is not one of the model's 4 classes"), e.getMessage());
        Model plain = Vae.builder().set("hidden", 5).set("latent", 2).build(SMALL).model();
        assertThrows(UnsupportedOperationException.class, () -> plain.given(g, new int[] {0}));
    }

    @Test
    void aConditionalModelRefusesAPriorThatRunsTheEncoderWithoutLabels() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Vae.builder().prior("vamp").conditional(10).build(SMALL));
        assertTrue(e.getMessage().contains("prior 'vamp'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Vae.builder().conditional(1).build(SMALL));
    }

    /**
     * Four classes, each one bright pixel of a 2×2 image plus noise: a label that reached the wrong
     * examples would leave the class's samples at random.
     */
    private static Dataset patterns(String name, int n, long seed) {
        float[] x = new float[n * 4];
        int[] labels = new int[n];
        CounterRng rng = new CounterRng(seed);
        for (int i = 0; i < n; i++) {
            labels[i] = i % 4;
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) ((j == labels[i] ? 0.9 : 0.1) + 0.05 * rng.uniform(0, i * 4L + j));
            }
        }
        return new Dataset(name, new ExampleShape(1, 2, 2), x, labels);
    }

    @Test
    void eachClassSamplesItsOwnPatternAndTheCheckpointKeepsTheCondition(@TempDir Path dir) {
        DataSplit data = new DataSplit(patterns("patterns/train", 2000, 1), patterns("patterns/test", 200, 2));
        Vae vae = Vae.builder().set("hidden", 16).set("latent", 2).conditional().seed(6).build(data);
        assertEquals(4, vae.conditionClasses());
        TrainingRun run = vae.trainer().epochs(8).batchSize(50).listener(Checkpoints.into(dir)).fit(data, "patterns");
        TrainedVae trained = run.model();
        for (int c = 0; c < 4; c++) {
            float[][] samples = trained.sample(50, 11, c);
            int right = 0;
            for (float[] s : samples) {
                int brightest = 0;
                for (int j = 1; j < 4; j++) {
                    brightest = s[j] > s[brightest] ? j : brightest;
                }
                right += brightest == c ? 1 : 0;
            }
            assertTrue(right >= 48, "class " + c + ": " + right + " of 50 samples show its pixel");
        }
        float[][] grid = trained.classGrid(3, 11);
        assertEquals(12, grid.length);
        assertEquals(trained.sample(3, 11, 2)[1][0], grid[2 * 3 + 1][0]);
        EvaluationSummary before = trained.evaluate(data.test(), 4);
        try (TrainedVae loaded = TrainedVae.load(dir.resolve(Checkpoints.MODEL_FILE))) {
            assertEquals(4, loaded.conditionClasses());
            assertEquals(4, loaded.spec().conditionClasses());
            assertEquals(before.negativeLogLikelihood(), loaded.evaluate(data.test(), 4).negativeLogLikelihood(), 0.0);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loaded.decode(new float[][] {{0f, 0f}}));
            assertTrue(e.getMessage().contains("conditional model"), e.getMessage());
            Dataset unlabelled = new Dataset("unlabelled", new ExampleShape(1, 2, 2), new float[4], null);
            assertThrows(IllegalArgumentException.class, () -> loaded.evaluate(unlabelled, 2));
        }
        assertFalse(Vae.builder().build(data).conditionClasses() > 0);
    }
}
