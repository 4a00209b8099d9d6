package vae.models;

import java.util.List;
import vae.core.spi.Hyperparameter;
import vae.core.spi.Variant;
import vae.core.spi.VariantConfig;
import vae.core.spi.VariantProvider;

/** {@code ae}: the deterministic autoencoder, a baseline that reconstructs but cannot sample. */
public final class AeProvider implements VariantProvider {

    @Override
    public String name() {
        return "ae";
    }

    @Override
    public String description() {
        return "deterministic autoencoder (no sampling, no KL) with the VAE's MLPs, for comparison; "
                + "it reconstructs but cannot sample from a prior";
    }

    @Override
    public List<Hyperparameter> hyperparameters() {
        return List.of(MlpVariant.HIDDEN, MlpVariant.LATENT);
    }

    @Override
    public Variant create(VariantConfig config) {
        var h = config.hyperparameters();
        return new Autoencoder(config, h.getInt("hidden"), h.getInt("latent"));
    }
}
