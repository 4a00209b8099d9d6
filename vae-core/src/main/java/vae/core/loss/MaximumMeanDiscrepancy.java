package vae.core.loss;

import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.backend.Backend;
import vae.core.tensor.Tensor;

/**
 * The squared maximum mean discrepancy MMD²(q(z), p(z)) between the batch's latents and samples
 * of the prior, as InfoVAE (Zhao et al. 2019) and WAE (Tolstikhin et al. 2018) use it.
 *
 * <p>Estimator: the unbiased U-statistic (Gretton et al. 2012), which leaves out the pairs of a
 * point with itself. The biased z–z term is {@code k(0)/n + (n−1)/n} times the unbiased one, so
 * only the z–z part of the gradient differs, by the factor {@code (n−1)/n} (the cross term's
 * gradient is the same); what changes most is the reported value, whose
 * expectation is the true MMD², zero when q(z) = p(z), whatever the batch size (it can therefore
 * come out slightly negative). A batch of one latent has no pairs: its z–z term is then
 * {@code k(0)}, the biased form.
 *
 * <p>Kernels, with the scale {@code C = 2·L·σ²} for L latent dimensions and the prior's variance
 * σ² = 1 (the choice of Tolstikhin et al. for N(0, I); about the expected squared distance
 * between two prior samples): {@link Kernel#RBF} {@code k = exp(−‖a − b‖² / C)} and
 * {@link Kernel#IMQ} {@code k = C / (C + ‖a − b‖²)}.
 *
 * <p>The per-example value is the share of example i,
 * {@code mmd_i = 1/(n−1) Σ_{j≠i} k(z_i, z_j) − 2/m Σ_j k(z_i, p_j) + 1/(m(m−1)) Σ_{a≠b} k(p_a, p_b)},
 * whose batch mean is the estimate, so it fits {@link vae.core.spi.LossTerms}. The Gram matrices
 * are GEMMs on the backend; the kernel values are O(n·m) scalars, a negligible part of a step.
 */
public final class MaximumMeanDiscrepancy {
    private MaximumMeanDiscrepancy() {
    }

    /** The kernel k(a, b) as a function of the squared distance d = ‖a − b‖². */
    public enum Kernel {
        /** The Gaussian kernel {@code exp(−d / C)}. */
        RBF {
            @Override double value(double d, double c) { return Math.exp(-d / c); }
            @Override double derivative(double k, double c) { return -k / c; }
        },
        /** The inverse multiquadratic kernel {@code C / (C + d)}, heavier-tailed. */
        IMQ {
            @Override double value(double d, double c) { return c / (c + d); }
            @Override double derivative(double k, double c) { return -k * k / c; }
        };

        /** k as a function of d. */
        abstract double value(double d, double c);

        /** dk/dd, given k. */
        abstract double derivative(double k, double c);

        /** The kernel for {@code rbf} or {@code imq}. */
        public static Kernel named(String name) {
            return switch (name) {
                case "rbf" -> RBF;
                case "imq" -> IMQ;
                default -> throw new IllegalArgumentException("unknown MMD kernel '" + name + "': use rbf or imq");
            };
        }
    }

    /** The kernel scale C = 2·L·σ² with σ² = 1 for a standard normal prior in L dimensions. */
    public static double scale(int latentDim) {
        return 2.0 * latentDim;
    }

