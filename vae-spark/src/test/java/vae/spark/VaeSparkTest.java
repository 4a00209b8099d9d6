package vae.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import vae.api.Encoded;
import vae.api.Scores;
import vae.api.TrainedVae;
import vae.core.checkpoint.CheckpointException;

/** Scoring and encoding on {@code local[2]} give what {@link TrainedVae} (and so {@code vae score}) gives, bit for bit. */
class VaeSparkTest {

    private static List<Row> sorted(Dataset<Row> df, String id) {
        List<Row> rows = new java.util.ArrayList<>(df.collectAsList());
        rows.sort(Comparator.comparingLong(r -> r.getLong(r.fieldIndex(id))));
        return rows;
    }

    private static void assertScores(Scores expected, List<Row> rows, String id) {
        assertEquals(expected.negLogPx().length, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            assertEquals(i, r.getLong(r.fieldIndex(id)));
            String at = "row " + i;
            assertEquals(expected.negLogPx()[i], r.getDouble(r.fieldIndex("neg_log_px")), at);
            assertEquals(expected.negElbo()[i], r.getDouble(r.fieldIndex("neg_elbo")), at);
            assertEquals(expected.reconstruction()[i], r.getDouble(r.fieldIndex("recon")), at);
            assertEquals(expected.kl()[i], r.getDouble(r.fieldIndex("kl")), at);
            assertEquals(expected.reconstructionAtMean()[i], r.getDouble(r.fieldIndex("recon_at_mean")), at);
            assertEquals(expected.squaredError()[i], r.getDouble(r.fieldIndex("squared_error")), at);
        }
    }

    @Test
    void scoresOfAnArrayColumnEqualTheInProcessScoresBitForBit() {
        String uri = SparkFixture.mnistModel().toString();
        float[][] rows = SparkFixture.images();
        Scores expected;
        try (TrainedVae m = TrainedVae.load(SparkFixture.mnistModel())) {
            expected = m.score(rows, 20);
        }
        int loadsBefore = ExecutorModels.loads();
        // 3 partitions of 100 rows in batches of 64: batches that vae score (100 at a time) never forms
        Dataset<Row> scores = VaeSpark.score(SparkFixture.spark(), SparkFixture.arrayFrame(rows, 3), "pixels", uri,
                ScoringOptions.defaults().samples(20).batchSize(64));
        assertEquals(List.of("index", "neg_log_px", "neg_elbo", "recon", "kl", "recon_at_mean", "squared_error"),
                List.of(scores.columns()));
        assertScores(expected, sorted(scores, "index"), "index");
        assertTrue(ExecutorModels.loads() - loadsBefore <= 1, "the checkpoint is parsed once per JVM");
    }

    @Test
    void anIdColumnKeysTheScoresWhateverTheOrderAndPartitionsOfTheRows() {
        float[][] rows = SparkFixture.images();
        Scores expected;
        try (TrainedVae m = TrainedVae.load(SparkFixture.mnistModel())) {
            expected = m.score(rows, 7);
        }
        Dataset<Row> shuffled = SparkFixture.arrayFrame(rows, 2).orderBy(functions.rand(3)).repartition(4);
        Dataset<Row> scores = VaeSpark.score(SparkFixture.spark(), shuffled, "pixels",
                SparkFixture.mnistModel().toUri().toString(), ScoringOptions.defaults().samples(7).idColumn("id"));
        assertScores(expected, sorted(scores, "id"), "id");
    }

    @Test
    void theSqlFunctionGivesTheBatchedScoresOfTheSameIds() {
        float[][] rows = java.util.Arrays.copyOf(SparkFixture.images(), 40);
        Scores expected;
        try (TrainedVae m = TrainedVae.load(SparkFixture.mnistModel())) {
            expected = m.score(rows, 5);
        }
        VaeSpark.registerScoreFunction(SparkFixture.spark(), "vae_score", SparkFixture.mnistModel().toString(),
                ScoringOptions.defaults().samples(5));
        SparkFixture.arrayFrame(rows, 2).createOrReplaceTempView("images");
        List<Row> out = SparkFixture.spark().sql("SELECT id, vae_score(pixels, id) AS s FROM images ORDER BY id")
                .collectAsList();
        assertEquals(40, out.size());
        for (int i = 0; i < 40; i++) {
            assertEquals(i, out.get(i).getLong(0));
            assertEquals(expected.negLogPx()[i], out.get(i).getDouble(1), "row " + i);
        }
    }

