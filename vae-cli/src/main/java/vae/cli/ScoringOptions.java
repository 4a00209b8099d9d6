package vae.cli;

import picocli.CommandLine.Option;
import vae.api.TrainedVae;
import vae.core.data.Dataset;
import vae.core.eval.ExampleScorer;
import vae.core.eval.ParallelScorer;
import vae.core.eval.ScoredBatch;

/** What {@code score} and {@code evaluate} share: which examples, how many importance samples, and the loop. */
final class ScoringOptions {
    /** Far beyond the 5000 of Burda et al.; more only burns hours without a visible change. */
    static final int MAX_SAMPLES = 1_000_000;

    @Option(names = {"-k", "--iw-samples"}, paramLabel = "K", defaultValue = "100",
            description = "Importance samples per example for log p(x) (and the ELBO's reconstruction term); "
                    + "default: ${DEFAULT-VALUE}. The bound tightens as K grows; Burda et al. use 5000.")
    int samples;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "100", description = "Examples scored together; default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the importance samples; default: the seed of the training run.")
    Long seed;

    /** Receives each scored batch in order. */
    @FunctionalInterface
    interface BatchConsumer {
        void accept(ScoredBatch batch) throws java.io.IOException;
    }

    void validate() {
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new UserError("--iw-samples must be in 1.." + MAX_SAMPLES + ", got " + samples);
        }
        if (batchSize < 1) {
            throw new UserError("--batch-size must be at least 1, got " + batchSize);
        }
    }

    /**
     * Scores every example of {@code data} in batches, on the model's backend threads (a batch
     * each), with a progress bar; returns a scorer like those used.
     */
    ExampleScorer scoreAll(TrainedVae m, Dataset data, ProgressBar bar, BatchConsumer consumer) throws java.io.IOException {
        ParallelScorer scorer = m.parallelScorer(samples, seed == null ? m.metadata().run().seed() : seed);
        scorer.scoreAll(data, batchSize, batch -> { // in examples: small data sets get smaller batches
            consumer.accept(batch);
            bar.step(batch.from() + batch.count(), data.size());
        });
        bar.finish();
        return scorer.scorer();
    }
}
