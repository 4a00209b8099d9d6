/** The SIMD backend: every kernel on the JDK Vector API, tested against the scalar backend. */
package vae.simd;
