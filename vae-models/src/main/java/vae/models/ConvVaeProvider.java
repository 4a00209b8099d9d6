package vae.models;

import java.util.List;
import vae.core.spi.Hyperparameter;
import vae.core.spi.Variant;
import vae.core.spi.VariantConfig;
import vae.core.spi.VariantProvider;

/** {@code conv-vae}: a VAE with a two-layer convolutional encoder and a transposed-convolution decoder. */
public final class ConvVaeProvider implements VariantProvider {

    @Override
    public String name() {
        return "conv-vae";
    }

    @Override
    public String description() {
        return "VAE with encoder Conv-Conv-Linear and decoder Linear-ConvTranspose-ConvTranspose (stride 2)";
    }

    @Override
    public List<Hyperparameter> hyperparameters() {
        return List.of(
                Hyperparameter.integer("channels1", 32, 1, 1024, "channels of the first convolution (and of the last hidden decoder layer)"),
                Hyperparameter.integer("channels2", 64, 1, 1024, "channels of the second convolution (and of the decoder's first feature map)"),
                Hyperparameter.integer("kernel", 4, 2, 9, "kernel size of every (transposed) convolution; stride 2, padding (kernel-1)/2"),
                Hyperparameter.integer("latent", 16, 1, 4096, "dimension of the latent space z"),
                Hyperparameter.real("beta", 1.0, 0.0, 1000.0, "weight of the KL term (1 = the ELBO)"));
    }

    @Override
    public Variant create(VariantConfig config) {
        var h = config.hyperparameters();
        return new ConvVae(config, h.getInt("channels1"), h.getInt("channels2"), h.getInt("kernel"),
                h.getInt("latent"), h.getDouble("beta"));
    }
}
