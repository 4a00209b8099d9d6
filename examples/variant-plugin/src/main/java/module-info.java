/**
 * An example vae4j plugin with one component on each of two axes: the objective {@code warmup-vae}
 * and the architecture {@code tanh-mlp}, bound by ServiceLoader from the module path.
 */
module vae.example.plugin {
    requires vae.core;

    provides vae.core.spi.ObjectiveProvider with vae.example.plugin.WarmupVae;
    provides vae.core.spi.ArchitectureProvider with vae.example.plugin.TanhMlp;
}
