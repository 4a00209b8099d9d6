/** Likelihoods p(x|z) and divergences, per example in nats, each with a fused gradient. */
package vae.core.loss;
