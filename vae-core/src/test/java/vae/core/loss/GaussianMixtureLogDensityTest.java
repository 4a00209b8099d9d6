package vae.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.graph.Graph;
import vae.core.graph.GradientCheck;
import vae.core.tensor.Tensor;

/** The mixture density and log q(z|x): their values by direct computation, their gradients by finite differences. */
class GaussianMixtureLogDensityTest {
    private static final int B = 4;
    private static final int K = 3;
    private static final int L = 2;

    @Test
    void valueIsTheLogOfTheWeightedSumOfComponentDensities() {
        Tensor z = GradientCheck.uniform(1, -2, 2, B, L);
        Tensor m = GradientCheck.uniform(2, -1, 1, K, L);
        Tensor lv = GradientCheck.uniform(3, -1, 1, K, L);
        Tensor logits = GradientCheck.uniform(4, -1, 1, K);
        Graph g = Graph.inference(new ScalarBackend());
        float[] out = GaussianMixtureLogDensity.of(g, g.constant(z), g.constant(m), g.constant(lv), g.constant(logits)).data();
        double norm = 0;
        for (int k = 0; k < K; k++) {
            norm += Math.exp(logits.data()[k]);
        }
        for (int b = 0; b < B; b++) {
            double p = 0;
            for (int k = 0; k < K; k++) {
                double density = Math.exp(logits.data()[k]) / norm;
                for (int j = 0; j < L; j++) {
                    double var = Math.exp(lv.data()[k * L + j]);
                    double d = z.data()[b * L + j] - m.data()[k * L + j];
                    density *= Math.exp(-d * d / (2 * var)) / Math.sqrt(2 * Math.PI * var);
                }
                p += density;
            }
            assertEquals(Math.log(p), out[b], 1e-5);
        }
    }

    @Test
    void oneComponentIsThatGaussiansLogDensity() {
        Tensor z = GradientCheck.uniform(5, -2, 2, 1, L);
        Tensor m = GradientCheck.uniform(6, -1, 1, 1, L);
        Tensor lv = GradientCheck.uniform(7, -1, 1, 1, L);
        Graph g = Graph.inference(new ScalarBackend());
        float mixture = GaussianMixtureLogDensity.of(g, g.constant(z), g.constant(m), g.constant(lv), null).item();
        float gaussian = GaussianLogDensity.of(g, g.constant(z), g.constant(m), g.constant(lv)).item();
        assertEquals(gaussian, mixture, 1e-5);
    }

    @Test
    void farFromEveryComponentTheLogSumExpStaysFinite() {
        Graph g = Graph.inference(new ScalarBackend());
        Tensor z = new Tensor(new float[] {300f, -300f}, 1, 2);
        Tensor m = Tensor.zeros(2, 2);
        Tensor lv = new Tensor(new float[] {-6, -6, -5, -5}, 2, 2);
        float v = GaussianMixtureLogDensity.of(g, g.constant(z), g.constant(m), g.constant(lv), null).item();
        assertEquals(true, Float.isFinite(v), "log p(z) = " + v);
    }

    @Test
    void gradientsToPointsMeansLogVariancesAndLogits() {
        GradientCheck.of((g, in) -> GaussianMixtureLogDensity.of(g, in[0], in[1], in[2], in[3]))
                .input(GradientCheck.uniform(11, -2, 2, B, L))
                .input(GradientCheck.uniform(12, -1, 1, K, L))
                .input(GradientCheck.uniform(13, -1, 1, K, L))
                .input(GradientCheck.uniform(14, -1, 1, K))
                .step(1e-3)
                .run();
    }

    @Test
    void gradientsWithEqualWeights() {
        GradientCheck.of((g, in) -> GaussianMixtureLogDensity.of(g, in[0], in[1], in[2], null))
                .input(GradientCheck.uniform(15, -2, 2, B, L))
                .input(GradientCheck.uniform(16, -1, 1, K, L))
                .input(GradientCheck.uniform(17, -1, 1, K, L))
                .step(1e-3)
                .run();
    }

    @Test
    void gradientsOfLogQ() {
        GradientCheck.of((g, in) -> GaussianLogDensity.of(g, in[0], in[1], in[2]))
                .input(GradientCheck.uniform(18, -2, 2, B, L))
                .input(GradientCheck.uniform(19, -1, 1, B, L))
                .input(GradientCheck.uniform(20, -1, 1, B, L))
                .step(1e-3)
                .run();
    }
}
