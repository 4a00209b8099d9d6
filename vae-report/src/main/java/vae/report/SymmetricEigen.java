package vae.report;

/**
 * Eigenvalues and eigenvectors of a small symmetric matrix by cyclic Jacobi rotations: exact to
 * rounding and a few dozen lines, enough for the principal components of a latent space.
 */
final class SymmetricEigen {
    private static final int MAX_SWEEPS = 100;

    private SymmetricEigen() {
    }

    /**
     * The eigen-decomposition of the symmetric {@code n × n} matrix {@code a} (row-major, not changed):
     * eigenvalues descending in {@code values}, eigenvector {@code k} in column {@code k} of {@code vectors}.
     */
    static void decompose(double[] a, int n, double[] values, double[] vectors) {
        double[] m = a.clone();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                vectors[i * n + j] = i == j ? 1 : 0;
            }
        }
        for (int sweep = 0; sweep < MAX_SWEEPS && offDiagonal(m, n) > 1e-22 * Math.max(1, diagonal(m, n)); sweep++) {
            for (int p = 0; p < n - 1; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(m, vectors, n, p, q);
                }
            }
        }
        sortDescending(m, vectors, n, values);
    }

    /** Zeroes m[p][q] with one rotation, applied to both sides of m and to the vectors. */
    private static void rotate(double[] m, double[] v, int n, int p, int q) {
        double apq = m[p * n + q];
        if (apq == 0) {
            return;
        }
        double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        if (theta == 0) {
            t = 1;
        }
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) { // columns p and q
            double mkp = m[k * n + p];
            double mkq = m[k * n + q];
            m[k * n + p] = c * mkp - s * mkq;
            m[k * n + q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) { // rows p and q
            double mpk = m[p * n + k];
            double mqk = m[q * n + k];
            m[p * n + k] = c * mpk - s * mqk;
            m[q * n + k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k * n + p];
            double vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
        }
    }

    private static double offDiagonal(double[] m, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i != j) {
                    sum += m[i * n + j] * m[i * n + j];
                }
            }
        }
        return sum;
    }

    private static double diagonal(double[] m, int n) {
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += m[i * n + i] * m[i * n + i];
        }
        return sum;
    }

    /** Copies the diagonal to values and orders values and vector columns by descending value. */
    private static void sortDescending(double[] m, double[] v, int n, double[] values) {
        for (int i = 0; i < n; i++) {
            values[i] = m[i * n + i];
        }
        for (int i = 0; i < n - 1; i++) {
            int best = i;
            for (int j = i + 1; j < n; j++) {
                if (values[j] > values[best]) {
                    best = j;
                }
            }
            if (best != i) {
                double t = values[i];
                values[i] = values[best];
                values[best] = t;
                for (int k = 0; k < n; k++) {
                    double x = v[k * n + i];
                    v[k * n + i] = v[k * n + best];
                    v[k * n + best] = x;
                }
            }
        }
    }
}
