package vae.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vae.api.Datasets;
import vae.api.TrainedVae;
import vae.core.eval.ParallelScorer;

/**
 * Not a test: measures scoring throughput (rows/s) of one checkpoint on MNIST training images, in one
 * JVM as {@code vae score} runs (batches of 100 shared by one scorer per core, {@link ParallelScorer}) and with
 * {@link VaeSpark#score} on {@code local[N]} from a Parquet file, alternately, after a warm-up of each.
 *
 * <pre>{@code java <spark JVM options> -cp <test class path> vae.spark.ScoringThroughput model.safetensors [k] [rounds] [cores] [rows]}</pre>
 */
public final class ScoringThroughput {
    private ScoringThroughput() {
    }

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[0]);
        int k = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int cores = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        int n = args.length > 4 ? Integer.parseInt(args[4]) : 60_000;
        float[][] rows = Datasets.rows(Datasets.load("mnist", n, 1).train(), 0, n);
        TrainedVae m = TrainedVae.load(model, null, cores);
        Path dir = Files.createTempDirectory("throughput");
        SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("throughput")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        String parquet = dir.resolve("images.parquet").toString();
        SparkFixture.arrayFrame(rows, cores * 4).write().parquet(parquet);
        System.out.printf(Locale.ROOT, "%d rows of %d values, k = %d, backend %s, %d cores%n", rows.length,
                rows[0].length, k, m.backendName(), cores);
        for (int r = 0; r <= rounds; r++) {
            String label = r == 0 ? "warm-up" : "round " + r;
            double single = singleJvm(m, rows, k);
            double distributed = spark(spark, parquet, model.toString(), k, rows.length);
            double read = readOnly(spark, parquet, rows.length);
            System.out.printf(Locale.ROOT, "%-8s  one JVM %,8.0f rows/s   Spark local[%d] %,8.0f rows/s   %3.0f %%"
                    + "   (reading the Parquet rows alone: %,.0f rows/s)%n", label, single, cores, distributed,
                    100 * distributed / single, read);
        }
        spark.stop();
    }

    private static double singleJvm(TrainedVae m, float[][] rows, int k) throws java.io.IOException {
        long t0 = System.nanoTime();
        ParallelScorer scorer = m.parallelScorer(k, m.metadata().run().seed());
        var data = Datasets.of("mnist", m.dataShape(), rows);
        double[] sink = new double[1];
        scorer.scoreAll(data, 100, batch -> sink[0] += batch.negativeLogLikelihood(0));
        if (Double.isNaN(sink[0])) {
            throw new IllegalStateException();
        }
        return rows.length / ((System.nanoTime() - t0) / 1e9);
    }

    /** The rows read from Parquet into Spark's rows and counted: what scoring pays before the model. */
    private static double readOnly(SparkSession spark, String parquet, int n) {
        long t0 = System.nanoTime();
        long count = spark.read().parquet(parquet).select("id", "pixels").queryExecution().toRdd().count();
        if (count != n) {
            throw new IllegalStateException(count + " rows");
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double spark(SparkSession spark, String parquet, String model, int k, int n) {
        long t0 = System.nanoTime();
        Dataset<Row> df = spark.read().parquet(parquet);
        VaeSpark.score(spark, df, "pixels", model, ScoringOptions.defaults().samples(k).idColumn("id"))
                .write().format("noop").mode("overwrite").save();
        return n / ((System.nanoTime() - t0) / 1e9);
    }
}
