package vae.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import vae.core.backend.Backend;
import vae.core.spi.LossTerms;

/**
 * Sums a model's loss terms over batches, in double, to report means per example: each term over
 * the rows it has (a semi-supervised step's labelled term has fewer than its unlabelled one).
 */
final class LossAccumulator {
    private final Map<String, Double> sums = new LinkedHashMap<>();
    private final Map<String, Double> weights = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private double objectiveSum;
    private int examples;

    /** Adds a batch of {@code batch} examples whose objective (batch mean) is {@code objective}. */
    void add(Backend backend, LossTerms loss, int batch) {
        objectiveSum += (double) loss.objective().item() * batch;
        for (LossTerms.Term term : loss.terms()) {
            double sum = backend.sum(term.perExample().data(), 0, term.perExample().size());
            sums.merge(term.name(), sum, Double::sum);
            counts.merge(term.name(), (long) term.perExample().size(), Long::sum); // a term may have rows of its own
            weights.put(term.name(), term.weight());
        }
        examples += batch;
    }

    LossSummary summary() {
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((name, sum) -> means.put(name, sum / counts.get(name)));
        return new LossSummary(objectiveSum / examples, means, weights, examples);
    }
}
