/**
 * The {@code vae} command line. It requires only the core; backends and model components are bound as
 * services from whatever sits on the module path.
 */
module vae.cli {
    requires vae.core;
    requires vae.report;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;

    opens vae.cli to info.picocli;

    // The API in vae.core loads the services; these say the CLI relies on them being bound.
    uses vae.core.backend.BackendProvider;
    uses vae.core.spi.ObjectiveProvider;
    uses vae.core.spi.ArchitectureProvider;
    uses vae.core.spi.PriorProvider;
    uses vae.core.spi.LikelihoodProvider;
    uses vae.core.spi.PosteriorProvider;
    uses vae.core.spi.Preset;
}
