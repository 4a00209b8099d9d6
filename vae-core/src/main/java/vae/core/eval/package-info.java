/** Scoring examples and evaluating a trained model: ELBO, importance-sampled log p(x), active units. */
package vae.core.eval;
