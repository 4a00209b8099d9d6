package vae.example.plugin;

import java.util.List;
import vae.core.spi.Hyperparameter;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.Variant;
import vae.core.spi.VariantConfig;
import vae.core.spi.VariantProvider;

/**
 * {@code tanh-vae}: the VAE of Kingma and Welling's MNIST experiments (tanh hidden units),
 * with {@code depth} hidden layers in encoder and decoder.
 */
public final class TanhVaeProvider implements VariantProvider {

    @Override
    public String name() {
        return "tanh-vae";
    }

    @Override
    public String description() {
        return "example plugin: VAE with 'depth' tanh hidden layers in encoder and decoder "
                + "(Kingma & Welling 2014 used one, of 500 units)";
    }

    @Override
    public List<Hyperparameter> hyperparameters() {
        return List.of(
                Hyperparameter.integer("hidden", 500, 1, 65536, "units of every hidden layer"),
                Hyperparameter.integer("depth", 1, 1, 8, "hidden layers in the encoder and in the decoder"),
                Hyperparameter.integer("latent", 20, 1, 4096, "dimension of the latent space z"),
                Hyperparameter.real("beta", 1.0, 0.0, 1e6, "weight of the KL term"));
    }

    @Override
    public void validate(HyperparameterValues values) {
        long units = (long) values.getInt("hidden") * values.getInt("depth");
        if (units > 65536) {
            throw new IllegalArgumentException("tanh-vae: hidden*depth = " + units
                    + " units is more than 65536; lower hidden or depth");
        }
    }

    @Override
    public Variant create(VariantConfig config) {
        var h = config.hyperparameters();
        validate(h);
        return new TanhVae(config, h.getInt("hidden"), h.getInt("depth"), h.getInt("latent"), h.getDouble("beta"));
    }
}
