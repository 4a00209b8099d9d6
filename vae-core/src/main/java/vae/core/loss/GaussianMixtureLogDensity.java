package vae.core.loss;

import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.tensor.Tensor;

/**
 * log p(z) of a mixture of K diagonal Gaussians, {@code p(z) = Σ_k π_k N(z; m_k, diag e^{lv_k})}, per
 * row: the density of the mixture-of-Gaussians prior and of the VampPrior (whose components are the
 * encoder's q(z|u_k) at its pseudo-inputs, with equal weights). Computed in double, per pair of row and
 * component, with a log-sum-exp over the components that subtracts each row's largest term first.
 *
 * <p>Backward, with the responsibilities {@code r_bk = softmax_k(a_bk)} of the terms
 * {@code a_bk = log π_k + log N(z_b; m_k, e^{lv_k})}: {@code dz_b = −Σ_k r_bk (z_b − m_k) e^{−lv_k}},
 * {@code dm_k = Σ_b r_bk (z_b − m_k) e^{−lv_k}}, {@code dlv_k = Σ_b r_bk ½((z_b − m_k)² e^{−lv_k} − 1)} and,
 * with {@code π = softmax(logits)}, {@code dlogits_k = Σ_b (r_bk − π_k)}, each times the row's gradient.
 */
public final class GaussianMixtureLogDensity {
    private static final double LOG_2PI = Math.log(2 * Math.PI);

    private GaussianMixtureLogDensity() {
    }

    /**
     * log p(z) per row, shape {@code [rows]}.
     *
     * @param z       the points, {@code [rows, L]}
     * @param means   the components' means, {@code [K, L]}
     * @param logvars their log-variances, {@code [K, L]}
     * @param logits  the unnormalised log weights, {@code [K]}, or null for equal weights 1/K
     */
    public static Var of(Graph g, Var z, Var means, Var logvars, Var logits) {
        int rows = z.rows();
        int latent = z.cols();
        int k = means.rows();
        if (means.cols() != latent || logvars.rows() != k || logvars.cols() != latent
                || logits != null && logits.size() != k) {
            throw new IllegalArgumentException("mixture density: z " + z.value() + ", means " + means.value()
                    + ", log-variances " + logvars.value() + (logits == null ? "" : " and logits " + logits.value())
                    + " do not match");
        }
        double[] logPi = logWeights(logits, k);
        float[] zd = z.data();
        float[] m = means.data();
        float[] lv = logvars.data();
        double[] precision = new double[k * latent];
        double[] constant = new double[k];
        for (int c = 0; c < k; c++) {
            double sum = 0;
            for (int j = 0; j < latent; j++) {
                precision[c * latent + j] = Math.exp(-(double) lv[c * latent + j]);
                sum += lv[c * latent + j];
            }
            constant[c] = logPi[c] - 0.5 * (sum + latent * LOG_2PI);
        }
        boolean grads = g.isRecording()
                && (z.requiresGrad() || means.requiresGrad() || logvars.requiresGrad() || logits != null && logits.requiresGrad());
        float[] responsibility = grads ? new float[rows * k] : null;
        double[] terms = new double[k];
        Tensor out = g.allocate(rows);
        for (int b = 0; b < rows; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double q = 0;
                for (int j = 0; j < latent; j++) {
                    double d = zd[b * latent + j] - m[c * latent + j];
                    q += d * d * precision[c * latent + j];
                }
                terms[c] = constant[c] - 0.5 * q;
                max = Math.max(max, terms[c]);
            }
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += Math.exp(terms[c] - max);
            }
            out.data()[b] = (float) (max + Math.log(sum));
            if (grads) {
                for (int c = 0; c < k; c++) {
                    responsibility[b * k + c] = (float) (Math.exp(terms[c] - max) / sum);
                }
            }
        }
        return g.result(out, r -> backward(r.gradData(), z, means, logvars, logits, responsibility, precision, logPi),
                logits == null ? new Var[] {z, means, logvars} : new Var[] {z, means, logvars, logits});
    }

    private static void backward(float[] dout, Var z, Var means, Var logvars, Var logits, float[] responsibility,
                                 double[] precision, double[] logPi) {
        int rows = z.rows();
        int latent = z.cols();
        int k = means.rows();
        float[] zd = z.data();
        float[] m = means.data();
        double[] dz = new double[latent];
        double[] dm = new double[k * latent];
        double[] dlv = new double[k * latent];
        double[] dlogits = new double[k];
        for (int b = 0; b < rows; b++) {
            java.util.Arrays.fill(dz, 0);
            for (int c = 0; c < k; c++) {
                double w = responsibility[b * k + c] * (double) dout[b];
                if (w == 0) {
                    continue;
                }
                dlogits[c] += w;
                for (int j = 0; j < latent; j++) {
                    double p = precision[c * latent + j];
                    double d = zd[b * latent + j] - m[c * latent + j];
                    dz[j] -= w * d * p;
                    dm[c * latent + j] += w * d * p;
                    dlv[c * latent + j] += w * 0.5 * (d * d * p - 1);
                }
            }
            if (z.requiresGrad()) {
                float[] gz = z.gradData();
                for (int j = 0; j < latent; j++) {
                    gz[b * latent + j] += (float) dz[j];
                }
            }
            if (logits != null) {
                double total = dout[b];
                for (int c = 0; c < k; c++) {
                    dlogits[c] -= Math.exp(logPi[c]) * total; // the softmax's normalisation
                }
            }
        }
        addTo(means, dm);
        addTo(logvars, dlv);
        if (logits != null) {
            addTo(logits, dlogits);
        }
    }

    private static void addTo(Var v, double[] grad) {
        if (v.requiresGrad()) {
            float[] g = v.gradData();
            for (int i = 0; i < grad.length; i++) {
                g[i] += (float) grad[i];
            }
        }
    }

    /** log π = log softmax(logits), or log 1/K for equal weights. */
    private static double[] logWeights(Var logits, int k) {
        double[] out = new double[k];
        if (logits == null) {
            java.util.Arrays.fill(out, -Math.log(k));
            return out;
        }
        float[] l = logits.data();
        double max = Double.NEGATIVE_INFINITY;
        for (float v : l) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (float v : l) {
            sum += Math.exp(v - max);
        }
        double lse = max + Math.log(sum);
        for (int c = 0; c < k; c++) {
            out[c] = l[c] - lse;
        }
        return out;
    }
}
