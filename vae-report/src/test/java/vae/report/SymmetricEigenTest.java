package vae.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SymmetricEigenTest {

    @Test
    void eigenpairsSatisfyAvEqualsLambdaVInDescendingOrder() {
        int n = 7;
        SplittableRandom r = new SplittableRandom(3);
        double[] b = new double[n * n];
        for (int i = 0; i < b.length; i++) {
            b[i] = r.nextDouble(-1, 1);
        }
        double[] a = new double[n * n]; // B Bᵀ: symmetric, positive semi-definite
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < n; k++) {
                    a[i * n + j] += b[i * n + k] * b[j * n + k];
                }
            }
        }
        double[] values = new double[n];
        double[] vectors = new double[n * n];
        SymmetricEigen.decompose(a, n, values, vectors);
        for (int k = 0; k < n; k++) {
            if (k > 0) {
                assertTrue(values[k - 1] >= values[k]);
            }
            double norm = 0;
            for (int i = 0; i < n; i++) {
                double av = 0;
                for (int j = 0; j < n; j++) {
                    av += a[i * n + j] * vectors[j * n + k];
                }
                assertEquals(values[k] * vectors[i * n + k], av, 1e-9);
                norm += vectors[i * n + k] * vectors[i * n + k];
            }
            assertEquals(1, norm, 1e-9);
        }
    }

    @Test
    void aDiagonalMatrixIsItsOwnDecomposition() {
        double[] values = new double[3];
        double[] vectors = new double[9];
        SymmetricEigen.decompose(new double[] {1, 0, 0, 0, 5, 0, 0, 0, 3}, 3, values, vectors);
        assertEquals(5, values[0]);
        assertEquals(3, values[1]);
        assertEquals(1, values[2]);
        assertEquals(1, Math.abs(vectors[1 * 3]), 0); // the first vector is e2
    }
}
