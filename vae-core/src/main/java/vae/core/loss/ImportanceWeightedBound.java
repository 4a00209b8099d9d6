package vae.core.loss;

import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.backend.Backend;
import vae.core.tensor.Tensor;

/**
 * The importance-weighted bound of Burda et al. (2016),
 * {@code L_k(x) = log (1/k) Σ_s w_s ≤ log p(x)} with {@code log w_s = log p(x|z_s) + log p(z_s) − log q(z_s|x)}
 * and {@code z_s ~ q(z|x)}; k = 1 is the ELBO. Built in two steps so that a scorer can reuse
 * them without gradients: {@link #logWeights} per sample, then {@link #negativeBound}, a stable
 * log-mean-exp over the k samples. For k too large for one batch, {@link LogMeanExp} combines
 * chunks of samples.
 *
 * <p>Layout: the k samples of a batch of B examples are stacked sample-major, row
 * {@code s·B + b} holds sample s of example b (what tiling the batch k times gives).
 */
public final class ImportanceWeightedBound {
    private ImportanceWeightedBound() {
    }

    /**
     * {@code log w = −nll + log N(z; 0, I) − log N(z; μ, e^lv)} per row, shape {@code [rows]}.
     *
     * @param nll    {@code −log p(x|z)} per row, {@code [rows]}
     * @param z      the latents, {@code [rows, L]}
     * @param mu     q's means for the same rows, {@code [rows, L]}
     * @param logvar q's log-variances for the same rows, {@code [rows, L]}
     */
    public static Var logWeights(Graph g, Var nll, Var z, Var mu, Var logvar) {
        int rows = z.rows();
        int cols = z.cols();
        if (nll.size() != rows || mu.rows() != rows || mu.cols() != cols || logvar.rows() != rows
                || logvar.cols() != cols) {
            throw new IllegalArgumentException("log weights: nll " + nll.value() + ", z " + z.value() + ", μ "
                    + mu.value() + " and log σ² " + logvar.value() + " do not match");
        }
        Backend be = g.backend();
        boolean grads = g.isRecording();
        // −log N(z; 0, I) and −log N(z; μ, e^lv) are Gaussian NLLs of the "targets" z, which the
        // backend's fused kernel computes with its gradients; d/dz of a NLL is −d/dμ.
        Tensor zeros = g.zeros(rows, cols);
        Tensor priorNll = g.allocate(rows);
        Tensor priorGradMean = grads ? g.allocate(rows, cols) : null;
        be.gaussianNll(zeros.data(), null, z.data(), rows, cols, priorNll.data(),
                grads ? priorGradMean.data() : null, null);
        Tensor postNll = g.allocate(rows);
        Tensor postGradMean = grads ? g.allocate(rows, cols) : null;
        Tensor postGradLogvar = grads ? g.allocate(rows, cols) : null;
        be.gaussianNll(mu.data(), logvar.data(), z.data(), rows, cols, postNll.data(),
                grads ? postGradMean.data() : null, grads ? postGradLogvar.data() : null);

        Tensor out = g.allocate(rows);
        for (int r = 0; r < rows; r++) {
            out.data()[r] = (float) ((double) -nll.data()[r] - priorNll.data()[r] + postNll.data()[r]);
        }
        return g.result(out, res -> {
            float[] d = res.gradData();
            if (nll.requiresGrad()) {
                be.axpy(-1f, d, 0, nll.gradData(), 0, rows);
            }
            float[] minusD = g.allocate(rows).data();
            be.scale(-1f, d, minusD, rows);
            if (z.requiresGrad()) {
                // −priorNll contributes −(−gradMean) = priorGradMean·d; +postNll contributes −postGradMean·d.
                be.scaleRowsAccumulate(priorGradMean.data(), d, rows, cols, z.gradData());
                be.scaleRowsAccumulate(postGradMean.data(), minusD, rows, cols, z.gradData());
            }
            if (mu.requiresGrad()) {
                be.scaleRowsAccumulate(postGradMean.data(), d, rows, cols, mu.gradData());
            }
            if (logvar.requiresGrad()) {
                be.scaleRowsAccumulate(postGradLogvar.data(), d, rows, cols, logvar.gradData());
            }
        }, nll, z, mu, logvar);
    }

