/** Labelled image data sets: IDX file reading, the MNIST / Fashion-MNIST / directory catalogue, batch access. */
package vae.core.data;
