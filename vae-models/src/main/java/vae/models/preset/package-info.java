/** Built-in presets: short names for combinations users know, such as {@code conv-vae}. */
package vae.models.preset;
