package vae.spark;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.spark.api.java.function.Function2;
import org.apache.spark.broadcast.Broadcast;
import vae.api.Vae;
import vae.core.backend.Backend;
import vae.core.backend.Backends;
import vae.core.data.Dataset;
import vae.core.data.ExampleShape;
import vae.core.optim.Adam;
import vae.core.optim.AdamConfig;
import vae.core.random.CounterRng;
import vae.core.random.RandomPurpose;
import vae.core.train.Binarization;
import vae.core.train.ExampleOrder;
import vae.core.train.LossSummary;
import vae.core.train.Trainer;
import vae.core.train.TrainingConfig;

/**
 * One round of local SGD on one partition: the broadcast state restored into a model and Adam,
 * then H steps with the ordinary trainer on the round's rows (slice {@code round} of the
 * partition's shuffle for the epoch), and the new state returned. Partition p draws its shuffles
 * and noise from a seed of its own, so partitions never share samples. The model, Adam and the
 * trainer (with its graph's buffers) are built once per partition and executor JVM and kept
 * between rounds ({@link Worker}): the state restored each round is all that the steps depend on.
 */
final class LocalRound implements Function2<Integer, Iterator<float[]>, Iterator<ModelState>> {
    private static final long serialVersionUID = 1L;
    private static final Map<String, Backend> BACKENDS = new ConcurrentHashMap<>();

    private final String run;
    private final Broadcast<ModelState> state;
    private final TrainOptions options;
    private final int values;
    private final double lr;
    private final int epoch;
    private final int round;

    /**
     * Round {@code round} of epoch {@code epoch} of run {@code run} (an id unique to the training), for
     * examples of {@code values} values and Adam at {@code lr}.
     */
    LocalRound(String run, Broadcast<ModelState> state, TrainOptions options, int values, double lr, int epoch,
               int round) {
        this.run = run;
        this.state = state;
        this.options = options;
        this.values = values;
        this.lr = lr;
        this.epoch = epoch;
        this.round = round;
    }

    /** A partition's model, optimizer, trainer and row buffer, kept by an executor JVM between rounds. */
    static final class Worker {
        /** Workers kept per JVM: a few runs' partitions. */
        private static final int KEPT = 16;
        private static final Map<String, Worker> KEPT_WORKERS = new LinkedHashMap<>(32, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Worker> eldest) {
                return size() > KEPT;
            }
        };
        private static final AtomicInteger BUILT = new AtomicInteger();

        final Vae vae;
        final Adam adam;
        final Trainer trainer;
        private float[] slice = new float[0];

        Worker(Vae vae, Adam adam, Trainer trainer) {
            this.vae = vae;
            this.adam = adam;
            this.trainer = trainer;
        }

        /** The kept worker of the partition, taken out while a task uses it, or a new one. */
        static Worker take(String run, int partition, Supplier<Worker> make) {
            Worker w;
            synchronized (KEPT_WORKERS) {
                w = KEPT_WORKERS.remove(run + "/" + partition);
            }
            if (w == null) {
                BUILT.incrementAndGet();
                w = make.get();
            }
            return w;
        }

        static void put(String run, int partition, Worker w) {
            synchronized (KEPT_WORKERS) {
                KEPT_WORKERS.put(run + "/" + partition, w);
            }
        }

        /** How many workers this JVM built: what the tests count. */
        static int built() {
            return BUILT.get();
        }

        /**
         * A buffer of {@code n} values, the last one's when it has that size (every round but an
         * epoch's last), trained on in place ({@link Dataset#over}): one copy of a round's rows.
         */
        float[] slice(int n) {
            if (slice.length != n) {
                slice = new float[n];
            }
            return slice;
        }
    }

    /** The seed of partition p's shuffles and noise. */
    static long partitionSeed(long seed, int partition) {
        return seed + (partition + 1L) * CounterRng.GOLDEN_GAMMA;
    }

    @Override
    public Iterator<ModelState> call(Integer partition, Iterator<float[]> blocks) {
        float[] rows = blocks.hasNext() ? blocks.next() : new float[0];
        ModelState start = state.value();
        ExampleShape shape = options.exampleShape(values);
        int dim = values;
        int n = rows.length / dim;
        int perRound = options.syncEvery * options.batchSize;
        CounterRng rng = new CounterRng(partitionSeed(options.seed, partition));
        int[] order = ExampleOrder.shuffled(n, rng, RandomPurpose.SHUFFLE.stream(epoch));
        int from = Math.min(n, round * perRound);
        int count = Math.min(n - from, perRound);
        if (count == 0) { // this partition's rows ran out before the others': it keeps the state
            return List.of(new ModelState(start.weights, start.firstMoments, start.secondMoments, start.adamStep,
                    start.globalStep, 0, 0, 0)).iterator();
        }
        Worker w = Worker.take(run, partition, () -> {
            Vae vae = options.build(shape); // its initial weights are replaced by the state's
            Adam optimizer = new Adam(vae.model().parameters(), AdamConfig.defaults().withLr(lr));
            Backend backend = BACKENDS.computeIfAbsent(String.valueOf(options.backend),
                    b -> Backends.select(options.backend, 1));
            return new Worker(vae, optimizer, new Trainer(backend, vae.model(), optimizer, rng,
                    new TrainingConfig(1, options.batchSize, Binarization.NONE)));
        });
        float[] slice = w.slice(count * dim);
        for (int i = 0; i < count; i++) {
            System.arraycopy(rows, order[from + i] * dim, slice, i * dim, dim);
        }
        Vae vae = w.vae;
        Adam optimizer = w.adam;
        Trainer trainer = w.trainer;
        start.restore(vae.model().parameters(), optimizer);
        trainer.resumeFrom(start.globalStep);
        // the slice's own order: a shuffle stream no epoch uses (epochs are positive)
        int tag = -(epoch * 65_536 + round) - 1;
        LossSummary loss = trainer.trainEpoch(tag, Dataset.over("partition " + partition, shape, slice), null);
        int steps = (int) (trainer.globalStep() - start.globalStep);
        ModelState end = ModelState.of(vae.model().parameters(), optimizer, trainer.globalStep(), steps,
                loss.objective() * count, count);
        Worker.put(run, partition, w);
        return List.of(end).iterator();
    }
}