    /**
     * {@code −(log (1/k) Σ_s exp(logW[s·B + b]))} per example b, shape {@code [B]}: the negative
     * k-sample bound in nats, a loss. The log-sum-exp subtracts each example's largest log weight
     * first, so no weight overflows. Backward: {@code d logW[s, b] = −softmax_s(logW[·, b]) · dout[b]}.
     */
    public static Var negativeBound(Graph g, Var logWeights, int k) {
        if (k < 1 || logWeights.size() % k != 0) {
            throw new IllegalArgumentException("IWAE bound: " + logWeights.size() + " log weights do not split into "
                    + k + " samples per example");
        }
        int batch = logWeights.size() / k;
        float[] lw = logWeights.data();
        Tensor out = g.allocate(batch);
        Tensor softmax = g.isRecording() ? g.allocate(k * batch) : null;
        for (int b = 0; b < batch; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < k; s++) {
                max = Math.max(max, lw[s * batch + b]);
            }
            double sum = 0;
            for (int s = 0; s < k; s++) {
                sum += Math.exp(lw[s * batch + b] - max);
            }
            out.data()[b] = (float) -(max + Math.log(sum) - Math.log(k));
            if (softmax != null) {
                for (int s = 0; s < k; s++) {
                    softmax.data()[s * batch + b] = (float) (Math.exp(lw[s * batch + b] - max) / sum);
                }
            }
        }
        return g.result(out, r -> {
            float[] d = r.gradData();
            float[] dlw = logWeights.gradData();
            for (int s = 0; s < k; s++) {
                for (int b = 0; b < batch; b++) {
                    dlw[s * batch + b] -= softmax.data()[s * batch + b] * d[b];
                }
            }
        }, logWeights);
    }

    /**
     * A running {@code log (1/N) Σ exp(logW)} per example over chunks of samples, for bounds with
     * more samples than fit in one batch (e.g. k = 5000 to estimate log p(x)); no gradients.
     *
     * <p>The samples are taken one at a time, the running maximum moving with them, so the value is
     * a function of the sequence of log weights alone, not of how it was cut into chunks: a score
     * is the same bits whatever batch (and so whatever chunks) it was computed in.
     */
    public static final class LogMeanExp {
        private final double[] max;
        private final double[] scaledSum;
        private long samples;

        /** For {@code batch} examples. */
        public LogMeanExp(int batch) {
            this.max = new double[batch];
            this.scaledSum = new double[batch];
            java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        }

        /** Adds a chunk of log weights laid out {@code [samples, batch]} (sample-major). */
        public void add(float[] logWeights, int samplesInChunk) {
            int batch = max.length;
            if (logWeights.length < samplesInChunk * batch) {
                throw new IllegalArgumentException("a chunk of " + samplesInChunk + " samples for " + batch
                        + " examples needs " + samplesInChunk * batch + " log weights, got " + logWeights.length);
            }
            for (int b = 0; b < batch; b++) {
                double m = max[b];
                double sum = scaledSum[b];
                for (int s = 0; s < samplesInChunk; s++) {
                    double w = logWeights[s * batch + b];
                    if (w > m) { // a new maximum: rescale what was summed (nothing before the first sample)
                        sum = (m == Double.NEGATIVE_INFINITY ? 0 : sum * Math.exp(m - w)) + 1;
                        m = w;
                    } else {
                        sum += Math.exp(w - m);
                    }
                }
                max[b] = m;
                scaledSum[b] = sum;
            }
            samples += samplesInChunk;
        }

        /** {@code log (1/N) Σ_s w_s} of example b over the N samples added. */
        public double value(int b) {
            if (samples == 0) {
                throw new IllegalStateException("no samples were added");
            }
            return max[b] + Math.log(scaledSum[b]) - Math.log(samples);
        }
    }
}
