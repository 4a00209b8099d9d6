/** The built-in flows on q(z|x): planar flows and inverse autoregressive flows. */
package vae.models.posterior;
