/** Writing files safely: replaced all at once, never left half-written. */
package vae.core.io;
