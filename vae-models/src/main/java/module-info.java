/** The built-in VAE variants, bound to the CLI as {@link vae.core.spi.VariantProvider} services. */
module vae.models {
    requires vae.core;

    exports vae.models;

    provides vae.core.spi.VariantProvider with
            vae.models.VaeProvider,
            vae.models.BetaVaeProvider,
            vae.models.ConvVaeProvider,
            vae.models.InfoVaeProvider,
            vae.models.AeProvider,
            vae.models.IwaeProvider;
}
