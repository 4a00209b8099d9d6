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

    /**
     * {@code Σ weight · mean(term)}: the objective as evaluation counts it. It is {@link #objective()}
     * up to rounding, except for a training summary under KL warm-up or free bits, which count
     * the KL differently in the objective trained.
     */
    public double weightedTerms() {
        double total = 0;
        for (Map.Entry<String, Double> e : terms.entrySet()) {
            double w = weights.get(e.getKey());
            total += w == 0 ? 0 : w * e.getValue(); // a reported-only term adds nothing, even if undefined
        }
        return total;
    }

    /** The mean of a term, or NaN when the model has no such term. */
    public double term(String name) {
        return terms.getOrDefault(name, Double.NaN);
    }
}
