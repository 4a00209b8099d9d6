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
import vae.core.backend.ScalarBackend;
import vae.core.data.DataSplit;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.random.CounterRng;
import vae.core.spi.PosteriorConfig;
import vae.core.spi.PosteriorFlow;
import vae.core.tensor.Tensor;
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

    private static double[] apply(PosteriorFlow flow, double[] z) {
        Graph g = Graph.inference(new ScalarBackend());
        Tensor t = Tensor.zeros(1, L);
        for (int j = 0; j < L; j++) {
            t.data()[j] = (float) z[j];
        }
        float[] out = flow.apply(g, g.constant(t)).z().data();
        double[] r = new double[L];
        for (int j = 0; j < L; j++) {
            r[j] = out[j];
        }
        return r;
    }

    private static double[][] jacobian(PosteriorFlow flow, double[] z) {
        double h = 1e-3;
        double[][] j = new double[L][L];
        for (int c = 0; c < L; c++) {
            double[] plus = z.clone();
            double[] minus = z.clone();
            plus[c] += h;
            minus[c] -= h;
            double[] fp = apply(flow, plus);
            double[] fm = apply(flow, minus);
            for (int r = 0; r < L; r++) {
                j[r][c] = (fp[r] - fm[r]) / (2 * h);
            }
        }
        return j;
    }

    @Test
    void oneStepIsAutoregressiveOutputIDependsOnInputsUpToI() {
        double[][] j = jacobian(iaf(1), new double[] {0.4, -0.9, 1.3, 0.2});
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
        Graph g = Graph.inference(new ScalarBackend());
        Tensor t = Tensor.zeros(1, L);
        for (int i = 0; i < L; i++) {
            t.data()[i] = (float) z[i];
        }
        float logDet = flow.apply(g, g.constant(t)).logDet().item();
        assertEquals(Math.log(Math.abs(determinant(jacobian(flow, z)))), logDet, 2e-3);
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

    /** By Gaussian elimination with partial pivoting. */
    private static double determinant(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][];
        for (int i = 0; i < n; i++) {
            m[i] = a[i].clone();
        }
        double det = 1;
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(m[r][c]) > Math.abs(m[p][c])) {
                    p = r;
                }
            }
            if (p != c) {
                double[] tmp = m[p];
                m[p] = m[c];
                m[c] = tmp;
                det = -det;
            }
            det *= m[c][c];
            for (int r = c + 1; r < n; r++) {
                double f = m[r][c] / m[c][c];
                for (int k = c; k < n; k++) {
                    m[r][k] -= f * m[c][k];
                }
            }
        }
        return det;
    }
}
