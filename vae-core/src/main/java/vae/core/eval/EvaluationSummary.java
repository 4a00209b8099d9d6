package vae.core.eval;

/**
 * Data-set averages of {@link ScoredBatch}es: the ELBO and its terms, the importance-sampled
 * log-likelihood, the KL of each latent dimension, and the active units of Burda et al. (a
 * dimension u is active when {@code Cov_x(E_q[z_u]) > 0.01}: the encoder's mean moves with x).
 */
public final class EvaluationSummary {
    /** Burda et al.'s threshold on the variance of μ_u across the data. */
    public static final double ACTIVE_THRESHOLD = 0.01;

    private final int latent;
    private long examples;
    private double reconstruction;
    private double kl;
    private double negativeLogLikelihood;
    private double marginalNegativeLogLikelihood;
    private double reconstructionAtMean;
    private double squaredError;
    private final double[] klPerDimension;
    // Welford's running mean and sum of squared deviations of μ_u.
    private final double[] muMean;
    private final double[] muM2;

    private double[] reconstructionAtMeanByKind;

    public EvaluationSummary(int latent) {
        this.latent = latent;
        this.klPerDimension = new double[latent];
        this.muMean = new double[latent];
        this.muM2 = new double[latent];
    }

    /** Adds a batch of scores. */
    public void add(ScoredBatch s) {
        for (int i = 0; i < s.count(); i++) {
            examples++;
            reconstruction += s.reconstruction(i);
            kl += s.kl(i);
            negativeLogLikelihood += s.negativeLogLikelihood(i);
            marginalNegativeLogLikelihood += s.marginalNegativeLogLikelihood(i); // NaN unless M2
            reconstructionAtMean += s.reconstructionAtMean(i);
            squaredError += s.squaredError(i);
            if (s.reconstructionAtMeanByKind != null) {
                if (reconstructionAtMeanByKind == null) {
                    reconstructionAtMeanByKind = new double[3];
                }
                for (int k = 0; k < 3; k++) {
                    reconstructionAtMeanByKind[k] += s.reconstructionAtMeanByKind(i, k);
                }
            }
            for (int j = 0; j < latent; j++) {
                double m = s.mu(i, j);
                double lv = s.logvar(i, j);
                klPerDimension[j] += 0.5 * (m * m + Math.exp(lv) - 1 - lv);
                double delta = m - muMean[j];
                muMean[j] += delta / examples;
                muM2[j] += delta * (m - muMean[j]);
            }
        }
    }

    /**
     * For a model of table rows, the mean −log p(x|z=μ) contributed by the numeric, binary and
     * categorical columns (in that order; they add up to {@link #reconstructionAtMean()}); null for
     * other models.
     */
    public double[] reconstructionAtMeanByKind() {
        if (reconstructionAtMeanByKind == null) {
            return null;
        }
        double[] mean = reconstructionAtMeanByKind.clone();
        for (int k = 0; k < 3; k++) {
            mean[k] /= examples;
        }
        return mean;
    }

    public long examples() {
        return examples;
    }

    /** Mean E_q[−log p(x|z)]. */
    public double reconstruction() {
        return reconstruction / examples;
    }

    /** Mean KL(q(z|x) ‖ N(0, I)). */
    public double kl() {
        return kl / examples;
    }

    /** Mean −ELBO. */
    public double negativeElbo() {
        return (reconstruction + kl) / examples;
    }

    /** Mean importance-sampled −log p(x). */
    public double negativeLogLikelihood() {
        return negativeLogLikelihood / examples;
    }

    /** M2's −log p(x) marginalised over the classes (see {@link ScoredBatch#marginalNegativeLogLikelihood}); NaN for other models. */
    public double marginalNegativeLogLikelihood() {
        return marginalNegativeLogLikelihood / examples;
    }

    /** Mean −log p(x|z = μ). */
    public double reconstructionAtMean() {
        return reconstructionAtMean / examples;
    }

    /** Mean Σ (x − E[x|z = μ])². */
    public double squaredError() {
        return squaredError / examples;
    }

    /** The mean KL of latent dimension j. */
    public double klOfDimension(int j) {
        return klPerDimension[j] / examples;
    }

    /** The variance of μ_j across the data (population variance). */
    public double meanVarianceOfDimension(int j) {
        return examples == 0 ? 0 : muM2[j] / examples;
    }

    /** Whether latent dimension j is active. */
    public boolean isActive(int j) {
        return meanVarianceOfDimension(j) > ACTIVE_THRESHOLD;
    }

    /** The number of active latent dimensions. */
    public int activeUnits() {
        int n = 0;
        for (int j = 0; j < latent; j++) {
            n += isActive(j) ? 1 : 0;
        }
        return n;
    }

    public int latent() {
        return latent;
    }

    /**
     * Nats per example as bits per dimension, {@code nats / (D · ln 2)}, the unit image models are
     * often compared in (D = 784 for MNIST).
     *
     * @param dimensions D, the values of one example
     */
    public static double bitsPerDimension(double nats, int dimensions) {
        if (dimensions < 1) {
            throw new IllegalArgumentException("an example has at least one value, got " + dimensions);
        }
        return nats / (dimensions * Math.log(2));
    }
}
