/** Built-in objectives, what {@code --variant} names: vae, beta-vae, info-vae, iwae and ae. */
package vae.models.objective;
