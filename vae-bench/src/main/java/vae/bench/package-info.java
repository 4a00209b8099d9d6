/** JMH benchmarks: SIMD against scalar, kernel by kernel, and a whole training step. */
package vae.bench;
