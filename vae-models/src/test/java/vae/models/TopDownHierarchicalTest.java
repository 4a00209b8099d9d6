package vae.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.models.Fixtures.batch;
import static vae.models.Fixtures.checkGradients;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
import vae.core.graph.Var;
import vae.core.random.CounterRng;
import vae.core.spi.Encoding;
import vae.core.spi.Model;
import vae.core.spi.Prior;
import vae.core.tensor.Tensor;

/** The two-layer model with NVAE's top-down residual q(z1|x, z2): its sample, closed forms, densities, gradients, training. */
class TopDownHierarchicalTest {
    private static final ExampleShape SMALL = new ExampleShape(1, 3, 3);
    private static final float CORRECTION_MU = 0.25f;
    private static final float CORRECTION_LOGVAR = -0.1f;

    private static Model model(String variant, String residual, int latent, int latent2, long seed) {
        return Vae.builder().variant(variant).prior("hierarchical").set("inference", "top-down").set("residual", residual)
                .set("latent", latent).set("latent2", latent2).set("prior_hidden", 3).set("prior_depth", 1)
                .set("hidden", 4).seed(seed).build(SMALL).model();
    }

    /**
     * With every weight 0, p(z1|z2) = N(mp, e^lvp) and q(z2|x) = N(mq, e^lvq) whatever their input, and
     * the residual's correction given z2 is (0.25, −0.1).
     */
    private static void constantLayers(Model model, float mp, float lvp, float mq, float lvq) {
        for (Parameter p : model.prior().parameters()) {
            Arrays.fill(p.value().data(), 0f);
            switch (p.name()) {
                case "prior.p_z1.mu.bias" -> p.value().data()[0] = mp;
                case "prior.p_z1.logvar.bias" -> p.value().data()[0] = lvp;
                case "prior.q_z2.mu.bias" -> p.value().data()[0] = mq;
                case "prior.q_z2.logvar.bias" -> p.value().data()[0] = lvq;
                case "prior.r_z1.mu.bias" -> p.value().data()[0] = CORRECTION_MU;
                case "prior.r_z1.logvar.bias" -> p.value().data()[0] = CORRECTION_LOGVAR;
                default -> { }
            }
        }
    }

    private static double logNormal(double x, double mean, double logvar) {
        return -0.5 * (Math.log(2 * Math.PI) + logvar + (x - mean) * (x - mean) / Math.exp(logvar));
    }

    private static Var column(Graph g, float... values) {
        return g.constant(new Tensor(values.clone(), values.length, 1));
    }

    @Test
    void theSampleTheKlAndTheWeightsAreNvaesEquationTwo() {
        checkEquationTwo("x", 0, 0);
        checkEquationTwo("x-and-z2", CORRECTION_MU, CORRECTION_LOGVAR);
    }

    private static void checkEquationTwo(String residual, float cm, float clv) {
        Model model = model("vae", residual, 1, 1, 1);
        assertEquals(2, model.latentDim(), "z = [z1, z2]");
        assertTrue(model.prior().shapesPosterior());
        constantLayers(model, 0.7f, -0.4f, -0.3f, 0.6f);
        Prior prior = model.prior();
        Graph g = Graph.inference(new ScalarBackend());
        // two examples: the encoder's residual (Δμ, log Δσ²), and z's noise columns held at 0
        float[] dmu = {0.5f, -1.2f};
        float[] dlv = {-0.8f, 0.3f};
        Var mu = g.constant(new Tensor(new float[] {dmu[0], 0, dmu[1], 0}, 2, 2));
        Var logvar = g.constant(new Tensor(new float[] {dlv[0], 0, dlv[1], 0}, 2, 2));
        float[] eps = {0.9f, -0.6f, -1.3f, 0.4f};
        float[] z = prior.reparameterize(g, mu, logvar, new Tensor(eps.clone(), 2, 2)).data().clone();
        float[] kl = prior.kl(g, new Encoding(mu, logvar), g.constant(new Tensor(z.clone(), 2, 2))).data();
        float[] nll = {3.0f, 5.0f};
        float[] logW = prior.logImportanceWeights(g, g.constant(new Tensor(nll.clone(), 2)),
                g.constant(new Tensor(z.clone(), 2, 2)), mu, logvar).data();
        for (int b = 0; b < 2; b++) {
            double dm = dmu[b] + cm; // Δμ, log Δσ²: the encoder's, plus r_z1's correction
            double dv = dlv[b] + clv;
            double z2 = -0.3 + Math.exp(0.3) * eps[2 * b + 1];
            double z1 = 0.7 + dm + Math.exp(0.5 * (-0.4 + dv)) * eps[2 * b];
            assertEquals(z1, z[2 * b], 1e-5, "z1 = μp + Δμ + σp·Δσ·ε1");
            assertEquals(z2, z[2 * b + 1], 1e-5, "z2 = μq + σq·ε2");
            double kl1 = 0.5 * (dm * dm / Math.exp(-0.4) + Math.exp(dv) - dv - 1);
            double kl2 = 0.5 * (0.09 + Math.exp(0.6) - 0.6 - 1);
            assertEquals(kl1 + kl2, kl[b], 1e-5, "NVAE's closed form plus z2's");
            double expected = -nll[b] + logNormal(z1, 0.7, -0.4) + logNormal(z2, 0, 0)
                    - logNormal(z1, 0.7 + dm, -0.4 + dv) - logNormal(z2, -0.3, 0.6);
            assertEquals(expected, logW[b], 1e-5);
        }
        float[] logP = prior.logDensity(g, g.constant(new Tensor(z.clone(), 2, 2))).data();
        assertEquals(logNormal(z[0], 0.7, -0.4) + logNormal(z[1], 0, 0), logP[0], 1e-5);
    }

