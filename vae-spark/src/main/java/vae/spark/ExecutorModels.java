package vae.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import vae.api.TrainedVae;

/**
 * The models of one JVM (an executor, or the driver in local mode), each parsed once from its
 * broadcast bytes and shared by the tasks that run there: a model is read-only once loaded, and each
 * task scores with its own graph. The few most recently used are kept.
 */
final class ExecutorModels {
    /** Models kept per JVM; a job uses one, a sweep's scoring a few. */
    private static final int KEPT = 4;
    private static final Map<String, TrainedVae> MODELS = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, TrainedVae> eldest) {
            return size() > KEPT;
        }
    };
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorModels() {
    }

    /** The model in {@code bytes} on {@code backend} (null: the fastest) with {@code threads} threads. */
    static synchronized TrainedVae get(ModelBytes bytes, String backend, int threads) {
        String key = bytes.digest() + "/" + backend + "/" + threads;
        TrainedVae m = MODELS.get(key);
        if (m == null) {
            m = TrainedVae.load(bytes.bytes(), bytes.source(), backend, threads);
            LOADS.incrementAndGet();
            MODELS.put(key, m);
        }
        return m;
    }

    /** How many times this JVM parsed a checkpoint: what the tests count. */
    static int loads() {
        return LOADS.get();
    }
}
