package vae.core.eval;

/**
 * The scores of a run of consecutive examples, in nats unless said otherwise. The ELBO and
 * log-likelihood values are NaN for models without a posterior (a plain autoencoder).
 */
public final class ScoredBatch {
    final int from;
    final int count;
    final int latent;
    final float[] mu;
    final float[] logvar;
    final double[] reconstructionAtMean;
    final double[] squaredError;
    final double[] reconstruction;
    final double[] kl;
    final double[] negativeLogLikelihood;
    final double[] marginalNegativeLogLikelihood;
    /** For a table model, −log p(x|z=μ) of each example split by column kind (3 per example); else null. */
    double[] reconstructionAtMeanByKind;

    ScoredBatch(int from, int count, int latent) {
        this.from = from;
        this.count = count;
        this.latent = latent;
        this.mu = new float[count * latent];
        this.logvar = new float[count * latent];
        this.reconstructionAtMean = new double[count];
        this.squaredError = new double[count];
        this.reconstruction = nans(count);
        this.kl = nans(count);
        this.negativeLogLikelihood = nans(count);
        this.marginalNegativeLogLikelihood = nans(count);
    }

    private static double[] nans(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    /**
     * For a model of table rows, the share of {@link #reconstructionAtMean(int)} that columns of one
     * kind (the ordinal of {@code ValueLayout.Kind}: numeric, binary, categorical) contribute; NaN
     * for other models.
     */
    public double reconstructionAtMeanByKind(int i, int kind) {
        return reconstructionAtMeanByKind == null ? Double.NaN : reconstructionAtMeanByKind[3 * i + kind];
    }

    /** The index of the first example. */
    public int from() {
        return from;
    }

    /** How many examples. */
    public int count() {
        return count;
    }

    /** −log p(x|z = μ): how well the decoder reproduces x from the posterior mean. */
    public double reconstructionAtMean(int i) {
        return reconstructionAtMean[i];
    }

    /** Σ (x − E[x|z = μ])² over the values of example i (not in nats). */
    public double squaredError(int i) {
        return squaredError[i];
    }

    /** E_q[−log p(x|z)], averaged over the k samples. */
    public double reconstruction(int i) {
        return reconstruction[i];
    }

    /** KL(q(z|x) ‖ N(0, I)) in closed form. */
    public double kl(int i) {
        return kl[i];
    }

    /** −ELBO = {@link #reconstruction} + {@link #kl}. */
    public double negativeElbo(int i) {
        return reconstruction[i] + kl[i];
    }

    /** −log p(x) estimated with k importance samples: an upper bound that tightens as k grows. */
    public double negativeLogLikelihood(int i) {
        return negativeLogLikelihood[i];
    }

    /**
     * For a semi-supervised model (M2), −log p(x) = −log Σ_y p(y)·p(x|y) with p(y) uniform, each
     * p(x|y) estimated with the same k importance samples (an upper bound in expectation, as
     * {@link #negativeLogLikelihood}, which is then −log p(x|y) given the example's label); NaN for
     * other models.
     */
    public double marginalNegativeLogLikelihood(int i) {
        return marginalNegativeLogLikelihood[i];
    }

    /** μ_j of q(z|x) for example i. */
    public float mu(int i, int j) {
        return mu[i * latent + j];
    }

    /** log σ²_j of q(z|x) for example i. */
    public float logvar(int i, int j) {
        return logvar[i * latent + j];
    }
}
