package vae.spark;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import vae.core.checkpoint.CheckpointException;
import vae.core.data.ExampleShape;

/**
 * {@code spark-submit --class vae.spark.TrainJob vae-spark-<version>-all.jar --input PATH --features
 * pixels|c1,c2,... --out DIR|URI [--test PATH] [--variant vae] [-P key=value ...] [--epochs 10]
 * [--sync-every 100]}: one model trained data-parallel by local SGD ({@link VaeSpark#train}), its
 * checkpoint pair written into {@code --out} after every epoch (a directory of the driver, or of any
 * file system Hadoop writes, such as {@code hdfs:} or {@code s3a:}).
 */
public final class TrainJob {
    static final String USAGE = "TrainJob --input PATH --features pixels|col1,col2,... --out DIR [--test PATH] "
            + "[--format parquet|csv|json] [--variant vae] [--arch mlp] [--likelihood NAME] [-P key=value ...] "
            + "[--shape CxHxW] [--epochs 10] [--batch-size 128] [--lr 0.001] [--scale-lr true] [--seed 1] "
            + "[--sync-every 100] [--backend simd|scalar] [--overwrite true] [--resume URI/model.safetensors]";
    private static final Set<String> FLAGS = Set.of("--input", "--features", "--out", "--test", "--format", "--variant",
            "--arch", "--likelihood", "--shape", "--epochs", "--batch-size", "--lr", "--scale-lr", "--seed",
            "--sync-every", "--backend", "--overwrite", "--resume");
    /** What a resumed run takes from its checkpoint, so cannot be given with --resume. */
    private static final List<String> RECORDED = List.of("--variant", "--arch", "--likelihood", "--shape",
            "--batch-size", "--lr", "--scale-lr", "--seed", "--sync-every", "-P");

    private TrainJob() {
    }

    public static void main(String[] args) {
        JobMain.run("TrainJob", TrainJob::run, args);
    }

