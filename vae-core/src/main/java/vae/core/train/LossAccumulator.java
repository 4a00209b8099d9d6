package vae.core.train;

import java.util.LinkedHashMap;
import java.util.Map;
import vae.core.backend.Backend;
import vae.core.spi.LossTerms;

/** Sums a model's loss terms over batches, in double, to report means per example. */
final class LossAccumulator {
    private final Map<String, Double> sums = new LinkedHashMap<>();
    private final Map<String, Double> weights = new LinkedHashMap<>();
    private double objectiveSum;
    private int examples;

    /** Adds a batch of {@code batch} examples whose objective (batch mean) is {@code objective}. */
    void add(Backend backend, LossTerms loss, int batch) {
        objectiveSum += (double) loss.objective().item() * batch;
        for (LossTerms.Term term : loss.terms()) {
            double sum = backend.sum(term.perExample().data(), 0, term.perExample().size());
            sums.merge(term.name(), sum, Double::sum);
            weights.put(term.name(), term.weight());
        }
        examples += batch;
    }

    LossSummary summary() {
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((name, sum) -> means.put(name, sum / examples));
        return new LossSummary(objectiveSum / examples, means, weights, examples);
    }
}
