package vae.spark;

import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code spark-submit --class vae.spark.EncodeJob vae-spark-<version>-all.jar --checkpoint URI --input PATH
 * [--features pixels|c1,c2,...] --output PATH [--format parquet|csv|json] [--id COLUMN]
 * [--unseen fail|missing]}: the latent
 * means and log-variances of {@code vae encode} for every row, written in the input's format.
 */
public final class EncodeJob extends InferenceJob {
    static final String USAGE = "EncodeJob --checkpoint URI --input PATH [--features pixels|col1,col2,...] "
            + "--output PATH [--format parquet|csv|json] [--id COLUMN] [--unseen fail|missing] [--batch-size 256] "
            + "[--backend simd|scalar] [--overwrite true]";

    public static void main(String[] args) {
        main(new EncodeJob(), args);
    }

    @Override
    String name() {
        return "EncodeJob";
    }

    @Override
    Set<String> extraFlags() {
        return Set.of();
    }

    @Override
    Map<String, String> aliases() {
        return Map.of();
    }

    @Override
    String usage() {
        return USAGE;
    }

    @Override
    ScoringOptions options(ScoringOptions base, JobArguments args) {
        return base;
    }

    @Override
    Dataset<Row> transform(SparkSession spark, Dataset<Row> input, String features, String checkpoint,
                           ScoringOptions options) {
        return VaeSpark.encode(spark, input, features, checkpoint, options);
    }
}