    @Test
    void theClosedFormKlIsTheMeanOfLogQMinusLogPWithLessSpread() {
        Model model = model("vae", "x-and-z2", 3, 2, 5);
        for (Parameter p : model.prior().parameters()) { // larger weights than the initialisation: p(z1|z2) varies
            for (int i = 0; i < p.value().size(); i++) {
                p.value().data()[i] *= 3f;
            }
        }
        Prior prior = model.prior();
        Graph g = Graph.inference(new ScalarBackend());
        int n = 40000;
        float[] m = {0.4f, -0.9f, 1.3f, 0, 0};
        float[] lv = {-0.5f, 0.2f, -1.1f, 0, 0};
        float[] mus = new float[n * 5];
        float[] lvs = new float[n * 5];
        for (int i = 0; i < n; i++) {
            System.arraycopy(m, 0, mus, 5 * i, 5);
            System.arraycopy(lv, 0, lvs, 5 * i, 5);
        }
        Var mu = g.constant(new Tensor(mus, n, 5));
        Var logvar = g.constant(new Tensor(lvs, n, 5));
        Tensor eps = g.allocate(n, 5);
        new ScalarBackend().fillGaussian(new CounterRng(11), 3, 0, eps.data(), 0, eps.size());
        Var z = prior.reparameterize(g, mu, logvar, eps);
        float[] closed = prior.kl(g, new Encoding(mu, logvar), z).data().clone();
        float[] logW = prior.logImportanceWeights(g, g.constant(g.zeros(n)), z, mu, logvar).data();
        double[] a = moments(closed);
        double[] b = new double[2];
        for (float w : logW) {
            b[0] -= (double) w / n;
            b[1] += (double) w * w / n;
        }
        b[1] -= b[0] * b[0];
        double standardError = Math.sqrt((a[1] + b[1]) / n);
        assertEquals(b[0], a[0], 4 * standardError, "closed form " + a[0] + " vs Monte Carlo " + b[0]);
        assertTrue(a[0] > 0.1, "a KL worth comparing: " + a[0]);
        assertTrue(a[1] < b[1], "the closed form has the smaller variance: " + a[1] + " vs " + b[1]);
    }

    private static double[] moments(float[] v) {
        double mean = 0;
        double square = 0;
        for (float x : v) {
            mean += (double) x / v.length;
            square += (double) x * x / v.length;
        }
        return new double[] {mean, square - mean * mean};
    }

    @Test
    void samplesAreDrawnZ2ThenZ1() {
        Model model = model("vae", "x-and-z2", 1, 1, 1);
        constantLayers(model, 0.7f, -0.4f, -0.3f, 0.6f);
        int n = 20000;
        float[] z = new float[2 * n];
        model.prior().sample(new ScalarBackend(), new CounterRng(4), 9, z, n, 2);
        double[] z1 = new double[2];
        double[] z2 = new double[2];
        for (int i = 0; i < n; i++) {
            z1[0] += z[2 * i] / (double) n;
            z1[1] += (double) z[2 * i] * z[2 * i] / n;
            z2[0] += z[2 * i + 1] / (double) n;
            z2[1] += (double) z[2 * i + 1] * z[2 * i + 1] / n;
        }
        assertEquals(0.7, z1[0], 0.02);
        assertEquals(Math.exp(-0.2), Math.sqrt(z1[1] - z1[0] * z1[0]), 0.02);
        assertEquals(0, z2[0], 0.02, "z2 ~ p(z2) = N(0, 1), not q");
        assertEquals(1, Math.sqrt(z2[1] - z2[0] * z2[0]), 0.02);
    }

