package vae.spark;

import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit --class vae.spark.ScoreJob vae-spark-<version>-all.jar --checkpoint URI --input PATH
 * [--features pixels|c1,c2,...] --output PATH [--format parquet|csv|json] [--id COLUMN] [--unseen fail|missing]
 * [-k 100]}: the scores of {@code vae score} for every row, written in the input's format.
 */
public final class ScoreJob extends InferenceJob {
    static final String USAGE = "ScoreJob --checkpoint URI --input PATH [--features pixels|col1,col2,...] "
            + "--output PATH [--format parquet|csv|json] [--id COLUMN] [--unseen fail|missing] [-k 100] [--seed N] "
            + "[--batch-size 256] [--backend simd|scalar] [--overwrite true]";

    public static void main(String[] args) {
        main(new ScoreJob(), args);
    }

    @Override
    String name() {
        return "ScoreJob";
    }

    @Override
    Set<String> extraFlags() {
        return Set.of("--iw-samples", "--seed");
    }

    @Override
    Map<String, String> aliases() {
        return Map.of("-k", "--iw-samples");
    }

    @Override
    String usage() {
        return USAGE;
    }

    @Override
    ScoringOptions options(ScoringOptions base, JobArguments args) {
        ScoringOptions o = base.samples((int) args.number("--iw-samples", 1, ScoringOptions.MAX_SAMPLES, 100));
        return args.optional("--seed") == null ? o : o.seed(args.number("--seed", Long.MIN_VALUE, Long.MAX_VALUE, 0));
    }

    @Override
    Dataset<Row> transform(SparkSession spark, Dataset<Row> input, String features, String checkpoint,
                           ScoringOptions options) {
        return VaeSpark.score(spark, input, features, checkpoint, options);
    }
}
