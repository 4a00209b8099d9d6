package vae.spark;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import vae.core.checkpoint.CheckpointException;
import vae.core.data.DataException;

/**
 * {@code spark-submit --class vae.spark.SweepJob vae-spark-<version>-all.jar --dataset mnist --out URI
 * --grid latent=2,8 --grid beta=1,4 [--variant beta-vae] [--epochs 10]}: one model per point of the
 * grid (the product of every {@code --grid}), one per task, and {@code out/summary.csv}.
 */
public final class SweepJob {
    static final String USAGE = "SweepJob --dataset mnist|DIR|FILE.csv --out URI --grid key=v1,v2,... [--grid ...] "
            + "[--variant vae] [--epochs 10] [--batch-size 128] [--train-limit 0] [--test-limit 0] [--seed 1]";
    private static final Set<String> FLAGS = Set.of("--dataset", "--out", "--variant", "--epochs", "--batch-size",
            "--train-limit", "--test-limit", "--seed");

    private SweepJob() {
    }

    public static void main(String[] args) {
        JobMain.run("SweepJob", SweepJob::run, args);
    }

    static int run(SparkSession spark, String[] args, PrintStream err) {
        try {
            JobArguments a = JobArguments.parse("SweepJob", args, FLAGS, Set.of("--grid"), Map.of(), USAGE);
            String dataset = a.required("--dataset");
            String out = a.required("--out");
            List<Map<String, String>> grid = grid(a.all("--grid"));
            Dataset<Row> summary = VaeSpark.sweep(spark, grid, dataset,
                    a.optional("--variant") == null ? "vae" : a.optional("--variant"),
                    (int) a.number("--epochs", 1, 1_000_000, 10), (int) a.number("--batch-size", 1, 1 << 20, 128),
                    (int) a.number("--train-limit", 0, Integer.MAX_VALUE, 0),
                    (int) a.number("--test-limit", 0, Integer.MAX_VALUE, 0),
                    a.number("--seed", Long.MIN_VALUE, Long.MAX_VALUE, 1), out);
            List<Row> rows = summary.collectAsList();
            for (Row r : rows) {
                err.printf(Locale.ROOT, "run %d  %s  test %.2f  %.1f s  %s%n", r.getInt(0), r.getString(1),
                        r.getDouble(4), r.getDouble(5), r.getString(6));
            }
            summary.coalesce(1).write().mode(SaveMode.Overwrite).option("header", "true").csv(out + "/summary.csv");
            err.println("SweepJob: " + rows.size() + " models; summary in " + out + "/summary.csv");
            return 0;
        } catch (JobArguments.UsageException | IllegalArgumentException | CheckpointException | DataException e) {
            err.println("SweepJob: " + e.getMessage());
            return 2;
        }
    }

    /** The product of the grid lines {@code key=v1,v2,...}: every combination, the first key varying slowest. */
    static List<Map<String, String>> grid(List<String> lines) {
        if (lines.isEmpty()) {
            throw new JobArguments.UsageException("--grid is required: key=v1,v2,... (once per hyperparameter)");
        }
        List<Map<String, String>> points = new ArrayList<>();
        points.add(new LinkedHashMap<>());
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0 || eq == line.length() - 1) {
                throw new JobArguments.UsageException("--grid takes key=v1,v2,..., got '" + line + "'");
            }
            String key = line.substring(0, eq).trim();
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : points) {
                for (String v : line.substring(eq + 1).split(",")) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(key, v.trim());
                    next.add(q);
                }
            }
            points = next;
        }
        return points;
    }
}
