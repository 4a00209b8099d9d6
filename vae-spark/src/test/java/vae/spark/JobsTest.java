package vae.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;
import vae.api.Encoded;
import vae.api.Scores;
import vae.api.TrainedVae;

/** The spark-submit entry points, run in the test's session: files in, files out, and one line for a wrong command. */
class JobsTest {
    private record Run(int code, String err) {
    }

    private static Run run(InferenceJob job, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = job.run(SparkFixture.spark(), args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return new Run(code, bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void scoreJobReadsParquetAndWritesTheScoresOfVaeScore() {
        Path dir = SparkFixture.dir().resolve("score-job");
        String input = dir.resolve("images.parquet").toString();
        float[][] rows = SparkFixture.images();
        SparkFixture.arrayFrame(rows, 2).write().parquet(input);
        String output = dir.resolve("scores.parquet").toString();
        Run r = run(new ScoreJob(), "--checkpoint", SparkFixture.mnistModel().toString(), "--input", input,
                "--features", "pixels", "--id", "id", "--output", output, "-k", "10");
        assertEquals(0, r.code(), r.err());
        assertEquals("ScoreJob: wrote " + output + " (parquet)\n", r.err());
        Scores expected;
        try (TrainedVae m = TrainedVae.load(SparkFixture.mnistModel())) {
            expected = m.score(rows, 10);
        }
        List<Row> got = new ArrayList<>(SparkFixture.spark().read().parquet(output).collectAsList());
        got.sort(Comparator.comparingLong(x -> x.getLong(0)));
        assertEquals(rows.length, got.size());
        for (int i = 0; i < rows.length; i++) {
            assertEquals(i, got.get(i).getLong(0));
            assertEquals(expected.negLogPx()[i], got.get(i).getDouble(1), "row " + i);
            assertEquals(expected.squaredError()[i], got.get(i).getDouble(6), "row " + i);
        }
        // a second run does not replace the output unless asked to
        Run again = run(new ScoreJob(), "--checkpoint", SparkFixture.mnistModel().toString(), "--input", input,
                "--features", "pixels", "--output", output);
        assertEquals(2, again.code());
        assertEquals("ScoreJob: --output " + output + " exists; pass another or --overwrite true\n", again.err());
    }

    @Test
    void encodeJobReadsCsvColumnsAndWritesTheLatents() {
        Path dir = SparkFixture.dir().resolve("encode-job");
        String input = dir.resolve("values.csv").toString();
        float[][] rows = SparkFixture.values();
        SparkFixture.columnFrame(rows, 2).write().option("header", "true").csv(input);
        String output = dir.resolve("latents.csv").toString();
        Run r = run(new EncodeJob(), "--checkpoint", SparkFixture.valuesModel().toString(), "--input", input,
                "--format", "csv", "--features", "c0,c1,c2,c3,c4", "--id", "row", "--output", output);
        assertEquals(0, r.code(), r.err());
        Encoded q;
        try (TrainedVae m = TrainedVae.load(SparkFixture.valuesModel())) {
            q = m.encode(rows);
        }
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("row", DataTypes.LongType, false));
        for (String c : List.of("mu_0", "mu_1", "logvar_0", "logvar_1")) {
            fields.add(DataTypes.createStructField(c, DataTypes.FloatType, false));
        }
        List<Row> got = new ArrayList<>(SparkFixture.spark().read().option("header", "true")
                .schema(DataTypes.createStructType(fields)).csv(output).collectAsList());
        got.sort(Comparator.comparingLong(x -> x.getLong(0)));
        assertEquals(rows.length, got.size());
        for (int i = 0; i < rows.length; i++) {
            assertEquals(q.mean()[i][0], got.get(i).getFloat(1), "row " + i);
            assertEquals(q.mean()[i][1], got.get(i).getFloat(2), "row " + i);
            assertEquals(q.logVariance()[i][1], got.get(i).getFloat(4), "row " + i);
        }
    }

    @Test
    void trainJobTrainsFromParquetAndWritesACheckpointVaeReads() {
        Path dir = SparkFixture.dir().resolve("train-job");
        String train = dir.resolve("train.parquet").toString();
        String test = dir.resolve("test.parquet").toString();
        SparkFixture.arrayFrame(SparkFixture.trainImages(), 2).write().parquet(train);
        SparkFixture.arrayFrame(SparkFixture.images(), 1).write().parquet(test);
        Path out = dir.resolve("run");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] args = {"--input", train, "--test", test, "--features", "pixels", "--out", out.toString(),
                "--shape", "1x28x28", "-P", "hidden=32", "-P", "latent=4", "--epochs", "1", "--batch-size", "64",
                "--sync-every", "2"};
        int code = TrainJob.run(SparkFixture.spark(), args, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String err = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err);
        assertTrue(err.startsWith("epoch 1/1  train ") && err.endsWith("TrainJob: wrote " + out.resolve(
                "model.safetensors") + "\n"), err);
        try (TrainedVae m = TrainedVae.load(out.resolve("model.safetensors"))) {
            assertEquals("vae", m.spec().variant());
            assertEquals(4, m.latentDim());
            assertEquals(1, m.metadata().epoch());
        }
        bytes.reset();
        assertEquals(2, TrainJob.run(SparkFixture.spark(), new String[] {"--input", train, "--features", "pixels",
                "--out", out.toString(), "-P", "hidden"}, new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertEquals("TrainJob: -P takes key=value, got 'hidden'\n", bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
        String checkpoint = out.resolve("model.safetensors").toString();
        assertEquals(2, TrainJob.run(SparkFixture.spark(), new String[] {"--input", train, "--features", "pixels",
                "--out", out.toString(), "--resume", checkpoint, "--epochs", "2", "--seed", "3"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertEquals("TrainJob: --seed cannot be given with --resume, which continues the run with the settings its "
                + "checkpoint records; drop --seed\n", bytes.toString(StandardCharsets.UTF_8));
        bytes.reset();
        assertEquals(0, TrainJob.run(SparkFixture.spark(), new String[] {"--input", train, "--test", test, "--features",
                "pixels", "--out", out.toString(), "--resume", checkpoint, "--epochs", "2"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8)), bytes.toString(StandardCharsets.UTF_8));
        assertTrue(bytes.toString(StandardCharsets.UTF_8).startsWith("epoch 2/2  train "), bytes.toString());
        try (TrainedVae m = TrainedVae.load(out.resolve("model.safetensors"))) {
            assertEquals(2, m.metadata().epoch());
        }
    }

    @Test
    void aWrongCommandLineIsOneLineAndExitCodeTwo() {
        String model = SparkFixture.mnistModel().toString();
        String out = SparkFixture.dir().resolve("never").toString();
        String[][] cases = {
                {"--checkpoint"},
                {"--checkpoint", model, "--input", "x", "--features", "pixels", "--output", out, "--colour", "red"},
                {"--input", "x", "--features", "pixels", "--output", out},
                {"--checkpoint", model, "--input", "x", "--features", "pixels", "--output", out, "-k", "0"},
                {"--checkpoint", model, "--input", "x", "--features", "pixels", "--output", out, "--format", "xml"},
                {"--checkpoint", model, "--input", "x", "--features", "pixels", "--output", out, "-k", "5", "-k", "6"},
                {"--checkpoint", model, "--input", SparkFixture.dir().resolve("no-such-dir").toString(), "--features",
                        "pixels", "--output", out},
        };
        String[] expected = {
                "ScoreJob: --checkpoint needs a value; usage: " + ScoreJob.USAGE,
                "ScoreJob: unknown option '--colour'; usage: " + ScoreJob.USAGE,
                "ScoreJob: --checkpoint is required",
                "ScoreJob: --iw-samples must be in 1..1000000, got 0",
                "ScoreJob: --format must be one of parquet, csv, json, got 'xml'",
                "ScoreJob: --iw-samples is given twice; give it once",
                "ScoreJob: [PATH_NOT_FOUND] Path does not exist: file:" + SparkFixture.dir().resolve("no-such-dir")
                        + ". SQLSTATE: 42K03",
        };
        for (int i = 0; i < cases.length; i++) {
            Run r = run(new ScoreJob(), cases[i]);
            assertEquals(2, r.code(), r.err());
            assertEquals(expected[i] + "\n", r.err());
        }
        Run encode = run(new EncodeJob(), "--checkpoint", model, "-k", "5");
        assertEquals(2, encode.code());
        assertTrue(encode.err().startsWith("EncodeJob: unknown option '-k'; usage: EncodeJob --checkpoint URI"),
                encode.err());
    }
}
