/** The built-in variants: each a provider and a model assembled from core building blocks. */
package vae.models;
