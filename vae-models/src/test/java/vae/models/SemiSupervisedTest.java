package vae.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.models.Fixtures.batch;
import static vae.models.Fixtures.checkGradients;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.api.Checkpoints;
import vae.api.TrainedVae;
import vae.api.TrainingRun;
import vae.api.Vae;
import vae.core.data.DataSplit;
import vae.core.data.Dataset;
import vae.core.data.ExampleShape;
import vae.core.random.CounterRng;
import vae.core.spi.Model;
import vae.core.tensor.Tensor;
import vae.core.backend.Backend;
import vae.core.backend.ScalarBackend;
import vae.core.eval.ExampleScorer;
import vae.core.graph.Graph;
import vae.core.eval.ScoredBatch;
import vae.core.loss.SoftmaxCrossEntropy;
import vae.core.train.LabelledSubset;
import vae.core.train.SemiSupervisedLoss;

/** Kingma et al.'s M2: its loss's gradients, the labelled subset, training, resume and the checkpoint. */
class SemiSupervisedTest {
    private static final ExampleShape SMALL = new ExampleShape(1, 3, 3);
    private static final Backend BACKEND = new ScalarBackend();

    /** The M2 step of a fixed batch (two labelled rows, then three unlabelled) as a model's loss. */
    private static Model asStep(Model m2, int[] labels, double weight) {
        return Fixtures.withLoss(m2, (g, x, context) -> {
            int d = SMALL.size();
            Tensor xl = new Tensor(java.util.Arrays.copyOf(x.data(), 2 * d), 2, 1, 3, 3);
            Tensor xu = new Tensor(java.util.Arrays.copyOfRange(x.data(), 2 * d, 5 * d), 3, 1, 3, 3);
            return SemiSupervisedLoss.step(g, m2, g.constant(xl), labels, g.constant(xu), context, weight);
        });
    }

    @Test
    void theM2LossesGradientsMatchFiniteDifferences() {
        Model m2 = Vae.builder().set("hidden", 4).set("latent", 2).conditional(3).classifier(3).seed(2).build(SMALL)
                .model();
        // mlp: fc1 (9+3 → 4), fc21, fc22 (4 → 2), fc3 (2+3 → 4), fc4 (4 → 9); classifier fc1 (9 → 3), fc2 (3 → 3)
        int expected = 12 * 4 + 4 + 2 * (4 * 2 + 2) + 5 * 4 + 4 + 4 * 9 + 9 + 9 * 3 + 3 + 3 * 3 + 3;
        assertEquals(expected, checkGradients(asStep(m2, new int[] {2, 0}, 7.5), batch(3, 5, SMALL), 4, 0, 1e-3f));
    }

    /** Four classes, each one bright pixel of a 2×2 image plus noise. */
    private static Dataset patterns(String name, int n, long seed) {
        float[] x = new float[n * 4];
        int[] labels = new int[n];
        CounterRng rng = new CounterRng(seed);
        for (int i = 0; i < n; i++) {
            labels[i] = (int) (rng.uniform(1, i) * 4);
            for (int j = 0; j < 4; j++) {
                x[i * 4 + j] = (float) ((j == labels[i] ? 0.9 : 0.1) + 0.05 * rng.uniform(0, i * 4L + j));
            }
        }
        return new Dataset(name, new ExampleShape(1, 2, 2), x, labels);
    }

    @Test
    void theMarginalLogLikelihoodSumsEveryClassesImportanceSampledLikelihood() {
        Model m2 = Vae.builder().set("hidden", 8).set("latent", 2).conditional(4).classifier(8).seed(3)
                .build(new ExampleShape(1, 2, 2)).model();
        Dataset data = patterns("p", 30, 3);
        ScoredBatch labelled = scorer(m2).score(data, 0, 30);
        ScoredBatch unlabelled = scorer(m2).score(new Dataset("u", data.shape(), data.features(), null), 0, 30);
        ScoredBatch[] given = new ScoredBatch[4];
        for (int y = 0; y < 4; y++) {
            int[] all = new int[30];
            java.util.Arrays.fill(all, y);
            given[y] = scorer(m2).score(new Dataset("y" + y, data.shape(), data.features(), all), 0, 30);
        }
        Graph g = Graph.inference(BACKEND);
        int[] predicted = SoftmaxCrossEntropy.argmax(m2.classify(g, g.constant(new Tensor(data.features().clone(),
                30, 1, 2, 2))).data(), 30, 4);
        for (int b = 0; b < 30; b++) {
            double p = 0;
            for (int y = 0; y < 4; y++) {
                p += Math.exp(-given[y].negativeLogLikelihood(b)) / 4;
            }
            assertEquals(-Math.log(p), labelled.marginalNegativeLogLikelihood(b), 1e-9, "example " + b);
            assertEquals(labelled.marginalNegativeLogLikelihood(b), unlabelled.marginalNegativeLogLikelihood(b));
            assertEquals(given[data.label(b)].negativeLogLikelihood(b), labelled.negativeLogLikelihood(b));
            assertEquals(given[predicted[b]].negativeLogLikelihood(b), unlabelled.negativeLogLikelihood(b));
        }
        ScoredBatch plain = scorer(Vae.builder().set("hidden", 8).set("latent", 2).seed(3)
                .build(new ExampleShape(1, 2, 2)).model()).score(data, 0, 30);
        assertTrue(Double.isNaN(plain.marginalNegativeLogLikelihood(0)), "only M2 has a marginal over classes");
    }

