package vae.core.loss;

import vae.core.graph.Graph;
import vae.core.graph.Var;

/** The decoder's distribution p(x|z), given the parameters the decoder outputs. */
public interface Likelihood {

    /** A short name for messages, e.g. {@code bernoulli} (checkpoints record its provider's name). */
    String name();

    /**
     * How many outputs per example the decoder must give for examples of {@code values} values:
     * {@code values} for logits or means alone, {@code 2·values} for means and log-variances, and
     * for a per-column likelihood whatever its columns need.
     */
    int decoderOutputs(int values);

    /**
     * True if missing values (NaN in {@code x}) are left out of {@link #negativeLogLikelihood};
     * the model then shows the encoder zeros in their place.
     */
    default boolean acceptsMissingValues() {
        return false;
    }

    /** {@code −log p(x|z)} per example, shape {@code [B]}, in nats. */
    Var negativeLogLikelihood(Graph g, Var decoderOutput, Var x);

    /** E[x|z], the image a decoder output stands for. */
    Var mean(Graph g, Var decoderOutput);
}
