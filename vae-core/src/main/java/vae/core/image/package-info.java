/** Image output without java.desktop: a minimal PNG encoder and torchvision-style sample grids. */
package vae.core.image;
