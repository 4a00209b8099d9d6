package vae.models.likelihood;

import vae.core.data.ValueLayout;
import vae.core.loss.Likelihood;
import vae.core.loss.MixedLikelihood;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.LikelihoodProvider;

/**
 * {@code mixed}: p(x|z) per table column (Gaussian with learned variance, Bernoulli, categorical),
 * missing entries left out; the default for tables.
 */
public final class Mixed extends LikelihoodProvider {

    public Mixed() {
        super("mixed", "per table column: Gaussian (learned variance), Bernoulli or categorical; missing entries "
                + "left out (tables only)");
    }

    @Override
    public Likelihood create(HyperparameterValues values) {
        return create(values, null);
    }

    @Override
    public Likelihood create(HyperparameterValues values, ValueLayout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("likelihood 'mixed' models the columns of a table, and these data are "
                    + "images; train on a CSV table, or choose likelihood bernoulli or gaussian");
        }
        return new MixedLikelihood(layout);
    }
}
