/** Bounds on time and allocation that every fuzz test holds its reader to. */
package vae.core.fuzz;
