/** Built-in priors: the standard normal. */
package vae.models.prior;
