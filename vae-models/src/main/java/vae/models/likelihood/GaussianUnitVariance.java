package vae.models.likelihood;

import vae.core.loss.GaussianLikelihood;
import vae.core.loss.Likelihood;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.LikelihoodProvider;

/** {@code gaussian-unit-variance}: p(x|z) = N(mean, 1), the squared error up to constants. */
public final class GaussianUnitVariance extends LikelihoodProvider {

    public GaussianUnitVariance() {
        super("gaussian-unit-variance", "Gaussian with a learned mean and variance 1 (squared error plus a constant)");
    }

    @Override
    public Likelihood create(HyperparameterValues values) {
        return new GaussianLikelihood(false);
    }
}
