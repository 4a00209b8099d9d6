/** The service interfaces: {@link vae.core.backend.Backend} for arithmetic, {@link vae.core.spi.VariantProvider} for models. */
package vae.core.spi;
