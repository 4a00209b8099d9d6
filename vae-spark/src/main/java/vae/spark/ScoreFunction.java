package vae.spark;

import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.api.java.UDF2;
import vae.api.TrainedVae;
import vae.core.data.Dataset;
import vae.core.eval.ExampleScorer;
import vae.core.eval.ScoredBatch;

/**
 * The SQL function {@code vae_score(features, id)}: −log p(x) of one row, k importance samples
 * keyed by {@code id} as {@link VaeSpark#score} keys them, so both give the same number for the
 * same row and id. One row at a time: the slow path, for SQL users; {@link VaeSpark#score} scores
 * batches.
 */
final class ScoreFunction implements UDF2<scala.collection.Seq<Object>, Long, Double> {
    private final Broadcast<ModelBytes> model;
    private final ScoringOptions options;
    private final long seed;
    /**
     * Per JVM, a scorer per executor thread for each (model, k, seed, backend): a scorer's graph is not
     * shared between threads, and the UDF's copies in one JVM share them.
     */
    private static final java.util.concurrent.ConcurrentHashMap<String, ThreadLocal<ExampleScorer>> SCORERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    ScoreFunction(Broadcast<ModelBytes> model, ScoringOptions options, long seed) {
        this.model = model;
        this.options = options;
        this.seed = seed;
    }

    @Override
    public Double call(scala.collection.Seq<Object> features, Long id) {
        if (features == null || id == null) {
            return null;
        }
        TrainedVae m = ExecutorModels.get(model.value(), options.backend(), options.threads());
        int d = m.dataShape().size();
        if (features.length() != d) {
            throw new IllegalArgumentException("vae_score: a row has " + features.length() + " values but the model "
                    + "takes " + d);
        }
        float[] x = new float[d];
        for (int i = 0; i < d; i++) {
            Object v = features.apply(i);
            x[i] = v == null ? Float.NaN : ((Number) v).floatValue();
        }
        String key = model.value().digest() + "/" + options.samples() + "/" + seed + "/" + options.backend() + "/"
                + options.threads();
        ExampleScorer scorer = SCORERS.computeIfAbsent(key,
                k -> ThreadLocal.withInitial(() -> m.scorer(options.samples(), seed))).get();
        if (!scorer.hasPosterior()) {
            return null;
        }
        ScoredBatch s = scorer.score(new Dataset("row", m.dataShape(), x, null), 0, 1, new long[] {id});
        return s.negativeLogLikelihood(0);
    }
}
