package vae.api;

/**
 * Per-example scores of {@link TrainedVae#score}, in nats (except the squared error); NaN where
 * the model does not define a value (a model without a posterior has no ELBO or log p(x)).
 *
 * @param negLogPx            −log p(x) from k importance samples: the score to rank anomalies by
 * @param negElbo             −ELBO = reconstruction + kl
 * @param reconstruction      −E_q[log p(x|z)], averaged over the k samples
 * @param kl                  KL(q(z|x) ‖ p(z)), closed form when it exists
 * @param reconstructionAtMean −log p(x|z = μ)
 * @param squaredError        Σ (x − E[x|z = μ])²
 */
public record Scores(double[] negLogPx, double[] negElbo, double[] reconstruction, double[] kl,
                     double[] reconstructionAtMean, double[] squaredError) {
}
