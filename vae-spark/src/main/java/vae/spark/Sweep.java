package vae.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.SerializableConfiguration;
import vae.api.Checkpoints;
import vae.api.Datasets;
import vae.api.TableData;
import vae.api.TableSource;
import vae.api.TrainingRun;
import vae.api.Vae;
import vae.core.data.DataSplit;
import vae.core.table.TableOptions;
import vae.core.train.EpochReport;

/**
 * Many models, one per task: each task loads the data set itself (images, or a CSV table read and
 * split as {@code vae train} does), trains one configuration with
 * the ordinary trainer (one thread: Spark runs a task per core), and copies its checkpoint pair to
 * {@code out/run-<i>/} on any file system Hadoop writes. A run is the run {@code vae train} makes
 * with the same settings, bit for bit.
 */
final class Sweep {
    private Sweep() {
    }

    /** What every model of a sweep shares. */
    record Settings(String dataset, String variant, int epochs, int batchSize, int trainLimit, int testLimit,
                    long seed) implements Serializable {
    }

    static Dataset<Row> run(SparkSession spark, List<Map<String, String>> configs, Settings s, String out) {
        if (configs.isEmpty()) {
            throw new IllegalArgumentException("a sweep needs at least one configuration");
        }
        if (isTable(s.dataset()) && (s.trainLimit() > 0 || s.testLimit() > 0)) {
            throw new IllegalArgumentException("training and test limits apply to image data sets; a table is used "
                    + "whole, so give 0 for both");
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            ids.add(i);
        }
        List<Map<String, String>> copies = configs.stream().<Map<String, String>>map(LinkedHashMap::new).toList();
        Broadcast<SerializableConfiguration> hadoop = jsc.broadcast(
                new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
        List<Row> rows = jsc.parallelize(ids, ids.size()).mapPartitions((Iterator<Integer> it) -> {
            List<Row> done = new ArrayList<>();
            while (it.hasNext()) {
                int i = it.next();
                done.add(train(i, copies.get(i), s, out, hadoop.value().value()));
            }
            return done.iterator();
        }).collect();
        return spark.createDataFrame(rows, DataTypes.createStructType(List.of(
                DataTypes.createStructField("run", DataTypes.IntegerType, false),
                DataTypes.createStructField("hyperparameters", DataTypes.StringType, false),
                DataTypes.createStructField("epochs", DataTypes.IntegerType, false),
                DataTypes.createStructField("train_loss", DataTypes.DoubleType, false),
                DataTypes.createStructField("test_loss", DataTypes.DoubleType, false),
                DataTypes.createStructField("seconds", DataTypes.DoubleType, false),
                DataTypes.createStructField("checkpoint", DataTypes.StringType, false))));
    }

    /** A CSV file, or a table source as a checkpoint records it (its reading options and split). */
    static boolean isTable(String dataset) {
        return TableSource.isTableFile(dataset) || TableSource.isSpec(dataset);
    }

    /** A CSV file as {@code vae train --dataset FILE} reads it: default options, a fifth held out by the seed. */
    private static TableSource tableSource(Settings s) {
        return TableSource.isSpec(s.dataset()) ? TableSource.parse(s.dataset())
                : TableSource.split(Path.of(s.dataset()), 0.2, s.seed(), TableOptions.defaults());
    }

    private static Row train(int i, Map<String, String> config, Settings s, String out, Configuration conf)
            throws IOException {
        Path local = Files.createTempDirectory("vae-sweep-" + i);
        try {
            Vae.Builder b = Vae.builder().variant(s.variant()).seed(s.seed());
            config.forEach(b::set);
            long t0 = System.nanoTime();
            TrainingRun run;
            if (isTable(s.dataset())) {
                TableData table = Datasets.table(tableSource(s));
                run = b.build(table).trainer().epochs(s.epochs()).batchSize(s.batchSize()).threads(1)
                        .listener(Checkpoints.into(local)).fit(table);
            } else {
                DataSplit data = Datasets.load(s.dataset(), s.trainLimit(), s.testLimit());
                run = b.build(data).trainer().epochs(s.epochs()).batchSize(s.batchSize()).threads(1)
                        .listener(Checkpoints.into(local)).fit(data, Datasets.canonical(s.dataset()));
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            EpochReport last = run.reports().get(run.reports().size() - 1);
            org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(out, "run-" + i);
            FileSystem fs = target.getFileSystem(conf);
            fs.mkdirs(target);
            for (String f : List.of(Checkpoints.MODEL_FILE, "model.optimizer.safetensors")) {
                fs.copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.resolve(f).toUri()),
                        new org.apache.hadoop.fs.Path(target, f));
            }
            return RowFactory.create(i, config.toString(), s.epochs(), last.train().objective(),
                    last.test().objective(), seconds, new org.apache.hadoop.fs.Path(target, Checkpoints.MODEL_FILE)
                            .toString());
        } finally {
            try (Stream<Path> p = Files.walk(local)) {
                p.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (UncheckedIOException e) {
                // a temporary directory left behind is harmless
            }
        }
    }
}
