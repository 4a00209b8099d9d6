/** Layers with PyTorch's names, shapes and initialisation, and their parameters. */
package vae.core.nn;
