/** The compute backend SPI ({@link vae.core.backend.Backend} and its argument types), the scalar reference backend, and the helpers any backend may share. */
package vae.core.backend;
