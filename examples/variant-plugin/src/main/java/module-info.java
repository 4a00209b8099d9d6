/** An example vae4j variant plugin: {@code tanh-vae}, bound by ServiceLoader from the module path. */
module vae.example.plugin {
    requires vae.core;

    provides vae.core.spi.VariantProvider with vae.example.plugin.TanhVaeProvider;
}
