package vae.core.spi;

import vae.core.graph.Var;

/**
 * The encoder's q(z|x) = N(μ, diag e^logvar), per example.
 *
 * @param mu     means, {@code [B, latent]}
 * @param logvar log-variances, {@code [B, latent]}
 */
public record Encoding(Var mu, Var logvar) {
}
