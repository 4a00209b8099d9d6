package vae.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.api.Checkpoints;
import vae.api.Datasets;
import vae.api.ModelTooLargeException;
import vae.api.TrainedVae;
import vae.api.TrainingRun;
import vae.api.Vae;
import vae.core.backend.ScalarBackend;
import vae.core.data.DataSplit;
import vae.core.data.Dataset;
import vae.core.data.ExampleShape;
import vae.core.eval.EvaluationSummary;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.Var;
import vae.core.loss.GaussianLogDensity;
import vae.core.random.CounterRng;
import vae.core.spi.Encoding;
import vae.core.spi.Model;
import vae.core.tensor.Tensor;

/** The mixture-of-Gaussians prior and the VampPrior: their densities, samples, training and checkpoints. */
class MixturePriorsTest {
    private static final ExampleShape SHAPE = new ExampleShape(1, 4, 4);

    @Test
    void theVampPriorsDensityIsTheMeanOfTheEncodersPosteriorsAtThePseudoInputs() {
        Model model = Vae.builder().prior("vamp").set("pseudo_inputs", 3).set("latent", 2).set("hidden", 6).seed(2)
                .build(SHAPE).model();
        Parameter u = model.prior().parameters().getFirst();
        assertArrayEquals(new int[] {3, 1, 4, 4}, u.value().shape());
        Graph g = Graph.inference(new ScalarBackend());
        Encoding q = model.encode(g, g.constant(u.value()));
        Tensor z = new Tensor(new float[] {0.3f, -0.2f, 1.5f, 0.7f}, 2, 2);
        // log p(z) = log (1/3) Σ_k q(z|u_k), from one-row Gaussian densities
        Var logWeights = model.prior().logImportanceWeights(g, g.constant(Tensor.zeros(2)), g.constant(z),
                g.constant(Tensor.zeros(2, 2)), g.constant(Tensor.zeros(2, 2)));
        for (int b = 0; b < 2; b++) {
            double p = 0;
            for (int k = 0; k < 3; k++) {
                Tensor zb = new Tensor(new float[] {z.data()[2 * b], z.data()[2 * b + 1]}, 1, 2);
                Tensor mk = new Tensor(new float[] {q.mu().data()[2 * k], q.mu().data()[2 * k + 1]}, 1, 2);
                Tensor lk = new Tensor(new float[] {q.logvar().data()[2 * k], q.logvar().data()[2 * k + 1]}, 1, 2);
                p += Math.exp(GaussianLogDensity.of(g, g.constant(zb), g.constant(mk), g.constant(lk)).item()) / 3;
            }
            double logN01 = GaussianLogDensity.of(g, g.constant(new Tensor(new float[] {z.data()[2 * b],
                    z.data()[2 * b + 1]}, 1, 2)), g.constant(Tensor.zeros(1, 2)), g.constant(Tensor.zeros(1, 2))).item();
            // with nll 0 and q = N(0, I): log w = log p(z) − log N(z; 0, I)
            assertEquals(Math.log(p) - logN01, logWeights.data()[b], 1e-5);
        }
        assertFalse(model.prior().klInClosedForm());
    }

    @Test
    void samplesOfAOneComponentMixtureFollowThatComponent() {
        Model model = Vae.builder().prior("mog").set("components", 1).set("latent", 2).set("hidden", 4).build(SHAPE).model();
        List<Parameter> p = model.prior().parameters();
        java.util.Arrays.fill(p.get(0).value().data(), 5f); // means
        java.util.Arrays.fill(p.get(1).value().data(), (float) Math.log(0.04)); // σ = 0.2
        int n = 4000;
        float[] z = new float[n * 2];
        model.prior().sample(new ScalarBackend(), new CounterRng(3), 17, z, n, 2);
        double mean = 0;
        double sq = 0;
        for (float v : z) {
            mean += v / z.length;
            sq += (double) v * v / z.length;
        }
        assertEquals(5, mean, 0.02);
        assertEquals(0.2, Math.sqrt(sq - mean * mean), 0.01);
    }

    @Test
    void aMixtureSamplesEachComponentInProportionToItsWeight() {
        Model model = Vae.builder().prior("mog").set("components", 2).set("latent", 1).set("hidden", 4).build(SHAPE).model();
        List<Parameter> p = model.prior().parameters();
        p.get(0).value().data()[0] = -10;
        p.get(0).value().data()[1] = 10;
        java.util.Arrays.fill(p.get(1).value().data(), -4f);
        p.get(2).value().data()[1] = (float) Math.log(3); // weights 1/4 and 3/4
        int n = 8000;
        float[] z = new float[n];
        model.prior().sample(new ScalarBackend(), new CounterRng(4), 5, z, n, 1);
        long right = 0;
        for (float v : z) {
            right += v > 0 ? 1 : 0;
        }
        assertEquals(0.75, right / (double) n, 0.02);
    }

