package vae.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.models.Fixtures.batch;
import static vae.models.Fixtures.checkGradients;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.api.Checkpoints;
import vae.api.Datasets;
import vae.api.TrainedVae;
import vae.api.TrainingRun;
import vae.api.Vae;
import vae.core.backend.ScalarBackend;
import vae.core.data.DataSplit;
import vae.core.data.ExampleShape;
import vae.core.eval.EvaluationSummary;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.random.CounterRng;
import vae.core.spi.Model;
import vae.core.tensor.Tensor;

/** The two-stochastic-layer model as a prior over [z1, ε2]: its density, samples, gradients and training. */
class HierarchicalPriorTest {
    private static final ExampleShape SMALL = new ExampleShape(1, 3, 3);

    private static Model oneByOne() {
        return Vae.builder().prior("hierarchical").set("latent", 1).set("latent2", 1).set("prior_hidden", 3)
                .set("prior_depth", 1).set("hidden", 4).seed(1).build(SMALL).model();
    }

    /** With every weight 0, p(z1|z2) = N(m_p, e^lv_p) and q(z2|z1) = N(m_q, e^lv_q) whatever their input. */
    private static void constantLayers(Model model, float mp, float lvp, float mq, float lvq) {
        for (Parameter p : model.prior().parameters()) {
            java.util.Arrays.fill(p.value().data(), 0f);
            switch (p.name()) {
                case "prior.p_z1.mu.bias" -> p.value().data()[0] = mp;
                case "prior.p_z1.logvar.bias" -> p.value().data()[0] = lvp;
                case "prior.q_z2.mu.bias" -> p.value().data()[0] = mq;
                case "prior.q_z2.logvar.bias" -> p.value().data()[0] = lvq;
                default -> { }
            }
        }
    }

    private static double logNormal(double x, double mean, double logvar) {
        return -0.5 * (Math.log(2 * Math.PI) + logvar + (x - mean) * (x - mean) / Math.exp(logvar));
    }

    @Test
    void theDensityOfZ1AndEps2IsTheGenerativeModelsWithTheJacobianOfEps2ToZ2() {
        Model model = oneByOne();
        assertEquals(2, model.latentDim(), "z = [z1, eps2]");
        constantLayers(model, 0.7f, -0.4f, -0.3f, 0.6f);
        assertDensityOfTheLayers(model);
    }

    /** {@code prior_variance=log-std}: the heads give log σ, so halved biases make the same Gaussians. */
    @Test
    void logStdHeadsGiveTheSameDensityFromHalfTheLogVariance() {
        Model model = Vae.builder().prior("hierarchical").set("latent", 1).set("latent2", 1).set("prior_hidden", 3)
                .set("prior_depth", 1).set("hidden", 4).set("prior_variance", "log-std").seed(1).build(SMALL).model();
        constantLayers(model, 0.7f, -0.2f, -0.3f, 0.3f);
        assertDensityOfTheLayers(model);
    }

    /** p(z1|z2) = N(0.7, e^−0.4) and q(z2|z1) = N(−0.3, e^0.6), whatever their inputs. */
    private static void assertDensityOfTheLayers(Model model) {
        Graph g = Graph.inference(new ScalarBackend());
        float[] z = {0.2f, 1.1f, -1.5f, -0.4f};
        float[] logP = model.prior().logDensity(g, g.constant(new Tensor(z, 2, 2))).data();
        for (int b = 0; b < 2; b++) {
            double z1 = z[2 * b];
            double z2 = -0.3 + Math.exp(0.3) * z[2 * b + 1];
            double expected = logNormal(z1, 0.7, -0.4) + logNormal(z2, 0, 0) + 0.3;
            assertEquals(expected, logP[b], 1e-5);
        }
    }

    @Test
    void samplesFollowTheGenerativeModel() {
        Model model = oneByOne();
        constantLayers(model, 0.7f, -0.4f, -0.3f, 0.6f);
        int n = 20000;
        float[] z = new float[2 * n];
        model.prior().sample(new ScalarBackend(), new CounterRng(4), 9, z, n, 2);
        double m1 = 0;
        double m2 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            m1 += z[2 * i] / n;
            m2 += z[2 * i + 1] / n;
            s2 += (double) z[2 * i + 1] * z[2 * i + 1] / n;
        }
        assertEquals(0.7, m1, 0.02);
        // eps2 = (z2 + 0.3) / e^0.3 with z2 ~ N(0, 1)
        assertEquals(0.3 / Math.exp(0.3), m2, 0.02);
        assertEquals(1 / Math.exp(0.3), Math.sqrt(s2 - m2 * m2), 0.02);
    }

    @Test
    void gradientsOfTheTwoLayerBoundMatchFiniteDifferences() {
        for (String variant : List.of("vae", "iwae", "vae log-std")) {
            String head = variant.endsWith("log-std") ? "log-std" : "log-var";
            Model model = Vae.builder().variant(variant.split(" ")[0]).prior("hierarchical").set("latent", 2)
                    .set("latent2", 2).set("prior_hidden", 3).set("prior_depth", 1).set("hidden", 4)
                    .set("variance", head).set("prior_variance", head).seed(3).build(SMALL).model();
            // mlp 9→4→2·2, 2→4→9; p_z1: fc1 2→3, mu 3→2, logvar 3→2; q_z2: the same shapes
            int expected = (36 + 4) + 2 * (8 + 2) + (8 + 4) + (36 + 9) + 2 * ((6 + 3) + 2 * (6 + 2));
            assertEquals(expected, checkGradients(model, batch(5, 3, SMALL), 6, 0, 1e-3f), variant);
        }
    }

    @Test
    void aTwoLayerModelTrainsAndItsCheckpointScoresTheSame(@TempDir Path dir) {
        DataSplit data = Datasets.load("mnist", 300, 60);
        TrainingRun run = Vae.builder().prior("hierarchical").set("latent", 6).set("latent2", 3).set("hidden", 32)
                .set("prior_hidden", 16).seed(2).build(data).trainer().epochs(2).batchSize(50).trainLimit(300)
                .testLimit(60).listener(Checkpoints.into(dir)).fit(data, "mnist");
        assertTrue(run.reports().get(1).test().objective() < run.reports().get(0).test().objective());
        EvaluationSummary s = run.model().evaluate(run.testSet(), 8);
        assertTrue(Double.isFinite(s.negativeLogLikelihood()));
        assertEquals(6, s.latent(), "active units are counted over z1, not z2's noise columns");
        assertTrue(s.negativeLogLikelihood() <= s.negativeElbo() + 1e-9, "log p(x) estimate above the ELBO");
        try (TrainedVae loaded = TrainedVae.load(dir.resolve(Checkpoints.MODEL_FILE))) {
            assertEquals(9, loaded.latentDim());
            assertEquals(6, loaded.encoderLatentDim());
            var q = loaded.encode(run.testSet(), 0, 3);
            assertEquals(6, q.mean()[0].length, "the noise columns are left out of an encoding");
            float[][] padded = new float[3][9];
            for (int i = 0; i < 3; i++) {
                System.arraycopy(q.mean()[i], 0, padded[i], 0, 6);
            }
            org.junit.jupiter.api.Assertions.assertArrayEquals(loaded.decode(padded)[2], loaded.decode(q.mean())[2]);
            assertEquals(s.negativeLogLikelihood(), loaded.evaluate(run.testSet(), 8).negativeLogLikelihood(), 0.0);
            assertFalse(loaded.klInClosedForm());
            assertEquals(5, loaded.sample(5, 1).length);
        }
    }
}
