package vae.models;

import vae.core.backend.ScalarBackend;
import vae.core.graph.Graph;
import vae.core.spi.PosteriorFlow;
import vae.core.tensor.Tensor;

/** A flow's Jacobian by central differences, and its log-determinant as the flow reports it, for one point. */
final class FlowJacobian {
    private FlowJacobian() {
    }

    static PosteriorFlow.Result apply(PosteriorFlow flow, double[] z) {
        Graph g = Graph.inference(new ScalarBackend());
        Tensor t = Tensor.zeros(1, z.length);
        for (int j = 0; j < z.length; j++) {
            t.data()[j] = (float) z[j];
        }
        return flow.apply(g, g.constant(t));
    }

    /** ∂f_r/∂z_c at z, step 1e-3. */
    static double[][] of(PosteriorFlow flow, double[] z) {
        int n = z.length;
        double h = 1e-3;
        double[][] j = new double[n][n];
        for (int c = 0; c < n; c++) {
            double[] plus = z.clone();
            double[] minus = z.clone();
            plus[c] += h;
            minus[c] -= h;
            float[] fp = apply(flow, plus).z().data();
            float[] fm = apply(flow, minus).z().data();
            for (int r = 0; r < n; r++) {
                j[r][c] = (fp[r] - fm[r]) / (2 * h);
            }
        }
        return j;
    }

    /** The determinant, by Gaussian elimination with partial pivoting. */
    static double determinant(double[][] a) {
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
