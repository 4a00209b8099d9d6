package vae.models.likelihood;

import vae.core.loss.GaussianLikelihood;
import vae.core.loss.Likelihood;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.LikelihoodProvider;

/** {@code gaussian}: p(x|z) = N(mean, e^logvar) with both learned per value, for real values. */
public final class Gaussian extends LikelihoodProvider {

    public Gaussian() {
        super("gaussian", "Gaussian with a learned mean and log-variance per value, for real values");
    }

    @Override
    public Likelihood create(HyperparameterValues values) {
        return new GaussianLikelihood(true);
    }
}