    @Test
    void numericColumnsAreTheModelsValuesInOrder() {
        float[][] rows = SparkFixture.values();
        Scores expected;
        Encoded q;
        try (TrainedVae m = TrainedVae.load(SparkFixture.valuesModel())) {
            expected = m.score(rows, 50);
            q = m.encode(rows);
        }
        String cols = "c0,c1,c2,c3,c4";
        Dataset<Row> df = SparkFixture.columnFrame(rows, 3);
        assertScores(expected, sorted(VaeSpark.score(SparkFixture.spark(), df, cols,
                SparkFixture.valuesModel().toString(), ScoringOptions.defaults().samples(50).idColumn("row")), "row"),
                "row");
        List<Row> latents = sorted(VaeSpark.encode(SparkFixture.spark(), df, cols,
                SparkFixture.valuesModel().toString(), ScoringOptions.defaults()), "index");
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 2; j++) {
                assertEquals(q.mean()[i][j], latents.get(i).getFloat(1 + j));
                assertEquals(q.logVariance()[i][j], latents.get(i).getFloat(3 + j));
            }
        }
    }

    @Test
    void encodingEqualsTheInProcessEncodingBitForBit() {
        float[][] rows = SparkFixture.images();
        Encoded q;
        try (TrainedVae m = TrainedVae.load(SparkFixture.mnistModel())) {
            q = m.encode(rows);
        }
        Dataset<Row> latents = VaeSpark.encode(SparkFixture.spark(), SparkFixture.arrayFrame(rows, 3), "pixels",
                SparkFixture.mnistModel().toString(), ScoringOptions.defaults().batchSize(37));
        assertEquals(List.of("index", "mu_0", "mu_1", "mu_2", "mu_3", "logvar_0", "logvar_1", "logvar_2", "logvar_3"),
                List.of(latents.columns()));
        List<Row> got = sorted(latents, "index");
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < 4; j++) {
                assertEquals(q.mean()[i][j], got.get(i).getFloat(1 + j), "row " + i);
                assertEquals(q.logVariance()[i][j], got.get(i).getFloat(5 + j), "row " + i);
            }
        }
    }

    @Test
    void wrongColumnsAndCheckpointsAreRefusedBeforeAnyTaskRuns() {
        Dataset<Row> df = SparkFixture.arrayFrame(new float[][] {new float[784]}, 1);
        String uri = SparkFixture.mnistModel().toString();
        var spark = SparkFixture.spark();
        ScoringOptions o = ScoringOptions.defaults();
        assertEquals("no column 'image' in the data; its columns: id, pixels", assertThrows(
                IllegalArgumentException.class, () -> VaeSpark.score(spark, df, "image", uri, o)).getMessage());
        assertEquals("2 feature columns given but the model takes 784 values per example; give 784 numeric columns, "
                        + "or one array column of 784 numbers",
                assertThrows(IllegalArgumentException.class, () -> VaeSpark.score(spark,
                        df.withColumn("a", functions.lit(1.0)).withColumn("b", functions.lit(2.0)), "a,b", uri, o))
                        .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VaeSpark.score(spark,
                        df.withColumn("key", functions.lit("x")), "pixels", uri, o.idColumn("key"))).getMessage()
                .startsWith("id column 'key' is of type string"));
        String missing = SparkFixture.dir().resolve("nope.safetensors").toString();
        assertTrue(assertThrows(CheckpointException.class, () -> VaeSpark.score(spark, df, "pixels", missing, o))
                .getMessage().startsWith(missing + " does not exist"));
        // a row of the wrong length is named when its task reaches it
        Dataset<Row> shortRow = SparkFixture.arrayFrame(new float[][] {new float[784], new float[3]}, 1);
        Exception e = assertThrows(Exception.class, () -> VaeSpark.encode(spark, shortRow, "pixels", uri, o).collect());
        assertTrue(String.valueOf(e.getMessage()).contains("row 1 has 3 values in pixels but the model takes 784"),
                e.getMessage());
    }
}