    /**
     * Each example's share of MMD² between {@code z [n, L]} and {@code prior [m, L]} (samples of
     * p(z), no gradient), shape {@code [n]}; the gradient flows to z.
     */
    public static Var perExample(Graph g, Var z, Tensor prior, Kernel kernel) {
        int n = z.rows();
        int dim = z.cols();
        int m = prior.rows();
        if (prior.cols() != dim || m < 2) {
            throw new IllegalArgumentException("MMD: latents " + z.value() + " and prior samples " + prior
                    + " need the same width and at least two prior samples");
        }
        double c = scale(dim);
        Backend be = g.backend();
        float[] zz = kernelMatrix(g, kernel, c, z.data(), n, z.data(), n, dim);
        float[] zp = kernelMatrix(g, kernel, c, z.data(), n, prior.data(), m, dim);
        float[] pp = kernelMatrix(g, kernel, c, prior.data(), m, prior.data(), m, dim);

        double priorTerm = (sum(pp, m * m) - m * kernel.value(0, c)) / ((double) m * (m - 1));
        double zzNorm = n > 1 ? 1.0 / (n - 1) : 1.0;
        Tensor out = g.allocate(n);
        for (int i = 0; i < n; i++) {
            double self = 0;
            for (int j = 0; j < n; j++) {
                if (j != i || n == 1) {
                    self += zz[i * n + j];
                }
            }
            double cross = 0;
            for (int j = 0; j < m; j++) {
                cross += zp[i * m + j];
            }
            out.data()[i] = (float) (self * zzNorm - 2.0 * cross / m + priorTerm);
        }
        return g.result(out, r -> {
            // dL/dz_i = Σ_j W_ij (z_i − z_j) + Σ_j V_ij (z_i − p_j) with W, V from k'(d)·2(a − b):
            // built as rowsum(W)·z_i − (W z)_i, so the products run as GEMMs.
            float[] gOut = r.gradData();
            float[] w = g.allocate(n, n).data();
            float[] v = g.allocate(n, m).data();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double pairWeight = i == j ? 0 : (gOut[i] + gOut[j]) * zzNorm;
                    w[i * n + j] = (float) (2 * pairWeight * kernel.derivative(zz[i * n + j], c));
                }
                for (int j = 0; j < m; j++) {
                    v[i * m + j] = (float) (2 * (-2.0 * gOut[i] / m) * kernel.derivative(zp[i * m + j], c));
                }
            }
            float[] dz = z.gradData();
            float[] rowScale = g.allocate(n).data();
            for (int i = 0; i < n; i++) {
                rowScale[i] = (float) (sum(w, i * n, n) + sum(v, i * m, m));
            }
            be.scaleRowsAccumulate(z.data(), rowScale, n, dim, dz);
            float[] negZ = g.allocate(n, dim).data();
            float[] negP = g.allocate(m, dim).data();
            be.scale(-1f, z.data(), negZ, n * dim);
            be.scale(-1f, prior.data(), negP, m * dim);
            be.gemm(false, false, n, dim, n, w, 0, negZ, 0, dz, 0, true);
            be.gemm(false, false, n, dim, m, v, 0, negP, 0, dz, 0, true);
        }, z);
    }

    /** {@code K[i, j] = k(‖a_i − b_j‖²)} for {@code a [na, dim]}, {@code b [nb, dim]}, from one GEMM. */
    private static float[] kernelMatrix(Graph g, Kernel kernel, double c, float[] a, int na, float[] b, int nb,
                                        int dim) {
        float[] dot = g.allocate(na, nb).data();
        g.backend().gemm(false, true, na, nb, dim, a, 0, b, 0, dot, 0, false);
        double[] normA = squaredNorms(a, na, dim);
        double[] normB = a == b ? normA : squaredNorms(b, nb, dim);
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                // The expansion ‖a‖² + ‖b‖² − 2a·b can round below zero for near-equal points.
                double d = Math.max(0, normA[i] + normB[j] - 2.0 * dot[i * nb + j]);
                dot[i * nb + j] = (float) kernel.value(d, c);
            }
        }
        return dot;
    }

    private static double[] squaredNorms(float[] x, int rows, int dim) {
        double[] norms = new double[rows];
        for (int r = 0; r < rows; r++) {
            double s = 0;
            for (int c = 0; c < dim; c++) {
                double v = x[r * dim + c];
                s += v * v;
            }
            norms[r] = s;
        }
        return norms;
    }

    private static double sum(float[] x, int n) {
        return sum(x, 0, n);
    }

    private static double sum(float[] x, int from, int n) {
        double s = 0;
        for (int i = from; i < from + n; i++) {
            s += x[i];
        }
        return s;
    }
}
