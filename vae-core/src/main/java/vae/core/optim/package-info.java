/** Optimisers: Adam with PyTorch's defaults. */
package vae.core.optim;
