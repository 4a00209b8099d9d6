package vae.core.spi;

import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.Var;

/**
 * A normalising flow on q(z|x), made by a {@link PosteriorProvider}: z_K = f_K ∘ … ∘ f_1(z_0) for the
 * reparameterised Gaussian sample z_0, so that {@code log q(z_K|x) = log N(z_0; μ, σ²) − Σ_k log|det ∂f_k/∂z|}.
 * The model decodes z_K and its prior scores z_K; the KL is then estimated with the sample.
 */
public interface PosteriorFlow {

    /**
     * The flow applied to samples.
     *
     * @param z      z_K, {@code [rows, latent]}
     * @param logDet Σ_k log|det ∂f_k/∂z| per row, {@code [rows]}
     */
    record Result(Var z, Var logDet) {
    }

    /** Its learnable parameters, trained with the networks'. */
    List<Parameter> parameters();

    /** z_K and the log-determinant for samples {@code z0 [rows, latent]}. */
    Result apply(Graph g, Var z0);
}
