package vae.api;

/**
 * q(z|x) of some examples: a row per example.
 *
 * @param mean        μ, {@code [n][latent]}
 * @param logVariance log σ², {@code [n][latent]} (−∞ for a deterministic encoder)
 */
public record Encoded(float[][] mean, float[][] logVariance) {
}
