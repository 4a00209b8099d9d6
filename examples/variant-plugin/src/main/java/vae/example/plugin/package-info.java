/** The example plugin's components: the {@code warmup-vae} objective and the {@code tanh-mlp} architecture. */
package vae.example.plugin;
