/** Counter-based random numbers: the same seed gives the same values whatever the thread count. */
package vae.core.random;
