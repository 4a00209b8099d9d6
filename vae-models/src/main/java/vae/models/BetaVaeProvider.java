package vae.models;

import java.util.List;
import vae.core.spi.Hyperparameter;
import vae.core.spi.Variant;
import vae.core.spi.VariantConfig;
import vae.core.spi.VariantProvider;

/** {@code beta-vae}: β-VAE, optionally with the controlled-capacity objective. */
public final class BetaVaeProvider implements VariantProvider {

    @Override
    public String name() {
        return "beta-vae";
    }

    @Override
    public String description() {
        return "beta-VAE (Higgins et al. 2017): recon + beta*KL; with capacity=true recon + gamma*|KL - C|, "
                + "C ramped to c_max (Burgess et al. 2018); MLP encoder and decoder";
    }

    @Override
    public List<Hyperparameter> hyperparameters() {
        return List.of(MlpVariant.HIDDEN, MlpVariant.LATENT,
                Hyperparameter.real("beta", 4.0, 0.0, 1e6, "weight of the KL term (1 is the plain VAE)"),
                Hyperparameter.flag("capacity", false, "use the controlled-capacity objective instead of beta"),
                Hyperparameter.real("gamma", 1000.0, 0.0, 1e6, "capacity form: weight of |KL - C|"),
                Hyperparameter.real("c_max", 25.0, 0.0, 1e6, "capacity form: the final capacity C in nats"),
                Hyperparameter.integer("c_steps", 100000, 0, Integer.MAX_VALUE,
                        "capacity form: optimiser steps over which C rises linearly from 0 (0: C = c_max at once)"));
    }

    @Override
    public Variant create(VariantConfig config) {
        var h = config.hyperparameters();
        return new BetaVae(config, h.getInt("hidden"), h.getInt("latent"), h.getDouble("beta"),
                h.getBoolean("capacity"), h.getDouble("gamma"), h.getDouble("c_max"), h.getInt("c_steps"));
    }
}
