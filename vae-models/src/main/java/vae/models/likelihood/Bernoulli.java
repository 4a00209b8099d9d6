package vae.models.likelihood;

import vae.core.loss.BernoulliLikelihood;
import vae.core.loss.Likelihood;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.LikelihoodProvider;

/** {@code bernoulli}: p(x|z) with one logit per value, for data in [0, 1] (grey values as targets). */
public final class Bernoulli extends LikelihoodProvider {

    public Bernoulli() {
        super("bernoulli", "Bernoulli with logits, for values in [0, 1] (binary cross-entropy)");
    }

    @Override
    public Likelihood create(HyperparameterValues values) {
        return new BernoulliLikelihood();
    }
}
