package vae.core.spi;

import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.ShapeOps;
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

    /**
     * q(z|x, c) of a conditional model: as {@link #encode(Graph, Var)}, the encoder also taking the
     * condition {@code c [B, conditionDim]} (a one-hot label). Networks built with
     * {@link ArchitectureConfig#conditionDim()} 0 are called without one.
     *
     * @throws UnsupportedOperationException from an architecture that cannot take a condition
     */
    default Encoding encode(Graph g, Var x, Var condition) {
        if (condition == null) {
            return encode(g, x);
        }
        throw new UnsupportedOperationException("this architecture takes no condition");
    }

    /**
     * The decoder's output of a conditional model for latents {@code z [B, latent]} and the
     * condition {@code c [B, conditionDim]}: the parameters of p(x|z, c).
     *
     * @throws UnsupportedOperationException from an architecture that cannot take a condition
     */
    default Var decode(Graph g, Var z, Var condition) {
        if (condition == null) {
            return decode(g, z);
        }
        throw new UnsupportedOperationException("this architecture takes no condition");
    }

    /**
     * {@code in}'s rows with the condition's columns after them, as {@code torch.cat(dim=1)}: how
     * networks built for a condition of {@code width} values take it; {@code in} itself when
     * {@code width} is 0.
     *
     * @throws IllegalArgumentException when the condition given is not {@code width} values wide
     */
    static Var withCondition(Graph g, Var in, Var condition, int width) {
        if ((condition == null ? 0 : condition.cols()) != width) {
            throw new IllegalArgumentException("networks built for a condition of " + width + " values were given "
                    + (condition == null ? "none" : condition.cols()));
        }
        return condition == null ? in : ShapeOps.concatColumns(g, in, condition);
    }
}