    private static ExampleScorer scorer(Model m) {
        return new ExampleScorer(BACKEND, m, new CounterRng(11), 7);
    }

    @Test
    void theLabelledSubsetIsBalancedAndFixedByItsSeed() {
        Dataset train = patterns("p", 400, 1);
        LabelledSubset a = LabelledSubset.of(train, 10, 5, 4);
        assertEquals(10, a.labelled().size());
        assertEquals(390, a.unlabelled().size());
        int[] perClass = new int[4];
        for (int y : a.labelled().labels()) {
            perClass[y]++;
        }
        assertArrayEquals(new int[] {3, 3, 2, 2}, perClass);
        assertArrayEquals(a.labelled().features(), LabelledSubset.of(train, 10, 5, 4).labelled().features());
        assertTrue(!java.util.Arrays.equals(a.labelled().features(), LabelledSubset.of(train, 10, 6, 4).labelled()
                .features()), "another seed keeps other examples");
        assertThrows(IllegalArgumentException.class, () -> LabelledSubset.of(train, 3, 5, 4));
    }

    private static TrainingRun train(DataSplit data, Path out, int epochs, Path resume) {
        Vae vae = resume == null
                ? Vae.builder().set("hidden", 16).set("latent", 2).classifier(16).seed(3).build(data)
                : Vae.resume(resume);
        var t = vae.trainer().epochs(epochs).batchSize(40);
        if (resume == null) {
            t.labelled(8, 9);
        }
        return t.listener(Checkpoints.into(out)).fit(data, "patterns");
    }

    @Test
    void eightLabelsTeachTheClassifierAndAResumedRunIsTheStraightOne(@TempDir Path dir) throws Exception {
        DataSplit data = new DataSplit(patterns("patterns/train", 1200, 1), patterns("patterns/test", 200, 2));
        TrainingRun straight = train(data, dir.resolve("straight"), 6, null);
        double error = straight.reports().getLast().test().terms().get(SemiSupervisedLoss.ERROR);
        assertTrue(error < 0.05, "test error with 8 labels: " + error);
        assertTrue(straight.reports().getLast().test().terms().containsKey(SemiSupervisedLoss.UNLABELLED));
        train(data, dir.resolve("halves"), 3, null);
        train(data, dir.resolve("halves"), 6, dir.resolve("halves").resolve(Checkpoints.MODEL_FILE));
        assertArrayEquals(Files.readAllBytes(dir.resolve("straight").resolve(Checkpoints.MODEL_FILE)),
                Files.readAllBytes(dir.resolve("halves").resolve(Checkpoints.MODEL_FILE)));
        try (TrainedVae m = TrainedVae.load(dir.resolve("straight").resolve(Checkpoints.MODEL_FILE))) {
            assertTrue(m.hasClassifier());
            assertEquals(16, m.spec().classifierHidden());
            assertEquals(8, m.metadata().run().aids().supervision().labelled());
            float[][] p = m.classProbabilities(data.test(), 0, 200);
            int right = 0;
            for (int i = 0; i < 200; i++) {
                int best = 0;
                for (int c = 1; c < 4; c++) {
                    best = p[i][c] > p[i][best] ? c : best;
                }
                right += best == data.test().label(i) ? 1 : 0;
                assertEquals(1.0, p[i][0] + p[i][1] + p[i][2] + p[i][3], 1e-5);
            }
            assertEquals(1 - error, right / 200.0, 1e-9);
        }
    }

    @Test
    void aClassifierWithoutLabelsAndLabelsWithoutAClassifierAreRefused() {
        DataSplit data = new DataSplit(patterns("patterns/train", 100, 1), patterns("patterns/test", 20, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Vae.builder().set("hidden", 4).classifier(4).build(data).trainer().fit(data, "p"));
        assertTrue(e.getMessage().contains("trains semi-supervised"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Vae.builder().set("hidden", 4).conditional().build(data).trainer().labelled(8, 1).fit(data, "p"));
        assertTrue(e.getMessage().contains("needs a model with a classifier"), e.getMessage());
    }
}