    @Test
    void vampMogAndRealNvpModelsTrainAndTheirCheckpointsRestoreThePrior(@TempDir Path dir) {
        DataSplit data = Datasets.load("mnist", 300, 60);
        for (String prior : List.of("vamp", "mog", "realnvp")) {
            Path out = dir.resolve(prior);
            Vae vae = Vae.builder().prior(prior).set(switch (prior) {
                case "vamp" -> "pseudo_inputs";
                case "mog" -> "components";
                default -> "couplings";
            }, prior.equals("realnvp") ? 2 : 7)
                    .set("latent", 3).set("hidden", 16).seed(5).build(data);
            TrainingRun run = vae.trainer().epochs(2).batchSize(50).trainLimit(300).testLimit(60)
                    .listener(Checkpoints.into(out)).fit(data, "mnist");
            assertTrue(run.reports().get(1).test().objective() < run.reports().get(0).test().objective(), prior + " learns");
            Dataset test = run.testSet();
            EvaluationSummary trained = run.model().evaluate(test, 6);
            try (TrainedVae loaded = TrainedVae.load(out.resolve(Checkpoints.MODEL_FILE))) {
                EvaluationSummary again = loaded.evaluate(test, 6);
                assertEquals(trained.negativeLogLikelihood(), again.negativeLogLikelihood(), 0.0, prior);
                assertEquals(trained.kl(), again.kl(), 0.0, prior);
                assertFalse(loaded.klInClosedForm());
            }
        }
    }

    @Test
    void iwaeUsesTheMixturesDensityInItsWeights() {
        DataSplit data = Datasets.load("mnist", 200, 40);
        TrainingRun run = Vae.builder().variant("iwae").set("k", 3).prior("vamp").set("pseudo_inputs", 5)
                .set("latent", 2).set("hidden", 8).seed(1).build(data).trainer().epochs(1).batchSize(50)
                .trainLimit(200).testLimit(40).fit(data, "mnist");
        assertTrue(Double.isFinite(run.reports().getFirst().test().objective()));
    }

    /** A plugin prior that gives only importance weights still has a density, read off them. */
    @Test
    void theDefaultLogDensityReadFromImportanceWeightsIsThePriorsOwn() {
        Model model = Vae.builder().prior("mog").set("components", 4).set("latent", 2).set("hidden", 4).seed(9)
                .build(SHAPE).model();
        vae.core.spi.Prior own = model.prior();
        vae.core.spi.Prior onlyWeights = new vae.core.spi.Prior() { // everything but logDensity delegated
            @Override
            public Var kl(Graph g, Encoding q, Var z) {
                return own.kl(g, q, z);
            }

            @Override
            public boolean klInClosedForm() {
                return false;
            }

            @Override
            public Var logImportanceWeights(Graph g, Var nll, Var z, Var mu, Var logvar) {
                return own.logImportanceWeights(g, nll, z, mu, logvar);
            }

            @Override
            public void sample(vae.core.backend.Backend b, CounterRng rng, long stream, float[] z, int count, int latent) {
                own.sample(b, rng, stream, z, count, latent);
            }

            @Override
            public Tensor draw(Graph g, vae.core.spi.LossContext context, int count, int latent) {
                return own.draw(g, context, count, latent);
            }
        };
        Graph g = Graph.inference(new ScalarBackend());
        Var z = g.constant(new Tensor(new float[] {0.4f, -1.3f, 2.0f, 0.1f, -0.5f, -0.5f}, 3, 2));
        float[] expected = own.logDensity(g, z).data().clone();
        float[] read = onlyWeights.logDensity(g, z).data();
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], read[i], 1e-4);
        }
    }

    @Test
    void aVampPriorTooLargeForTheHeapIsRefusedBeforeItIsAllocated() {
        // 10,000 pseudo-inputs of 3x512x512 are 7.9 billion parameters, tiny networks a few million:
        // the check must count the prior's, or the run ends in an OutOfMemoryError instead.
        ExampleShape large = new ExampleShape(3, 512, 512);
        ModelTooLargeException e = assertThrows(ModelTooLargeException.class, () -> Vae.builder().prior("vamp")
                .set("pseudo_inputs", 10_000).set("latent", 1).set("hidden", 1).build(large));
        assertTrue(e.getMessage().contains("a model of 7,86"), e.getMessage());
    }
}
