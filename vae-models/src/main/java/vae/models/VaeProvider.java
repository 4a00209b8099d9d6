package vae.models;

import java.util.List;
import vae.core.spi.Hyperparameter;
import vae.core.spi.Variant;
import vae.core.spi.VariantConfig;
import vae.core.spi.VariantProvider;

/** {@code vae}: the classic VAE of Kingma and Welling with an MLP encoder and decoder. */
public final class VaeProvider implements VariantProvider {

    @Override
    public String name() {
        return "vae";
    }

    @Override
    public String description() {
        return "VAE (Kingma & Welling 2014) with MLP encoder and decoder, as in pytorch/examples vae/main.py";
    }

    @Override
    public List<Hyperparameter> hyperparameters() {
        return List.of(MlpVariant.HIDDEN, MlpVariant.LATENT);
    }

    @Override
    public Variant create(VariantConfig config) {
        var h = config.hyperparameters();
        return new MlpVae(config, h.getInt("hidden"), h.getInt("latent"), 1.0);
    }
}
