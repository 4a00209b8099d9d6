package vae.spark;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import vae.core.checkpoint.CheckpointException;
import vae.core.data.DataException;

/**
 * What {@link ScoreJob} and {@link EncodeJob} share: the flags, reading the input, writing the
 * output, and the exit codes (0 done, 2 a wrong command line, input or checkpoint, said in one line
 * on standard error).
 */
abstract class InferenceJob {
    static final List<String> FORMATS = List.of("parquet", "csv", "json");
    private static final Set<String> COMMON = Set.of("--checkpoint", "--input", "--format", "--features", "--id",
            "--output", "--batch-size", "--backend", "--overwrite", "--unseen");

    /** The job's name in messages. */
    abstract String name();

    /** Flags of this job beyond the common ones. */
    abstract Set<String> extraFlags();

    abstract Map<String, String> aliases();

    abstract String usage();

    /** {@code base} with this job's own flags applied: checked before any work. */
    abstract ScoringOptions options(ScoringOptions base, JobArguments args);

    /** The result for {@code input}, lazily. */
    abstract Dataset<Row> transform(SparkSession spark, Dataset<Row> input, String features, String checkpoint,
                                    ScoringOptions options);

    /** Parses {@code args}, reads, transforms and writes; returns the exit code. */
    final int run(SparkSession spark, String[] args, PrintStream err) {
        try {
            Set<String> known = new TreeSet<>(COMMON);
            known.addAll(extraFlags());
            JobArguments a = JobArguments.parse(name(), args, known, aliases(), usage());
            String checkpoint = a.required("--checkpoint");
            String input = a.required("--input");
            String features = a.optional("--features"); // a table model reads its own columns without it
            String output = a.required("--output");
            String format = a.choice("--format", FORMATS, "parquet");
            boolean overwrite = Boolean.parseBoolean(a.choice("--overwrite", List.of("true", "false"), "false"));
            boolean unseenAsMissing = a.choice("--unseen", List.of("fail", "missing"), "fail").equals("missing");
            ScoringOptions options = options(ScoringOptions.defaults()
                    .batchSize((int) a.number("--batch-size", 1, 1 << 20, 256))
                    .backend(a.optional("--backend"))
                    .idColumn(a.optional("--id"))
                    .unseenAsMissing(unseenAsMissing), a);
            Path out = new Path(output);
            FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (!overwrite && fs.exists(out)) {
                throw new JobArguments.UsageException("--output " + output + " exists; pass another or --overwrite true");
            }
            Dataset<Row> result = transform(spark, read(spark, format, input), features, checkpoint, options);
            result.write().mode(overwrite ? SaveMode.Overwrite : SaveMode.ErrorIfExists).format(format)
                    .option("header", "true").save(output);
            err.println(name() + ": wrote " + output + " (" + format + ")");
            return 0;
        } catch (JobArguments.UsageException | IllegalArgumentException | CheckpointException e) {
            err.println(name() + ": " + e.getMessage());
            return 2;
        } catch (java.io.IOException e) {
            err.println(name() + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            // Scala declares no exceptions: a missing input path or column is an AnalysisException.
            if (e instanceof AnalysisException) {
                err.println(name() + ": " + firstLine(e.getMessage()));
                return 2;
            }
            Throwable bad = badRow(e);
            if (bad != null) {
                err.println(name() + ": " + bad.getMessage());
                return 2;
            }
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    /**
     * The error in a task that a row's values caused (a table row the model cannot encode, an array
     * of the wrong length, a null id), under Spark's wrapping; null for any other failure.
     */
    static Throwable badRow(Throwable e) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof DataException
                    || t instanceof IllegalArgumentException && t.getStackTrace().length > 0
                    && t.getStackTrace()[0].getClassName().startsWith("vae.")) {
                return t;
            }
        }
        return null;
    }

    private static Dataset<Row> read(SparkSession spark, String format, String input) {
        DataFrameReader r = spark.read().format(format);
        if (format.equals("csv")) {
            r = r.option("header", "true").option("inferSchema", "true");
        }
        return r.load(input);
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    /** Runs the job in the session spark-submit gives it and exits with its code. */
    static void main(InferenceJob job, String[] args) {
        JobMain.run(job.name(), job::run, args);
    }
}
