package vae.core.loss;

import vae.core.graph.Graph;
import vae.core.graph.Var;

/** The decoder's distribution p(x|z), given the parameters the decoder outputs. */
public interface Likelihood {

    /** A short name for messages, e.g. {@code bernoulli} (checkpoints record its provider's name). */
    String name();

    /** How many decoder outputs each data value needs (1 for logits, 2 for mean and log-variance). */
    int parametersPerValue();

    /** {@code −log p(x|z)} per example, shape {@code [B]}, in nats. */
    Var negativeLogLikelihood(Graph g, Var decoderOutput, Var x);

    /** E[x|z], the image a decoder output stands for. */
    Var mean(Graph g, Var decoderOutput);
}
