/**
 * The {@code vae} command line. It requires only the core; backends and variants are bound as
 * services from whatever sits on the module path.
 */
module vae.cli {
    requires vae.core;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;

    opens vae.cli to info.picocli;

    uses vae.core.backend.Backend;
    uses vae.core.spi.VariantProvider;
}
