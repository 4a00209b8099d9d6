/**
 * The front door of vae4j: build a model from its axes ({@link vae.api.Vae#builder()}), train it
 * with listeners ({@link vae.api.Training}), and load and use a trained one on plain arrays
 * ({@link vae.api.TrainedVae}). The command line is a client of this package and nothing more.
 */
package vae.api;
