/** The plugin SPI of the model axes (objective, architecture, prior, likelihood, presets), their typed hyperparameters, and the model they assemble into. */
package vae.core.spi;
