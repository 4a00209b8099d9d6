package vae.core.spi;

import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.Var;

/** An encoder and a decoder, made by an {@link ArchitectureProvider}. */
public interface Architecture {

    /** Every learnable parameter, in PyTorch {@code state_dict} order and naming. */
    List<Parameter> parameters();

    /** The dimension of z. */
    int latentDim();

    /**
     * q(z|x) for a batch: μ and log σ²; for a deterministic encoder, the code as μ and a log σ² of
     * −∞ (a point mass).
     */
    Encoding encode(Graph g, Var x);

    /** The decoder's output for latents {@code z [B, latent]}: the parameters of p(x|z). */
    Var decode(Graph g, Var z);
}
