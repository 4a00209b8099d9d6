package vae.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.api.Checkpoints;
import vae.api.Datasets;
import vae.api.TrainedVae;
import vae.api.TrainingRun;
import vae.api.Vae;
import vae.core.data.DataSplit;
import vae.core.graph.Parameter;
import vae.core.random.CounterRng;
import vae.core.spi.PosteriorConfig;
import vae.core.spi.PosteriorFlow;
import vae.models.posterior.Iaf;

/** Inverse autoregressive flows: autoregressive Jacobians, their log-determinants, training and checkpoints. */
class IafTest {
    private static final int L = 4;

    private static PosteriorFlow iaf(int steps) {
        Iaf p = new Iaf();
        PosteriorFlow flow = p.create(new PosteriorConfig(L, p.parse("posterior",
                Map.of("steps", Integer.toString(steps), "iaf_hidden", "7"), Map.of()), new CounterRng(2)));
        for (Parameter param : flow.parameters()) { // larger than at initialisation, so the steps bend z
            float[] v = param.value().data();
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (2 * new CounterRng(9).uniform(param.name().hashCode(), i) - 1);
            }
        }
        return flow;
    }

    @Test
    void oneStepIsAutoregressiveOutputIDependsOnInputsUpToI() {
        double[][] j = FlowJacobian.of(iaf(1), new double[] {0.4, -0.9, 1.3, 0.2});
        for (int r = 0; r < L; r++) {
            for (int c = r + 1; c < L; c++) {
                assertEquals(0, j[r][c], 1e-6, "∂z'_" + r + "/∂z_" + c);
            }
            assertTrue(j[r][r] > 0 && j[r][r] < 1, "the diagonal is σ in (0, 1): " + j[r][r]);
        }
    }

    @Test
    void theLogDeterminantIsThatOfTheJacobianOverSeveralSteps() {
        PosteriorFlow flow = iaf(3);
        double[] z = {-0.3, 0.8, 0.1, -1.4};
        float logDet = FlowJacobian.apply(flow, z).logDet().item();
        assertEquals(Math.log(Math.abs(FlowJacobian.determinant(FlowJacobian.of(flow, z)))), logDet, 2e-3);
    }

    @Test
    void iafModelsTrainAndTheirCheckpointsRestoreTheSteps(@TempDir Path dir) {
        DataSplit data = Datasets.load("mnist", 300, 60);
        TrainingRun run = Vae.builder().posterior("iaf").set("steps", 2).set("iaf_hidden", 8).set("latent", 3)
                .set("hidden", 16).seed(5).build(data).trainer().epochs(2).batchSize(50).trainLimit(300).testLimit(60)
                .listener(Checkpoints.into(dir)).fit(data, "mnist");
        assertTrue(run.reports().get(1).test().objective() < run.reports().get(0).test().objective());
        double trained = run.model().evaluate(run.testSet(), 8).negativeLogLikelihood();
        try (TrainedVae loaded = TrainedVae.load(dir.resolve(Checkpoints.MODEL_FILE))) {
            assertEquals(trained, loaded.evaluate(run.testSet(), 8).negativeLogLikelihood(), 0.0);
        }
    }
}
