package vae.core.loss;

import vae.core.graph.Graph;
import vae.core.graph.Var;

/** The decoder's distribution p(x|z), given the parameters the decoder outputs. */
public interface Likelihood {

    /** Its name in metadata and output, e.g. {@code bernoulli}. */
    String name();

    /** How many decoder outputs each data value needs (1 for logits, 2 for mean and log-variance). */
    int parametersPerValue();

    /** {@code −log p(x|z)} per example, shape {@code [B]}, in nats. */
    Var negativeLogLikelihood(Graph g, Var decoderOutput, Var x);

    /** E[x|z], the image a decoder output stands for. */
    Var mean(Graph g, Var decoderOutput);

    /** The likelihood for a name given on the command line or in metadata. */
    static Likelihood named(String name) {
        return switch (name) {
            case "bernoulli" -> new BernoulliLikelihood();
            case "gaussian" -> new GaussianLikelihood(true);
            case "gaussian-unit-variance" -> new GaussianLikelihood(false);
            default -> throw new IllegalArgumentException("unknown likelihood '" + name
                    + "': use bernoulli, gaussian or gaussian-unit-variance");
        };
    }
}