    @Test
    void gradientsOfTheTopDownBoundMatchFiniteDifferences() {
        for (String residual : List.of("x-and-z2", "x")) {
            for (String variant : List.of("vae", "iwae")) {
                Model model = model(variant, residual, 2, 2, 3);
                // mlp 9→4→2·2, 2→4→9; p_z1: fc1 2→3, mu 3→2, logvar 3→2; q_z2: fc1 4→3, mu, logvar; r_z1: fc1 6→3, mu, logvar
                int expected = (36 + 4) + 2 * (8 + 2) + (8 + 4) + (36 + 9) + ((6 + 3) + 2 * (6 + 2))
                        + ((12 + 3) + 2 * (6 + 2)) + (residual.equals("x") ? 0 : (18 + 3) + 2 * (6 + 2));
                assertEquals(expected, checkGradients(model, batch(5, 3, SMALL), 6, 0, 1e-3f), variant + ", " + residual);
            }
        }
    }

    @Test
    void aResidualFromXAloneWithBottomUpInferenceIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vae.builder()
                .prior("hierarchical").set("residual", "x").build(SMALL));
        assertTrue(e.getMessage().contains("residual=x applies to top-down inference only"), e.getMessage());
    }

    @Test
    void aPosteriorFlowOnTheTopDownPosteriorIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vae.builder()
                .prior("hierarchical").set("inference", "top-down").posterior("planar").build(SMALL));
        assertEquals("prior 'hierarchical' builds the posterior itself (top-down inference), so posterior 'planar' cannot "
                + "flow it; drop the posterior or use the prior's bottom-up inference", e.getMessage());
    }

    private static TrainingRun train(DataSplit data, Path out, int epochs, Path resume) {
        Vae vae = resume == null ? Vae.builder().prior("hierarchical").set("inference", "top-down").set("latent", 6)
                .set("latent2", 3).set("hidden", 32).set("prior_hidden", 16).seed(2).build(data) : Vae.resume(resume);
        return vae.trainer().epochs(epochs).batchSize(50).trainLimit(300).testLimit(60)
                .listener(Checkpoints.into(out)).fit(data, "mnist");
    }

    @Test
    void aTopDownModelLearnsResumesExactlyAndItsCheckpointScoresTheSame(@TempDir Path dir) throws Exception {
        DataSplit data = Datasets.load("mnist", 300, 60);
        TrainingRun run = train(data, dir.resolve("straight"), 3, null);
        assertTrue(run.reports().get(2).test().objective() < run.reports().get(0).test().objective(),
                "the test loss falls");
        train(data, dir.resolve("halves"), 2, null);
        train(data, dir.resolve("halves"), 3, dir.resolve("halves").resolve(Checkpoints.MODEL_FILE));
        Path file = dir.resolve("straight").resolve(Checkpoints.MODEL_FILE);
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(dir.resolve("halves").resolve(Checkpoints.MODEL_FILE)));
        EvaluationSummary s = run.model().evaluate(run.testSet(), 16);
        assertEquals(6, s.latent(), "active units are counted over z1");
        assertTrue(s.negativeLogLikelihood() <= s.negativeElbo() + 1e-9, "log p(x) estimate above the ELBO");
        try (TrainedVae loaded = TrainedVae.load(file)) {
            assertEquals(9, loaded.latentDim());
            assertEquals(6, loaded.encoderLatentDim());
            assertFalse(loaded.klInClosedForm());
            var tensors = vae.core.checkpoint.Checkpoint.read(file).tensors();
            assertArrayEquals(new int[] {16, 3}, tensors.get("prior.p_z1.fc1.weight").shape(), "z2 → hidden");
            assertArrayEquals(new int[] {16, 12}, tensors.get("prior.q_z2.fc1.weight").shape(), "[μe, log σe²] → hidden");
            assertArrayEquals(new int[] {16, 15}, tensors.get("prior.r_z1.fc1.weight").shape(), "[μe, log σe², z2] → hidden");
            assertEquals(s.negativeLogLikelihood(), loaded.evaluate(run.testSet(), 16).negativeLogLikelihood(), 0.0);
            var q = loaded.encode(run.testSet(), 0, 3);
            assertEquals(6, q.mean()[0].length);
            assertEquals(5, loaded.sample(5, 1).length);
        }
    }
}
