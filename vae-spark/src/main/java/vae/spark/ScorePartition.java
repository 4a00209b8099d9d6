package vae.spark;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.RowFactory;
import vae.api.TrainedVae;
import vae.core.eval.ExampleScorer;
import vae.core.eval.ScoredBatch;

/** Scores a partition: one row per example with its id and the six scores of {@code vae score}. */
final class ScorePartition extends PartitionBatches {
    private static final long serialVersionUID = 1L;
    private final long seed;

    ScorePartition(Broadcast<ModelBytes> model, Features features, ScoringOptions options, long[] firstIds,
                   long seed) {
        super(model, features, options, firstIds);
        this.seed = seed;
    }

    @Override
    BatchSink open(TrainedVae m) {
        ExampleScorer scorer = m.scorer(options.samples(), seed);
        boolean posterior = scorer.hasPosterior();
        return (batch, ids, n, out) -> {
            // Example i draws the importance samples of its id: the scores of the whole data set's row id.
            ScoredBatch s = scorer.score(batch, 0, n, ids);
            for (int i = 0; i < n; i++) {
                out.add(RowFactory.create(ids[i],
                        posterior ? s.negativeLogLikelihood(i) : null,
                        posterior ? s.negativeElbo(i) : null,
                        posterior ? s.reconstruction(i) : null,
                        posterior ? s.kl(i) : null,
                        s.reconstructionAtMean(i),
                        s.squaredError(i)));
            }
        };
    }
}
