/** Plots and the HTML report of a training run. */
package vae.report;
