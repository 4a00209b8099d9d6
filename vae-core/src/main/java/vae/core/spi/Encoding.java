package vae.core.spi;

import java.util.Arrays;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.tensor.Tensor;

/**
 * The encoder's q(z|x) = N(μ, diag e^logvar), per example.
 *
 * @param mu     means, {@code [B, latent]}
 * @param logvar log-variances, {@code [B, latent]}
 */
public record Encoding(Var mu, Var logvar) {

    /**
     * The encoding of a deterministic encoder: a point mass at {@code code}, log σ² = −∞ (so
     * sampling returns the code and no KL is defined); what an architecture returns when its
     * {@link ArchitectureConfig#stochastic()} is false.
     */
    public static Encoding pointMass(Graph g, Var code) {
        Tensor logvar = g.allocate(code.shape());
        Arrays.fill(logvar.data(), Float.NEGATIVE_INFINITY);
        return new Encoding(code, g.constant(logvar));
    }
}
