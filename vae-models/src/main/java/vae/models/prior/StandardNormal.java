package vae.models.prior;

import vae.core.spi.Prior;
import vae.core.spi.PriorConfig;
import vae.core.spi.PriorProvider;
import vae.core.spi.StandardNormalPrior;

/** {@code standard-normal}: p(z) = N(0, I), with the KL of a diagonal Gaussian q in closed form. */
public final class StandardNormal extends PriorProvider {

    public StandardNormal() {
        super("standard-normal", "p(z) = N(0, I); KL(q(z|x) || p(z)) in closed form");
    }

    @Override
    public Prior create(PriorConfig config) {
        return StandardNormalPrior.INSTANCE;
    }
}
