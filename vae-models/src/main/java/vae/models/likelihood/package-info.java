/** Built-in likelihoods: Bernoulli, and Gaussian with learned or unit variance. */
package vae.models.likelihood;
