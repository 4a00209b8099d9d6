/** The scalar reference backend and the helpers any backend may share. */
package vae.core.backend;
