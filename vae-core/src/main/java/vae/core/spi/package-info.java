/** The service interfaces: {@link vae.core.spi.Backend} for arithmetic, {@link vae.core.spi.VariantProvider} for models. */
package vae.core.spi;
