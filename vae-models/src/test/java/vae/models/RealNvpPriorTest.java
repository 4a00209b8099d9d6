package vae.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import vae.api.Vae;
import vae.core.backend.ScalarBackend;
import vae.core.data.ExampleShape;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.random.CounterRng;
import vae.core.spi.Model;
import vae.core.spi.Prior;
import vae.core.tensor.Tensor;

/** The RealNVP flow prior: a density that integrates to one, and samples that follow it. */
class RealNvpPriorTest {
    private static final ExampleShape SHAPE = new ExampleShape(1, 4, 4);

    private static Prior prior(boolean bent) {
        Model model = Vae.builder().prior("realnvp").set("couplings", 3).set("coupling_hidden", 5).set("latent", 2)
                .set("hidden", 4).seed(7).build(SHAPE).model();
        if (bent) { // move fc2 off zero, so the flow is not the identity
            for (Parameter p : model.prior().parameters()) {
                float[] v = p.value().data();
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float) (1.2 * new CounterRng(11).uniform(p.name().hashCode(), i) - 0.6);
                }
            }
        }
        return model.prior();
    }

    private static float[] logDensity(Prior p, float[] z, int rows) {
        Graph g = Graph.inference(new ScalarBackend());
        return p.logDensity(g, g.constant(new Tensor(z, rows, 2))).data().clone();
    }

    @Test
    void atFirstThePriorIsTheStandardNormal() {
        float[] z = {0.3f, -1.2f, 2.0f, 0.5f};
        float[] lp = logDensity(prior(false), z, 2);
        for (int b = 0; b < 2; b++) {
            double expected = -Math.log(2 * Math.PI) - 0.5 * (z[2 * b] * z[2 * b] + z[2 * b + 1] * z[2 * b + 1]);
            assertEquals(expected, lp[b], 1e-5);
        }
    }

    @Test
    void theDensityIntegratesToOneAndTheSamplesFollowIt() {
        Prior p = prior(true);
        double step = 0.04;
        int side = (int) Math.round(16 / step);
        float[] grid = new float[side * side * 2];
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                grid[2 * (i * side + j)] = (float) (-8 + (i + 0.5) * step);
                grid[2 * (i * side + j) + 1] = (float) (-8 + (j + 0.5) * step);
            }
        }
        float[] lp = logDensity(p, grid, side * side);
        double mass = 0;
        double mean1 = 0;
        double mean2 = 0;
        for (int r = 0; r < side * side; r++) {
            double w = Math.exp(lp[r]) * step * step;
            mass += w;
            mean1 += w * grid[2 * r];
            mean2 += w * grid[2 * r + 1];
        }
        assertEquals(1, mass, 2e-3, "∫ p(z) dz");

        int n = 40_000;
        float[] z = new float[2 * n];
        p.sample(new ScalarBackend(), new CounterRng(3), 5, z, n, 2);
        double s1 = 0;
        double s2 = 0;
        for (int i = 0; i < n; i++) {
            s1 += z[2 * i] / n;
            s2 += z[2 * i + 1] / n;
        }
        assertEquals(mean1, s1, 0.03, "E[z1] by samples and by the density");
        assertEquals(mean2, s2, 0.03, "E[z2] by samples and by the density");
    }
}
