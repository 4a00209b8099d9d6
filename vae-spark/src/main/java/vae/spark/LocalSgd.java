package vae.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.storage.StorageLevel;
import vae.api.Vae;
import vae.core.backend.Backend;
import vae.core.backend.Backends;
import vae.core.checkpoint.Checkpoint;
import vae.core.checkpoint.CheckpointMetadata;
import vae.core.checkpoint.RunSettings;
import vae.core.data.ExampleShape;
import vae.core.spi.ModelSpec;
import vae.core.optim.Adam;
import vae.core.optim.AdamConfig;
import vae.core.random.CounterRng;
import vae.core.train.Binarization;
import vae.core.train.DataParallel;
import vae.core.train.TrainingAids;
import vae.core.train.LossSummary;
import vae.core.train.Trainer;
import vae.core.train.TrainingConfig;

/**
 * One model trained data-parallel by local SGD with periodic averaging: the rows stay in their
 * partitions (cached as one array each); every round broadcasts the weights and Adam's moments,
 * each partition takes H steps on its next rows ({@link LocalRound}), and the driver averages what
 * comes back summed in partition order. After each epoch the driver evaluates the test rows and
 * writes the checkpoint pair, as a run on one machine does.
 */
final class LocalSgd {
    private LocalSgd() {
    }

    /** Trains into {@code out}, calling {@code published} after each epoch's checkpoint pair is written. */
    static List<SparkEpoch> run(SparkSession spark, Dataset<Row> train, String features, Dataset<Row> test,
                                TrainOptions o, Path out, String datasetName, Runnable published) {
        return run(spark, train, features, test, o, out, datasetName, null, published);
    }

    /**
     * Continues the run of {@code resumed} (its model, Adam's state, seed, batch size, learning
     * rate and H, all as recorded) up to {@code epochs}, on the same number of partitions, so the
     * checkpoints it writes are those of the run that never stopped.
     *
     * @throws IllegalArgumentException for a checkpoint not written by local SGD, a target already
     *                                  reached, or another partition count
     */
    static List<SparkEpoch> resume(SparkSession spark, Dataset<Row> train, String features, Dataset<Row> test,
                                   Checkpoint resumed, int epochs, String backend, Path out, Runnable published) {
        RunSettings r = resumed.metadata().run();
        if (r.dataParallel() == null) {
            throw new IllegalArgumentException(resumed.source() + " records no local SGD run (no local_sgd entry: "
                    + "trained on one machine, or by a TrainJob older than resuming); continue it with 'vae train "
                    + "--resume' or train it again");
        }
        if (epochs <= resumed.metadata().epoch()) {
            throw new IllegalArgumentException("--epochs " + epochs + " is the target epoch and the checkpoint has done "
                    + resumed.metadata().epoch() + " already; pass a larger --epochs to continue");
        }
        ModelSpec spec = resumed.metadata().model();
        ExampleShape shape = resumed.metadata().dataShape();
        TrainOptions o = TrainOptions.defaults().variant(spec.variant()).arch(spec.architecture().name())
                .likelihood(spec.likelihood().name()).shape(shape).epochs(epochs).batchSize(r.batchSize())
                .seed(r.seed()).syncEvery(r.dataParallel().syncEvery()).backend(backend);
        for (var axis : java.util.Map.of("objective.", spec.objective(), "arch.", spec.architecture(),
                "likelihood.", spec.likelihood()).entrySet()) {
            for (var h : axis.getValue().hyperparameters().entrySet()) {
                o = o.set(axis.getKey() + h.getKey(), h.getValue());
            }
        }
        if (!o.build(shape).spec().equals(spec)) { // the executors build the model from the options
            throw new IllegalArgumentException(resumed.source() + " records a model the Spark trainer does not build ("
                    + spec + "); it cannot be continued here");
        }
        return run(spark, train, features, test, o, out, r.dataset(), resumed, published);
    }

