package vae.core.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Losses averaged over a data set, in nats per example.
 *
 * @param objective the loss that is minimised (−ELBO for a plain VAE)
 * @param terms     each named term's mean (e.g. {@code recon}, {@code kl}), in the model's order
 * @param weights   each term's weight in the objective
 * @param examples  how many examples were averaged
 */
public record LossSummary(double objective, Map<String, Double> terms, Map<String, Double> weights, int examples) {

    public LossSummary {
        terms = Collections.unmodifiableMap(new LinkedHashMap<>(terms));
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(weights));
    }

    /** The mean of a term, or NaN when the model has no such term. */
    public double term(String name) {
        return terms.getOrDefault(name, Double.NaN);
    }
}
