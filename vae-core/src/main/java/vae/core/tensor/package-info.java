/** Dense float32 tensors: a flat array and a shape. */
package vae.core.tensor;