    private static List<SparkEpoch> run(SparkSession spark, Dataset<Row> train, String features, Dataset<Row> test,
                                        TrainOptions o, Path out, String datasetName, Checkpoint resumed,
                                        Runnable published) {
        ExampleShape shape = resumed != null ? resumed.metadata().dataShape() : null;
        int dim = shape != null ? shape.size()
                : o.shape != null ? o.shape[0] * o.shape[1] * o.shape[2] : dimension(train, features);
        shape = shape != null ? shape : o.exampleShape(dim);
        FeatureColumns f = FeatureColumns.of(features, train.schema(), dim);
        Vae vae = resumed != null ? Vae.resume(resumed.file()) : o.build(shape);
        JavaRDD<float[]> blocks = blocks(train, f).persist(StorageLevel.MEMORY_ONLY());
        // Cut the lineage once the blocks exist: every round's task carries its partition object, and
        // a DataFrame made from a local collection keeps its rows in it, so each round would ship and
        // deserialise the partition's rows again (most of a round's time, measured with JFR).
        blocks.rdd().localCheckpoint();
        int partitions = blocks.getNumPartitions();
        if (resumed != null && resumed.metadata().run().dataParallel().partitions() != partitions) {
            blocks.unpersist(false);
            throw new IllegalArgumentException("the run trained on " + resumed.metadata().run().dataParallel()
                    .partitions() + " partitions and the input has " + partitions + "; repartition it to "
                    + resumed.metadata().run().dataParallel().partitions() + " to continue the run with the same bits");
        }
        long[] sizes = blocks.map(a -> (long) (a.length / dim)).collect().stream().mapToLong(Long::longValue).toArray();
        long largest = java.util.Arrays.stream(sizes).max().orElse(0);
        int rounds = (int) Math.max(1, Math.ceilDiv(largest, (long) o.syncEvery * o.batchSize));
        AdamConfig adam = resumed != null ? resumed.metadata().run().adam()
                : AdamConfig.defaults().withLr(o.scaleLr ? o.lr * partitions : o.lr);
        Adam driverAdam = new Adam(vae.model().parameters(), adam);
        if (resumed != null) {
            resumed.restoreOptimizer(vae.model().parameters(), driverAdam);
        }
        float[] testRows = test == null ? null : collect(test, FeatureColumns.of(features, test.schema(), dim));
        vae.core.data.Dataset testSet = testRows == null ? null
                : new vae.core.data.Dataset("test", shape, testRows, null);
        Backend backend = Backends.select(o.backend, Runtime.getRuntime().availableProcessors());
        CheckpointMetadata metadata = resumed != null ? resumed.metadata()
                : CheckpointMetadata.start(vae.spec(), shape, new RunSettings(o.seed, datasetName, 0, 0,
                Binarization.NONE, o.batchSize, adam, null, TrainingAids.NONE,
                new DataParallel(partitions, o.syncEvery)));
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": cannot be created: " + e.getMessage(), e);
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ModelState state = ModelState.of(vae.model().parameters(), driverAdam,
                resumed == null ? 0 : resumed.metadata().globalStep(), 0, 0, 0);
        List<SparkEpoch> history = new ArrayList<>();
        String runId = java.util.UUID.randomUUID().toString(); // keys the partitions' kept workers
        try {
            for (int epoch = resumed == null ? 1 : resumed.metadata().epoch() + 1; epoch <= o.epochs; epoch++) {
                long t0 = System.nanoTime();
                double lossSum = 0;
                long examples = 0;
                for (int r = 0; r < rounds; r++) {
                    Broadcast<ModelState> shipped = jsc.broadcast(state);
                    List<ModelState> parts = blocks.mapPartitionsWithIndex(
                            new LocalRound(runId, shipped, o, dim, adam.lr(), epoch, r), true).collect();
                    shipped.destroy();
                    state = ModelState.average(parts, state.globalStep);
                    lossSum += state.lossSum;
                    examples += state.examples;
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                state.restore(vae.model().parameters(), driverAdam);
                double testLoss = Double.NaN;
                if (testSet != null) {
                    Trainer evaluator = new Trainer(backend, vae.model(), driverAdam, new CounterRng(o.seed),
                            new TrainingConfig(o.epochs, o.batchSize, Binarization.NONE));
                    LossSummary s = evaluator.evaluate(testSet, epoch);
                    testLoss = s.objective();
                }
                metadata = metadata.at(epoch, state.globalStep, testLoss);
                Checkpoint.write(out.resolve("model.safetensors"), metadata, vae.model().parameters(), driverAdam);
                published.run();
                history.add(new SparkEpoch(epoch, examples == 0 ? Double.NaN : lossSum / examples, testLoss, seconds,
                        examples / seconds / partitions));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(out + ": the checkpoint cannot be written: " + e.getMessage(), e);
        } finally {
            blocks.unpersist(false);
        }
        return history;
    }

    /** The length of the first row's array of features. */
    private static int dimension(Dataset<Row> df, String features) {
        List<Row> first = df.select(FeatureColumns.quote(features.trim())).limit(1).collectAsList();
        if (first.isEmpty()) {
            throw new IllegalArgumentException("the training data have no rows");
        }
        return first.get(0).getList(0).size();
    }

    /** Each partition's rows as one array of their values. */
    private static JavaRDD<float[]> blocks(Dataset<Row> df, FeatureColumns f) {
        int dim = f.dimension();
        return df.select(f.select().toArray(org.apache.spark.sql.Column[]::new)).queryExecution().toRdd().toJavaRDD()
                .mapPartitions((Iterator<InternalRow> it) -> {
                    float[] a = new float[1024 * dim];
                    int n = 0;
                    while (it.hasNext()) {
                        if ((n + 1) * dim > a.length) {
                            a = java.util.Arrays.copyOf(a, Math.max(a.length * 2, (n + 1) * dim));
                        }
                        f.copy(it.next(), a, n * dim, n);
                        n++;
                    }
                    return List.of(java.util.Arrays.copyOf(a, n * dim)).iterator();
                });
    }

    private static float[] collect(Dataset<Row> df, FeatureColumns f) {
        List<float[]> parts = blocks(df, f).collect();
        int total = parts.stream().mapToInt(a -> a.length).sum();
        float[] all = new float[total];
        int at = 0;
        for (float[] a : parts) {
            System.arraycopy(a, 0, all, at, a.length);
            at += a.length;
        }
        return all;
    }
}
