/** Checkpoints: safetensors files of weights and optimizer state, written atomically and read with full validation. */
package vae.core.checkpoint;
