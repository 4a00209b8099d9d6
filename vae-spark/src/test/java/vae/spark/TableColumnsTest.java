package vae.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;
import vae.api.Checkpoints;
import vae.api.Datasets;
import vae.api.Encoded;
import vae.api.TableData;
import vae.api.TrainedVae;
import vae.api.Vae;
import vae.core.eval.ScoredBatch;
import vae.core.table.TableOptions;

/**
 * A table model scored and encoded on {@code local[2]} from the raw columns of a CSV file that Spark
 * reads (numbers, text, gaps): the same bits as {@code vae score} and {@code vae encode} on that file,
 * which read it with {@link TrainedVae#tableRows} and score it with the model's scorer.
 */
class TableColumnsTest {
    private static final int ROWS = 150;
    private static Path model;
    private static Path scored;

    /**
     * A model of a table with a whole-number column (age), a decimal one with gaps written NA (so
     * Spark reads it as text), a categorical (colour) and a binary (smoker) one with gaps, a label
     * and an id column the model ignores; and a file of other rows to score.
     */
    private static synchronized void fixture() {
        if (model != null) {
            return;
        }
        try {
            Path dir = SparkFixture.dir().resolve("table");
            Files.createDirectories(dir);
            Path train = dir.resolve("train.csv");
            Files.writeString(train, rows(new SplittableRandom(3), 400));
            TableData data = Datasets.csv(train, TableOptions.defaults().withLabelColumn("status")
                    .withIgnoredColumns(List.of("id")));
            Vae.builder().set("hidden", 16).set("latent", 3).seed(4).build(data).trainer().epochs(2).batchSize(50)
                    .threads(1).listener(Checkpoints.into(dir.resolve("run"))).fit(data);
            scored = dir.resolve("scored.csv");
            Files.writeString(scored, rows(new SplittableRandom(8), ROWS));
            model = dir.resolve("run").resolve(Checkpoints.MODEL_FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The table model's checkpoint. */
    static Path model() {
        fixture();
        return model;
    }

    /** The CSV of rows to score. */
    static Path scored() {
        fixture();
        return scored;
    }

    /** {@code n} rows of the table, with a header line. */
    static String rows(SplittableRandom r, int n) {
        StringBuilder b = new StringBuilder("id,age,income,colour,smoker,status\n");
        String[] colours = {"red", "green", "blue"};
        for (int i = 0; i < n; i++) {
            double a = r.nextGaussian();
            b.append(i).append(',')
                    .append(40 + Math.round(10 * a)).append(',')
                    .append(r.nextInt(9) == 0 ? "NA" : String.format(Locale.ROOT, "%.3f", 3 * a + r.nextGaussian()))
                    .append(',')
                    .append(r.nextInt(11) == 0 ? "" : colours[(int) Math.floorMod(Math.round(a + 1), 3)]).append(',')
                    .append(r.nextInt(13) == 0 ? "" : a > 0.3 ? "yes" : "no").append(',')
                    .append(a > 1.5 ? "bad" : "ok").append('\n');
        }
        return b.toString();
    }

    private static Dataset<Row> read(Path csv) {
        return SparkFixture.spark().read().option("header", "true").option("inferSchema", "true").csv(csv.toString());
    }

    static List<Row> sorted(Dataset<Row> df) {
        List<Row> rows = new ArrayList<>(df.collectAsList());
        rows.sort(Comparator.comparingLong(r -> r.getLong(0)));
        return rows;
    }

    /** What {@code vae score FILE -k k} computes: the file's rows read by the model, scored in batches of 100. */
    static double[][] cliScores(TrainedVae m, Path csv, int k, boolean unseenAsMissing) {
        vae.core.data.Dataset d = m.tableRows(csv, 0, unseenAsMissing).examples();
        var scorer = m.scorer(k, m.metadata().run().seed());
        double[][] out = new double[d.size()][];
        for (int from = 0; from < d.size(); from += 100) {
            ScoredBatch s = scorer.score(d, from, Math.min(100, d.size() - from));
            for (int i = 0; i < s.count(); i++) {
                out[from + i] = new double[] {s.negativeLogLikelihood(i), s.negativeElbo(i), s.reconstruction(i),
                    s.kl(i), s.reconstructionAtMean(i), s.squaredError(i)};
            }
        }
        return out;
    }

    static void assertScores(double[][] expected, List<Row> got) {
        assertEquals(expected.length, got.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(i, got.get(i).getLong(0));
            for (int j = 0; j < 6; j++) {
                assertEquals(expected[i][j], got.get(i).getDouble(1 + j), "row " + i + ", " + VaeSpark.SCORES.get(j));
            }
        }
    }

    @Test
    void rawColumnsScoreAndEncodeAsVaeScoreAndVaeEncodeDoOnTheSameFile() {
        fixture();
        Dataset<Row> df = read(scored);
        assertEquals("string", df.schema().apply("income").dataType().simpleString(), "NA makes Spark read text");
        assertEquals("int", df.schema().apply("age").dataType().simpleString());
        double[][] expected;
        Encoded q;
        try (TrainedVae m = TrainedVae.load(model)) {
            expected = cliScores(m, scored, 30, false);
            q = m.encode(Datasets.rows(m.tableRows(scored, 0).examples(), 0, ROWS));
        }
        // rows shuffled over 3 partitions and keyed by their id; batches of 64 that vae score never forms
        Dataset<Row> shuffled = df.orderBy(functions.rand(1)).repartition(3);
        assertScores(expected, sorted(VaeSpark.score(SparkFixture.spark(), shuffled, model.toString(),
                ScoringOptions.defaults().samples(30).idColumn("id").batchSize(64))));
        // the columns named (in another order) are the same request; rows numbered in the file's order
        List<Row> latents = sorted(VaeSpark.encode(SparkFixture.spark(), df, "smoker,colour,income,age",
                model.toString(), ScoringOptions.defaults().batchSize(50)));
        assertEquals(ROWS, latents.size());
        for (int i = 0; i < ROWS; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(q.mean()[i][j], latents.get(i).getFloat(1 + j), "row " + i);
                assertEquals(q.logVariance()[i][j], latents.get(i).getFloat(4 + j), "row " + i);
            }
        }
    }

    @Test
    void anUnseenCategoryFailsTheJobInOneLineOrIsMissingWhenAsked() throws IOException {
        fixture();
        Path unseen = SparkFixture.dir().resolve("table/unseen.csv");
        List<String> lines = new ArrayList<>(Files.readAllLines(scored).subList(0, 41));
        lines.set(30, lines.get(30).replaceFirst(",(red|green|blue|),", ",purple,"));
        Files.write(unseen, lines);
        double[][] expected;
        try (TrainedVae m = TrainedVae.load(model)) {
            expected = cliScores(m, unseen, 5, true);
        }
        assertScores(expected, sorted(VaeSpark.score(SparkFixture.spark(), read(unseen), model.toString(),
                ScoringOptions.defaults().samples(5).unseenAsMissing(true).idColumn("id"))));

        String out = SparkFixture.dir().resolve("table/never").toString();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ScoreJob().run(SparkFixture.spark(), new String[] {"--checkpoint", model.toString(), "--input",
            unseen.toString(), "--format", "csv", "--id", "id", "--output", out, "-k", "5"},
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(2, code);
        assertEquals("ScoreJob: input row 29, column 'colour': 'purple' was not seen in training [blue, green, red];"
                + " fix the value or skip such rows (on-bad-row skip)\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void scoreJobReadsTheTablesOwnColumnsWithoutFeatures() throws IOException {
        fixture();
        String out = SparkFixture.dir().resolve("table/scores.csv").toString();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new ScoreJob().run(SparkFixture.spark(), new String[] {"--checkpoint", model.toString(), "--input",
            scored.toString(), "--format", "csv", "--output", out, "-k", "10", "--unseen", "missing"},
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        double[][] expected;
        try (TrainedVae m = TrainedVae.load(model)) {
            expected = cliScores(m, scored, 10, true);
        }
        // written as the input was: CSV, whose doubles read back exactly
        StringBuilder schema = new StringBuilder("index LONG");
        VaeSpark.SCORES.forEach(c -> schema.append(", ").append(c).append(" DOUBLE"));
        Dataset<Row> written = SparkFixture.spark().read().option("header", "true").schema(schema.toString()).csv(out);
        assertEquals("index", written.columns()[0]);
        assertScores(expected, sorted(written));
    }

    @Test
    void missingColumnsAndWrongTypesAreRefusedBeforeAnyTaskRuns() {
        fixture();
        SparkSession spark = SparkFixture.spark();
        Dataset<Row> df = read(scored);
        String uri = model.toString();
        ScoringOptions o = ScoringOptions.defaults();
        assertEquals("no column 'colour' in the data, which the model was trained with; its columns: id, age, income,"
                + " smoker, status", assertThrows(IllegalArgumentException.class,
                () -> VaeSpark.score(spark, df.drop("colour"), uri, o)).getMessage());
        assertEquals("column 'age' is of type array<int> but the model reads it as numbers; give it as a numeric or "
                + "string column", assertThrows(IllegalArgumentException.class, () -> VaeSpark.encode(spark,
                df.withColumn("age", functions.array(functions.col("age"))), uri, o)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> VaeSpark.score(spark, df, "age,income", uri, o))
                .getMessage().endsWith("; or name none, and the table model reads its own columns age, income, "
                        + "colour, smoker"));
        // text in a numeric column is found when a task reaches its row
        Dataset<Row> text = df.withColumn("age", functions.when(functions.col("id").equalTo(7), functions.lit("old"))
                .otherwise(functions.col("age").cast("string")));
        Exception e = assertThrows(Exception.class, () -> VaeSpark.score(spark, text, uri, o.idColumn("id"))
                .collect());
        assertEquals("input row 7, column 'age': 'old' is not a number (the schema says numeric); fix the value, make"
                + " it a missing-value token or skip such rows (on-bad-row skip)", InferenceJob.badRow(e).getMessage());
    }
}
