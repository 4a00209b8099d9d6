package vae.models.preset;

import java.util.Map;
import vae.core.spi.Preset;

/** {@code conv-vae}: the VAE (beta-vae at β = 1) with the {@code conv} architecture. */
public final class ConvVae extends Preset {

    public ConvVae() {
        super("conv-vae", "the ELBO with the conv networks: beta-vae at beta=1 with architecture conv",
                "beta-vae", "conv", Map.of("beta", "1"));
    }
}
