/** The built-in flows on q(z|x): planar flows. */
package vae.models.posterior;
