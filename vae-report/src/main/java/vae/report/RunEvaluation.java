package vae.report;

import vae.core.eval.EvaluationSummary;

/**
 * What {@code vae report} measures of a model on its test set, in nats per example.
 *
 * @param examples      how many test examples were scored
 * @param k             importance samples per example
 * @param negativeElbo  −ELBO with one sample of z
 * @param reconstruction −E_q[log p(x|z)]
 * @param reconstructionAtMean −log p(x|z=μ), the decoder at the latent mean (for every model, the autoencoder too)
 * @param kl            KL(q(z|x) ‖ p(z)), NaN for a model without a prior
 * @param negLogPx      −log p(x) estimated with k importance samples, NaN without a prior
 * @param bitsPerDim    −log p(x) in bits per data dimension (NaN without a prior, and for tables)
 * @param activeUnits   latent dimensions whose mean varies with x
 * @param latent        latent dimensions
 */
public record RunEvaluation(long examples, int k, double negativeElbo, double reconstruction,
                            double reconstructionAtMean, double kl, double negLogPx,
                            double bitsPerDim, int activeUnits, int latent) {

    /** The figures of an evaluation of data with {@code dimension} values per example (0: no bits/dim). */
    public static RunEvaluation of(EvaluationSummary s, int k, int dimension, boolean hasPrior) {
        double nll = hasPrior ? s.negativeLogLikelihood() : Double.NaN;
        return new RunEvaluation(s.examples(), k, hasPrior ? s.negativeElbo() : Double.NaN,
                hasPrior ? s.reconstruction() : Double.NaN, s.reconstructionAtMean(), hasPrior ? s.kl() : Double.NaN, nll, dimension > 0 ? nll / (dimension * Math.log(2)) : Double.NaN,
                s.activeUnits(), s.latent());
    }
}
