/** The training loop: batches, steps, evaluation and per-epoch reports. */
package vae.core.train;
