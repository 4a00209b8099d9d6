package vae.core.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.GradientCheck;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.MaximumMeanDiscrepancy.Kernel;
import vae.core.random.CounterRng;
import vae.core.tensor.Tensor;

/** MMD²: values against a direct double-precision computation, gradients against finite differences. */
class MaximumMeanDiscrepancyTest {
    private static final int N = 5;
    private static final int M = 4;
    private static final int L = 3;

    /** The U-statistic straight from its definition, in double. */
    private static double reference(Tensor z, Tensor p, Kernel kernel) {
        double c = 2.0 * L;
        double zz = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < N; j++) {
                if (i != j) {
                    zz += k(z, i, z, j, kernel, c);
                }
            }
        }
        double pp = 0;
        for (int i = 0; i < M; i++) {
            for (int j = 0; j < M; j++) {
                if (i != j) {
                    pp += k(p, i, p, j, kernel, c);
                }
            }
        }
        double zp = 0;
        for (int i = 0; i < N; i++) {
            for (int j = 0; j < M; j++) {
                zp += k(z, i, p, j, kernel, c);
            }
        }
        return zz / (N * (N - 1.0)) + pp / (M * (M - 1.0)) - 2 * zp / (N * M);
    }

    private static double k(Tensor a, int i, Tensor b, int j, Kernel kernel, double c) {
        double d = 0;
        for (int t = 0; t < L; t++) {
            double diff = (double) a.data()[i * L + t] - b.data()[j * L + t];
            d += diff * diff;
        }
        return kernel == Kernel.RBF ? Math.exp(-d / c) : c / (c + d);
    }

    private static double batchMean(Tensor z, Tensor p, Kernel kernel) {
        Graph g = Graph.inference(new ScalarBackend(1));
        Var out = MaximumMeanDiscrepancy.perExample(g, g.constant(z), p, kernel);
        assertEquals(N, out.size());
        double s = 0;
        for (float v : out.data()) {
            s += v;
        }
        return s / N;
    }

    @Test
    void batchMeanIsTheUnbiasedEstimateForBothKernels() {
        Tensor z = GradientCheck.uniform(1, -2, 2, N, L);
        Tensor p = GradientCheck.uniform(2, -1.5, 1.5, M, L);
        for (Kernel kernel : Kernel.values()) {
            assertEquals(reference(z, p, kernel), batchMean(z, p, kernel), 1e-5, kernel.name());
        }
    }

    @Test
    void sameDistributionGivesNearZeroAndShiftedGivesMore() {
        CounterRng rng = new CounterRng(7);
        int n = 256;
        Tensor z = Tensor.zeros(n, 4);
        Tensor p = Tensor.zeros(n, 4);
        Tensor shifted = Tensor.zeros(n, 4);
        for (int i = 0; i < z.size(); i++) {
            z.data()[i] = (float) CounterRng.gaussianAt(rng.streamKey(1), i);
            p.data()[i] = (float) CounterRng.gaussianAt(rng.streamKey(2), i);
            shifted.data()[i] = z.data()[i] + 1.5f;
        }
        Graph g = Graph.inference(new ScalarBackend(1));
        for (Kernel kernel : Kernel.values()) {
            double same = mean(MaximumMeanDiscrepancy.perExample(g, g.constant(z), p, kernel));
            double apart = mean(MaximumMeanDiscrepancy.perExample(g, g.constant(shifted), p, kernel));
            assertTrue(Math.abs(same) < 0.01, kernel + " same distribution: " + same);
            assertTrue(apart > 0.1, kernel + " shifted by 1.5: " + apart);
        }
    }

    private static double mean(Var v) {
        double s = 0;
        for (float x : v.data()) {
            s += x;
        }
        return s / v.size();
    }

    @Test
    void rbfGradientMatchesFiniteDifferences() {
        Tensor p = GradientCheck.uniform(4, -1.5, 1.5, M, L);
        GradientCheck.of((g, in) -> MaximumMeanDiscrepancy.perExample(g, in[0], p, Kernel.RBF))
                .input(GradientCheck.uniform(3, -2, 2, N, L))
                .run();
    }

    @Test
    void imqGradientMatchesFiniteDifferences() {
        Tensor p = GradientCheck.uniform(6, -1.5, 1.5, M, L);
        GradientCheck.of((g, in) -> MaximumMeanDiscrepancy.perExample(g, in[0], p, Kernel.IMQ))
                .input(GradientCheck.uniform(5, -2, 2, N, L))
                .run();
    }

    @Test
    void gradientFlowsThroughAnUpstreamOpAndWithOneLatent() {
        Tensor p = GradientCheck.uniform(8, -1.5, 1.5, M, L);
        GradientCheck.of((g, in) -> MaximumMeanDiscrepancy.perExample(g, ElementwiseOps.tanh(g, in[0]), p,
                        Kernel.IMQ))
                .input(GradientCheck.uniform(7, -1, 1, N, L))
                .run();
        GradientCheck.of((g, in) -> MaximumMeanDiscrepancy.perExample(g, in[0], p, Kernel.RBF))
                .input(GradientCheck.uniform(9, -1, 1, 1, L))
                .run();
    }

    @Test
    void mismatchedWidthsAndTooFewPriorSamplesAreRejected() {
        Graph g = Graph.inference(new ScalarBackend(1));
        Var z = g.constant(Tensor.zeros(3, 2));
        assertThrows(IllegalArgumentException.class,
                () -> MaximumMeanDiscrepancy.perExample(g, z, Tensor.zeros(3, 3), Kernel.RBF));
        assertThrows(IllegalArgumentException.class,
                () -> MaximumMeanDiscrepancy.perExample(g, z, Tensor.zeros(1, 2), Kernel.RBF));
        assertThrows(IllegalArgumentException.class, () -> Kernel.named("laplace"));
    }
}
