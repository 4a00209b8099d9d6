package vae.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
import vae.core.spi.PosteriorConfig;
import vae.core.spi.PosteriorFlow;
import vae.core.tensor.Tensor;
import vae.models.posterior.Planar;

/** Planar flows on q(z|x): their log-determinants, the invertibility constraint, training and checkpoints. */
class PlanarFlowsTest {
    private static final int L = 3;

    private static PosteriorFlow flows(int k, long seed) {
        Planar p = new Planar();
        PosteriorFlow flow = p.create(new PosteriorConfig(L, p.parse("posterior", Map.of("flows", Integer.toString(k)),
                Map.of()), new CounterRng(seed)));
        for (Parameter param : flow.parameters()) { // larger than the initial values, so the flows bend z visibly
            float[] v = param.value().data();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (2 * new CounterRng(seed + i).uniform(param.name().hashCode(), i) - 1);
            }
        }
        return flow;
    }

    @Test
    void theLogDeterminantIsThatOfTheJacobianOfTheFlows() {
        PosteriorFlow flow = flows(3, 11);
        double[][] points = {{0.3, -0.7, 1.1}, {-1.2, 0.4, 0.05}};
        for (double[] z : points) {
            float logDet = FlowJacobian.apply(flow, z).logDet().item();
            assertEquals(Math.log(Math.abs(FlowJacobian.determinant(FlowJacobian.of(flow, z)))), logDet, 2e-3);
        }
    }

    @Test
    void everyFlowStaysInvertibleWhateverItsParameters() {
        PosteriorFlow flow = flows(1, 3);
        List<Parameter> p = flow.parameters(); // u, w, b
        float[] u = p.get(0).value().data();
        float[] w = p.get(1).value().data();
        for (int j = 0; j < L; j++) {
            w[j] = 1f;
            u[j] = -4f; // wᵀu = −12: unconstrained, f would fold space over
        }
        Graph g = Graph.inference(new ScalarBackend());
        Tensor z = Tensor.zeros(50, L);
        for (int i = 0; i < z.size(); i++) {
            z.data()[i] = (float) (6 * new CounterRng(4).uniform(1, i) - 3);
        }
        for (float d : flow.apply(g, g.constant(z)).logDet().data()) {
            assertTrue(Float.isFinite(d), "det stays positive: " + d);
        }
    }

    /** Every parameter's gradient of the whole loss, the flows' and the mixture priors' included. */
    @Test
    void gradientsOfTheLossWithFlowsAndMixturePriorsByFiniteDifferences() {
        ExampleShape shape = new ExampleShape(1, 3, 3);
        for (Vae.Builder b : List.of(Vae.builder().posterior("planar").set("flows", 2),
                Vae.builder().variant("iwae").set("k", 3).posterior("planar").set("flows", 2),
                Vae.builder().prior("mog").set("components", 3),
                Vae.builder().prior("vamp").set("pseudo_inputs", 2),
                Vae.builder().prior("realnvp").set("couplings", 2).set("coupling_hidden", 3),
                Vae.builder().posterior("iaf").set("steps", 2).set("iaf_hidden", 3))) {
            var model = b.set("hidden", 6).set("latent", 2).seed(3).build(shape).model();
            int checked = Fixtures.checkGradients(model, Fixtures.batch(50, 4, shape), 51, 0, 1e-3f);
            assertEquals(model.parameters().stream().mapToInt(Parameter::size).sum(), checked);
        }
    }

    @Test
    void planarModelsTrainTheirCheckpointsRestoreTheFlowsAndIwaeUsesThem(@TempDir Path dir) {
        DataSplit data = Datasets.load("mnist", 300, 60);
        TrainingRun run = Vae.builder().posterior("planar").set("flows", 3).set("latent", 3).set("hidden", 16).seed(5)
                .build(data).trainer().epochs(2).batchSize(50).trainLimit(300).testLimit(60)
                .listener(Checkpoints.into(dir)).fit(data, "mnist");
        assertTrue(run.reports().get(1).test().objective() < run.reports().get(0).test().objective());
        EvaluationSummary trained = run.model().evaluate(run.testSet(), 8);
        try (TrainedVae loaded = TrainedVae.load(dir.resolve(Checkpoints.MODEL_FILE))) {
            assertEquals("planar", loaded.spec().posterior().name());
            assertEquals(trained.negativeLogLikelihood(), loaded.evaluate(run.testSet(), 8).negativeLogLikelihood(), 0.0);
            assertFalse(loaded.klInClosedForm());
            assertFalse(loaded.klSplitsByDimension());
        }
        assertTrue(trained.negativeLogLikelihood() <= trained.negativeElbo() + 1e-9, "the k-sample bound is tighter");
        TrainingRun iwae = Vae.builder().variant("iwae").set("k", 3).posterior("planar").set("flows", 2).set("latent", 2)
                .set("hidden", 8).build(data).trainer().epochs(1).batchSize(50).trainLimit(300).testLimit(60)
                .fit(data, "mnist");
        assertTrue(Double.isFinite(iwae.reports().getFirst().test().objective()));
    }

    @Test
    void anAutoencoderHasNoPosteriorToReshapeAndFreeBitsNeedOneThatSplits() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> Vae.builder().variant("ae").posterior("planar").build(new ExampleShape(1, 4, 4)));
        assertEquals("objective 'ae' has a deterministic encoder and so no posterior to reshape; drop the posterior "
                + "'planar'", e.getMessage());
        DataSplit data = Datasets.load("mnist", 100, 20);
        var free = assertThrows(IllegalArgumentException.class, () -> Vae.builder().posterior("planar").build(data)
                .trainer().epochs(1).freeBits(0.1).trainLimit(100).testLimit(20).fit(data, "mnist"));
        assertTrue(free.getMessage().contains("a flowed posterior's does not"), free.getMessage());
    }
}