    /** Parses {@code args}, trains and writes; returns the exit code (2 for a wrong command line, data or model). */
    static int run(SparkSession spark, String[] args, PrintStream err) {
        try {
            JobArguments a = JobArguments.parse("TrainJob", args, FLAGS, Set.of("-P"), Map.of(), USAGE);
            String input = a.required("--input");
            String features = a.required("--features");
            String out = a.required("--out");
            org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
            String format = a.choice("--format", InferenceJob.FORMATS, "parquet");
            if (a.optional("--resume") != null) {
                return resume(spark, a, input, features, out, format, err);
            }
            TrainOptions o = TrainOptions.defaults()
                    .variant(a.optional("--variant") == null ? "vae" : a.optional("--variant"))
                    .epochs((int) a.number("--epochs", 1, 1_000_000, 10))
                    .batchSize((int) a.number("--batch-size", 1, 1 << 20, 128))
                    .learningRate(a.decimal("--lr", 1e-3),
                            Boolean.parseBoolean(a.choice("--scale-lr", List.of("true", "false"), "true")))
                    .seed(a.number("--seed", Long.MIN_VALUE, Long.MAX_VALUE, 1))
                    .syncEvery((int) a.number("--sync-every", 1, 1 << 30, 100))
                    .backend(a.optional("--backend"));
            if (a.optional("--arch") != null) {
                o = o.arch(a.optional("--arch"));
            }
            if (a.optional("--likelihood") != null) {
                o = o.likelihood(a.optional("--likelihood"));
            }
            if (a.optional("--shape") != null) {
                o = o.shape(shape(a.optional("--shape")));
            }
            for (String p : a.all("-P")) {
                int eq = p.indexOf('=');
                if (eq <= 0) {
                    throw new JobArguments.UsageException("-P takes key=value, got '" + p + "'");
                }
                o = o.set(p.substring(0, eq).trim(), p.substring(eq + 1).trim());
            }
            boolean overwrite = Boolean.parseBoolean(a.choice("--overwrite", List.of("true", "false"), "false"));
            if (!overwrite && CheckpointDirectory.exists(CheckpointDirectory.modelIn(out, conf), conf)) {
                throw new JobArguments.UsageException("--out " + out + " holds a checkpoint already; pass another or "
                        + "--overwrite true");
            }
            Dataset<Row> train = read(spark, format, input);
            Dataset<Row> test = a.optional("--test") == null ? null : read(spark, format, a.optional("--test"));
            report(VaeSpark.train(spark, train, features, test, o, out, input), o.epochs, out, err);
            return 0;
        } catch (JobArguments.UsageException | IllegalArgumentException | CheckpointException
                 | java.io.UncheckedIOException e) {
            err.println("TrainJob: " + e.getMessage());
            return 2;
        } catch (Exception e) {
            if (e instanceof AnalysisException) {
                String m = String.valueOf(e.getMessage());
                err.println("TrainJob: " + (m.indexOf('\n') < 0 ? m : m.substring(0, m.indexOf('\n'))));
                return 2;
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /** {@code --resume}: the run continues with its recorded settings, to {@code --epochs}. */
    private static int resume(SparkSession spark, JobArguments a, String input, String features, String out,
                              String format, PrintStream err) {
        org.apache.hadoop.conf.Configuration conf = spark.sparkContext().hadoopConfiguration();
        for (String flag : RECORDED) {
            if (flag.equals("-P") ? !a.all("-P").isEmpty() : a.optional(flag) != null) {
                throw new JobArguments.UsageException(flag + " cannot be given with --resume, which continues the run "
                        + "with the settings its checkpoint records; drop " + flag);
            }
        }
        if (a.optional("--epochs") == null) {
            throw new JobArguments.UsageException("--resume needs --epochs N, the epoch to train up to");
        }
        int epochs = (int) a.number("--epochs", 1, 1_000_000, 10);
        String checkpoint = a.optional("--resume");
        org.apache.hadoop.fs.Path here = CheckpointDirectory.modelIn(out, conf);
        boolean overwrite = Boolean.parseBoolean(a.choice("--overwrite", List.of("true", "false"), "false"));
        if (!overwrite && CheckpointDirectory.exists(here, conf)
                && !here.equals(CheckpointDirectory.qualified(new org.apache.hadoop.fs.Path(checkpoint), conf))) {
            throw new JobArguments.UsageException("--out " + out + " holds another checkpoint; pass the resumed run's "
                    + "directory, an empty one, or --overwrite true");
        }
        Dataset<Row> train = read(spark, format, input);
        Dataset<Row> test = a.optional("--test") == null ? null : read(spark, format, a.optional("--test"));
        report(VaeSpark.resume(spark, train, features, test, checkpoint, epochs, a.optional("--backend"), out), epochs,
                out, err);
        return 0;
    }

    private static void report(List<SparkEpoch> epochs, int target, String out, PrintStream err) {
        for (SparkEpoch e : epochs) {
            err.printf(Locale.ROOT, "epoch %d/%d  train %.2f  test %.2f  %.1f s  %,.0f examples/s per partition%n",
                    e.epoch(), target, e.trainLoss(), e.testLoss(), e.seconds(), e.examplesPerSecondPerPartition());
        }
        err.println("TrainJob: wrote " + new org.apache.hadoop.fs.Path(new org.apache.hadoop.fs.Path(out),
                "model.safetensors"));
    }

    private static ExampleShape shape(String text) {
        String[] p = text.toLowerCase(Locale.ROOT).split("x");
        try {
            if (p.length == 3) {
                return new ExampleShape(Integer.parseInt(p[0]), Integer.parseInt(p[1]), Integer.parseInt(p[2]));
            }
        } catch (IllegalArgumentException e) {
            // said below
        }
        throw new JobArguments.UsageException("--shape must be CxHxW (e.g. 1x28x28), got '" + text + "'");
    }

    private static Dataset<Row> read(SparkSession spark, String format, String input) {
        DataFrameReader r = spark.read().format(format);
        if (format.equals("csv")) {
            r = r.option("header", "true").option("inferSchema", "true");
        }
        return r.load(input);
    }
}
