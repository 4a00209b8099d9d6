package vae.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.data.Dataset;
import vae.core.data.ExampleShape;
import vae.core.random.CounterRng;

class ParallelScorerTest {
    private static final int N = 47;
    private static final Dataset DATA = data();

    private static Dataset data() {
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[N * 3];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return new Dataset("gaussian", new ExampleShape(1, 1, 3), x, null);
    }

    private static ParallelScorer scorers(int threads) {
        List<ExampleScorer> scorers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            scorers.add(new ExampleScorer(new ScalarBackend(), new LinearGaussianModel(0.7f), new CounterRng(11), 30));
        }
        return new ParallelScorer(scorers);
    }

    @Test
    void batchesArriveInOrderWithTheScoresOfOneThread() throws IOException {
        ScoredBatch whole = scorers(1).scorer().score(DATA, 0, N);
        for (int threads : new int[] {1, 2, 3}) {
            List<ScoredBatch> got = new ArrayList<>();
            scorers(threads).scoreAll(DATA, 5, got::add);
            assertEquals(threads == 3 ? 12 : 10, got.size(), "47 examples in batches of at most 5, at least 4 a thread");
            int next = 0;
            for (ScoredBatch b : got) {
                assertEquals(next, b.from(), threads + " threads");
                for (int i = 0; i < b.count(); i++) {
                    assertEquals(whole.negativeLogLikelihood(next + i), b.negativeLogLikelihood(i));
                    assertEquals(whole.negativeElbo(next + i), b.negativeElbo(i));
                    assertEquals(whole.reconstructionAtMean(next + i), b.reconstructionAtMean(i));
                }
                next += b.count();
            }
            assertEquals(N, next);
        }
    }

    @Test
    void smallDataSetsAreCutSoThatEveryThreadHasSeveralBatches() {
        assertEquals(100, ParallelScorer.batchSize(10_000, 100, 2));
        assertEquals(100, ParallelScorer.batchSize(100, 100, 1));
        assertEquals(13, ParallelScorer.batchSize(100, 100, 2));
        assertEquals(38, ParallelScorer.batchSize(300, 100, 2));
        assertEquals(1, ParallelScorer.batchSize(3, 100, 2));
    }

    @Test
    void theSinksErrorReachesTheCaller() {
        IOException full = new IOException("disk full");
        int[] calls = {0};
        IOException thrown = assertThrows(IOException.class, () -> scorers(2).scoreAll(DATA, 4, b -> {
            if (++calls[0] == 3) {
                throw full;
            }
        }));
        assertSame(full, thrown);
        assertEquals(3, calls[0], "nothing is handed over after the error");
    }

    @Test
    void aScorersErrorOnAnotherThreadReachesTheCallerAsItself() {
        LinearGaussianModel broken = new LinearGaussianModel(0f) {
            @Override
            public vae.core.spi.Encoding encode(vae.core.graph.Graph g, vae.core.graph.Var x) {
                throw new IllegalStateException("broken encoder");
            }
        };
        ParallelScorer bad = new ParallelScorer(List.of(
                new ExampleScorer(new ScalarBackend(), broken, new CounterRng(1), 2),
                new ExampleScorer(new ScalarBackend(), broken, new CounterRng(1), 2)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> bad.scoreAll(DATA, 4, b -> { }));
        assertEquals("broken encoder", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> scorers(2).scoreAll(DATA, 0, b -> { }));
        assertThrows(IllegalArgumentException.class, () -> new ParallelScorer(List.of()));
    }
}
