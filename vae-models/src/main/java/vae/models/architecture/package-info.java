/** Built-in architectures: pytorch/examples' MLP ({@code mlp}) and a two-layer convolutional pair ({@code conv}). */
package vae.models.architecture;
