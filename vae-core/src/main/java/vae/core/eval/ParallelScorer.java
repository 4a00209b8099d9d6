package vae.core.eval;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import vae.core.data.Dataset;

/**
 * Scores a data set batch by batch on several threads, one batch per thread at a time, and hands
 * the batches over in order. Each thread has a scorer of its own (its own graph, and a one-thread
 * backend), so threads never wait for each other inside a batch: the kernels of one batch at k =
 * 5000 are too short to split well across threads, whole batches are not. A score depends only on
 * the seed, the example and k, never on the batch or the thread, so the bits are those of one
 * thread.
 */
public final class ParallelScorer {

    /** Receives each scored batch, in the data set's order. */
    @FunctionalInterface
    public interface Sink {
        void accept(ScoredBatch batch) throws IOException;
    }

    /** Batches per thread that small data sets are cut into. */
    static final int SHARE = 4;

    private final List<ExampleScorer> scorers;

    /**
     * @param scorers one per thread, all for the same model, seed and k (the first one alone runs
     *                on the calling thread)
     */
    public ParallelScorer(List<ExampleScorer> scorers) {
        if (scorers.isEmpty()) {
            throw new IllegalArgumentException("at least one scorer is needed");
        }
        this.scorers = List.copyOf(scorers);
    }

    /** The first scorer: what the others are copies of (k, whether the model has a posterior). */
    public ExampleScorer scorer() {
        return scorers.getFirst();
    }

    /**
     * Scores examples {@code 0 .. data.size()−1} in batches of at most {@code batchSize}, handing
     * each to {@code sink}: smaller ones when there are too few for every thread to have several.
     */
    public void scoreAll(Dataset data, int batchSize, Sink sink) throws IOException {
        if (batchSize < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + batchSize);
        }
        batchSize = batchSize(data.size(), batchSize, scorers.size());
        int batches = Math.ceilDiv(data.size(), batchSize);
        if (scorers.size() == 1 || batches <= 1) {
            for (int b = 0; b < batches; b++) {
                int from = b * batchSize;
                sink.accept(scorer().score(data, from, Math.min(batchSize, data.size() - from)));
            }
            return;
        }
        BlockingQueue<ExampleScorer> free = new ArrayBlockingQueue<>(scorers.size(), false, scorers);
        ExecutorService pool = Executors.newFixedThreadPool(scorers.size(), r -> Thread.ofPlatform().daemon()
                .name("vae-scorer").unstarted(r));
        try {
            ArrayDeque<Future<ScoredBatch>> pending = new ArrayDeque<>();
            int next = 0;
            for (int done = 0; done < batches; done++) {
                // Two batches per thread in flight: each thread finds its next one while the sink catches up.
                while (next < batches && pending.size() < 2 * scorers.size()) {
                    int from = next++ * batchSize;
                    int count = Math.min(batchSize, data.size() - from);
                    pending.add(pool.submit(() -> {
                        ExampleScorer s = free.take();
                        try {
                            return s.score(data, from, count);
                        } finally {
                            free.add(s);
                        }
                    }));
                }
                sink.accept(result(pending.remove()));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * At most {@code most}, and small enough for {@link #SHARE} batches per thread, since the
     * threads finish together only when the last round of batches is a small part of the work.
     */
    static int batchSize(int examples, int most, int threads) {
        return threads == 1 ? most : (int) Math.max(1, Math.min(most, Math.ceilDiv((long) examples, (long) SHARE * threads)));
    }

    private static ScoredBatch result(Future<ScoredBatch> f) throws IOException {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while scoring", e);
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException r -> throw r;
                case Error err -> throw err;
                case IOException io -> throw io;
                default -> throw new IllegalStateException(e.getCause());
            }
        }
    }
}
