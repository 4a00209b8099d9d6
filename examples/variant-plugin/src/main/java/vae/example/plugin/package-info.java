/** The example plugin's variant: a VAE whose encoder and decoder are stacks of tanh layers. */
package vae.example.plugin;
