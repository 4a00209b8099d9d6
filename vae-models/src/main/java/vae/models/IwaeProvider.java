package vae.models;

import java.util.List;
import vae.core.spi.Hyperparameter;
import vae.core.spi.Variant;
import vae.core.spi.VariantConfig;
import vae.core.spi.VariantProvider;

/** {@code iwae}: the importance-weighted autoencoder, trained and reported with its k-sample bound. */
public final class IwaeProvider implements VariantProvider {

    @Override
    public String name() {
        return "iwae";
    }

    @Override
    public String description() {
        return "IWAE (Burda et al. 2016): trains the k-sample importance-weighted bound (k=1: the ELBO); "
                + "MLP encoder and decoder";
    }

    @Override
    public List<Hyperparameter> hyperparameters() {
        return List.of(MlpVariant.HIDDEN, MlpVariant.LATENT,
                Hyperparameter.integer("k", 5, 1, 1024,
                        "importance samples per example (each step decodes batch*k samples)"));
    }

    @Override
    public Variant create(VariantConfig config) {
        var h = config.hyperparameters();
        return new Iwae(config, h.getInt("hidden"), h.getInt("latent"), h.getInt("k"));
    }
}
