package vae.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.cli.CliRun.assertOneLineError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.core.checkpoint.Checkpoint;

/** The table workflow through the command line: train on a CSV, score, impute, sample, encode, resume. */
class TableCommandsTest {
    @TempDir
    static Path tmp;
    private static Path table;
    private static Path model;

    /**
     * 400 rows: x1 ~ N(0, 1) and x2 = 2·x1 + N(0, 0.1²) (so E[x2|x1] = 2·x1), a colour that follows
     * the sign of x1, a yes/no smoker, an id the model ignores, and a label: "odd" for the 40 rows
     * whose x2 breaks the line (the anomalies), "ok" otherwise. Some values are missing.
     */
    @BeforeAll
    static void writeTableAndTrain() throws IOException {
        table = tmp.resolve("readings.csv");
        writeTable(table, 400, 7, true);
        model = tmp.resolve("run").resolve("model.safetensors");
        CliRun r = train(tmp.resolve("run"), "--epochs", "60");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("320 train, 80 test rows (test fraction 0.2, split seed 1), 4 columns as 6 values"
                + ", label status"), r.out());
        assertTrue(r.out().contains("rows/s"), r.out());
    }

    private static void writeTable(Path file, int rows, long seed, boolean gaps) throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder("id,x1,x2,colour,smoker,status\n");
        for (int i = 0; i < rows; i++) {
            double x1 = rnd.nextGaussian();
            boolean odd = i % 10 == 3;
            double x2 = odd ? -2 * x1 + (x1 >= 0 ? -3 : 3) : 2 * x1 + 0.1 * rnd.nextGaussian();
            String colour = x1 > 0.5 ? "red" : x1 < -0.5 ? "blue" : "green";
            String smoker = rnd.nextBoolean() ? "yes" : "no";
            String x1Text = gaps && i % 17 == 5 ? "" : String.format(Locale.ROOT, "%.5f", x1);
            String colourText = gaps && i % 23 == 9 ? "NA" : colour;
            b.append(i).append(',').append(x1Text).append(',').append(String.format(Locale.ROOT, "%.5f", x2))
                    .append(',').append(colourText).append(',').append(smoker).append(',')
                    .append(odd ? "odd" : "ok").append('\n');
        }
        Files.writeString(file, b);
    }

    private static CliRun train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train", "--dataset", table.toString(), "--label-column", "status",
                "--ignore-columns", "id", "-P", "hidden=32", "-P", "latent=2", "--batch-size", "32", "--lr", "3e-3",
                "--threads", "1", "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void theCheckpointHoldsTheTransformAndTheSource() {
        var meta = Checkpoint.read(model).metadata();
        assertEquals("mixed", meta.model().likelihood().name());
        assertEquals(List.of("x1", "x2", "colour", "smoker"),
                meta.table().layout().stream().map(c -> c.name()).toList());
        assertTrue(meta.run().dataset().contains("\"label\":\"status\""), meta.run().dataset());
    }

    @Test
    void scoreRanksTheAnomaliesAndNamesTheirLines() throws IOException {
        Path scores = tmp.resolve("scores.csv");
        CliRun r = CliRun.of("score", model.toString(), "--dataset", table.toString(), "--positive-label", "odd",
                "-k", "20", "--json", "-o", scores.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(400, json.get("examples").asInt());
        assertEquals(40, json.get("positives").asInt());
        assertTrue(json.get("neg_log_px").get("auroc").asDouble() > 0.9, r.out());
        List<String> lines = Files.readAllLines(scores);
        assertEquals("index,line,label,neg_log_px,neg_elbo,recon,kl,recon_at_mean,squared_error", lines.get(0));
        assertTrue(lines.get(4).startsWith("3,5,odd,"), lines.get(4));

        CliRun text = CliRun.of("score", model.toString(), "--normal-label", "ok", "-k", "5", "-o",
                tmp.resolve("test-scores.csv").toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("80 test examples"), text.out());
        assertTrue(text.out().contains("anomalies: 8 of 80 (every label but ok)"), text.out());
        assertTrue(text.out().contains("neg_log_px     AUROC"), text.out());
        assertOneLineError(CliRun.of("score", model.toString(), "--positive-label", "bad", "-o",
                tmp.resolve("x.csv").toString()), "--positive-label bad is not a label", "odd, ok");
    }

    @Test
    void imputeFillsTheGapsWithTheConditionalMeanAndKeepsTheRest() throws IOException {
        // x2 removed from every fifth row of a fresh complete table: its true conditional mean is 2·x1.
        Path full = tmp.resolve("full.csv");
        writeTable(full, 200, 11, false);
        List<String> rows = Files.readAllLines(full);
        StringBuilder gaps = new StringBuilder(rows.get(0)).append('\n');
        for (int i = 1; i < rows.size(); i++) {
            String[] f = rows.get(i).split(",");
            if (i % 5 == 0) {
                f[2] = "";
            }
            gaps.append(String.join(",", f)).append('\n');
        }
        Path input = tmp.resolve("gaps.csv");
        Files.writeString(input, gaps);
        Path filled = tmp.resolve("filled.csv");
        CliRun r = CliRun.of("impute", model.toString(), "-i", input.toString(), "-o", filled.toString(), "-k", "200");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("200 rows, 40 missing values filled"), r.out());
        List<String> out = Files.readAllLines(filled);
        assertEquals("x1,x2,colour,smoker,status", out.get(0), "the ignored id is left out");
        double squaredError = 0;
        int n = 0;
        for (int i = 1; i < out.size(); i++) {
            String[] got = out.get(i).split(",");
            String[] truth = rows.get(i).split(",");
            assertEquals(Float.parseFloat(truth[1]), Float.parseFloat(got[0]), "observed x1 as read");
            assertEquals(truth[3], got[2]);
            assertEquals(truth[5], got[4]);
            if (i % 5 == 0 && truth[5].equals("ok")) {
                double e = Double.parseDouble(got[1]) - 2 * Double.parseDouble(truth[1]);
                squaredError += e * e;
                n++;
            } else if (i % 5 != 0) {
                assertEquals(Float.parseFloat(truth[2]), Float.parseFloat(got[1]));
            }
        }
        // x2 has variance 4 (plus the anomalies'); mean imputation would err by about that much.
        assertTrue(squaredError / n < 0.5, "MSE of the imputed x2 against 2·x1: " + squaredError / n);
    }

    @Test
    void evaluateSplitsTheReconstructionByColumnType() throws IOException {
        CliRun r = CliRun.of("evaluate", model.toString(), "-k", "5", "--json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        JsonNode byType = json.get("recon_at_mean_by_type");
        assertEquals(json.get("recon_at_mean").asDouble(), byType.get("numeric").asDouble()
                + byType.get("binary").asDouble() + byType.get("categorical").asDouble(), 1e-6);
        assertTrue(byType.get("binary").asDouble() > 0.5, "smoker is a coin flip: about log 2 nats: " + byType);
    }

    @Test
    void imputeCanReplaceAnUnseenCategory() throws IOException {
        Path odd = tmp.resolve("purple.csv");
        Files.writeString(odd, "id,x1,x2,colour,smoker,status\n1,1.5,3.0,purple,yes,ok\n");
        assertOneLineError(CliRun.of("impute", model.toString(), "-i", odd.toString(), "-o",
                tmp.resolve("p.csv").toString()), "purple", "was not seen in training");
        CliRun r = CliRun.of("impute", model.toString(), "-i", odd.toString(), "-o", tmp.resolve("p.csv").toString(),
                "--unseen", "missing", "-k", "50");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("1 rows, 1 missing values filled"), r.out());
        String[] fields = Files.readAllLines(tmp.resolve("p.csv")).get(1).split(",");
        assertTrue(Set.of("red", "green", "blue").contains(fields[2]), String.join(",", fields));
    }

    @Test
    void sampleWritesRowsInOriginalUnitsAndCategories() throws IOException {
        Path synthetic = tmp.resolve("synthetic.csv");
        CliRun r = CliRun.of("sample", model.toString(), "-n", "300", "-o", synthetic.toString());
        assertEquals(0, r.exitCode(), r.err());
        List<String> lines = Files.readAllLines(synthetic);
        assertEquals("x1,x2,colour,smoker", lines.get(0));
        assertEquals(301, lines.size());
        double sumX1 = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            sumX1 += Double.parseDouble(f[0]);
            assertTrue(Set.of("red", "green", "blue").contains(f[2]), line);
            assertTrue(Set.of("yes", "no").contains(f[3]), line);
        }
        assertTrue(Math.abs(sumX1 / 300) < 0.4, "x1 is about N(0, 1): mean " + sumX1 / 300);
        CliRun again = CliRun.of("sample", model.toString(), "-n", "300", "-o", tmp.resolve("again.csv").toString());
        assertEquals(0, again.exitCode(), again.err());
        assertArrayEquals(Files.readAllBytes(synthetic), Files.readAllBytes(tmp.resolve("again.csv")), "same seed, same rows");
    }

    @Test
    void encodeReadsATableAndPicturesAreRefused() throws IOException {
        Path latents = tmp.resolve("latents.csv");
        CliRun r = CliRun.of("encode", model.toString(), "--dataset", table.toString(), "-o", latents.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(401, Files.readAllLines(latents).size());
        assertOneLineError(CliRun.of("reconstruct", model.toString(), "-o", tmp.resolve("r.png").toString()),
                "reconstruct draws images", "a model of table rows", "impute");
    }

    @Test
    void aResumedTableRunEqualsAStraightOne() throws IOException {
        Path straight = tmp.resolve("straight");
        Path split = tmp.resolve("split");
        assertEquals(0, train(straight, "--epochs", "2").exitCode());
        assertEquals(0, train(split, "--epochs", "1").exitCode());
        CliRun resumed = CliRun.of("train", "--resume", split.resolve("model.safetensors").toString(), "--epochs", "2",
                "--threads", "1");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertArrayEquals(Files.readAllBytes(straight.resolve("model.safetensors")),
                Files.readAllBytes(split.resolve("model.safetensors")));
    }

    @Test
    void oneClassTrainingUsesOneLabelAndResumesWithIt() throws IOException {
        Path normal = tmp.resolve("normal");
        CliRun r = train(normal, "--epochs", "1", "--only-label", "ok");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("288 train, 80 test rows"), r.out()); // 320 training rows, 32 of them odd
        assertEquals("ok", Checkpoint.read(normal.resolve("model.safetensors")).metadata().run().onlyLabel());
        CliRun resumed = CliRun.of("train", "--resume", normal.resolve("model.safetensors").toString(), "--epochs", "2",
                "--threads", "1");
        assertEquals(0, resumed.exitCode(), resumed.err());
        assertTrue(resumed.out().contains("288 train"), resumed.out());
        assertOneLineError(CliRun.of("train", "--resume", normal.resolve("model.safetensors").toString(), "--epochs",
                "3", "--only-label", "odd"), "--only-label odd contradicts the checkpoint being resumed (only-label ok)");
        assertOneLineError(train(tmp.resolve("nolabel"), "--epochs", "1", "--only-label", "fine"),
                "label fine is not a value of the label column; its values: odd, ok");
        assertOneLineError(CliRun.of("train", "--only-label", "x", "--train-limit", "64", "--out",
                tmp.resolve("digit").toString()), "the labels of", "are numbers, not 'x'");
    }

    @Test
    void aTestFileMayHoldLabelsTheTrainingFileLacks() throws IOException {
        List<String> all = Files.readAllLines(table);
        Path normal = tmp.resolve("normal-rows.csv");
        Path mixedTest = tmp.resolve("test-rows.csv");
        Files.write(normal, java.util.stream.Stream.concat(all.stream().limit(1),
                all.stream().skip(1).limit(300).filter(l -> l.endsWith(",ok"))).toList());
        Files.write(mixedTest, java.util.stream.Stream.concat(all.stream().limit(1), all.stream().skip(301)).toList());
        Path out = tmp.resolve("held-out");
        CliRun r = CliRun.of("train", "--dataset", normal.toString(), "--test", mixedTest.toString(), "--label-column",
                "status", "--ignore-columns", "id", "-P", "hidden=16", "-P", "latent=2", "--epochs", "2", "--out",
                out.toString());
        assertEquals(0, r.exitCode(), r.err());
        CliRun s = CliRun.of("score", out.resolve("model.safetensors").toString(), "--positive-label", "odd", "-k", "5",
                "-o", tmp.resolve("held-out.csv").toString());
        assertEquals(0, s.exitCode(), s.err());
        assertTrue(s.out().contains("anomalies: 10 of 100 (label odd)"), s.out());
    }

    @Test
    void anOutputNeverReplacesTheTableTheModelReads() {
        assertOneLineError(CliRun.of("score", model.toString(), "-k", "5", "-o", table.toString()),
                "is also an input of this run");
    }

    @Test
    void badTableInputIsOneLine() throws IOException {
        Path unseen = tmp.resolve("unseen.csv");
        Files.writeString(unseen, "id,x1,x2,colour,smoker,status\n1,0.5,1.0,purple,yes,ok\n");
        assertOneLineError(CliRun.of("score", model.toString(), "--dataset", unseen.toString(), "-o",
                tmp.resolve("u.csv").toString()), "unseen.csv line 2", "column 'colour'", "purple",
                "was not seen in training");
        Path third = tmp.resolve("third.csv");
        Files.writeString(third, "id,x1,x2,colour,smoker,status\n1,0.5,1.0,red,sometimes,ok\n2,0.1,0.2,blue,no,ok\n");
        assertOneLineError(CliRun.of("score", model.toString(), "--dataset", third.toString(), "-o",
                tmp.resolve("t.csv").toString()), "third.csv line 2", "column 'smoker'", "sometimes",
                "was not seen in training");
        CliRun missing = CliRun.of("score", model.toString(), "--dataset", third.toString(), "--unseen", "missing",
                "-k", "5", "-o", tmp.resolve("t.csv").toString());
        assertEquals(0, missing.exitCode(), missing.err());
        assertEquals(3, Files.readAllLines(tmp.resolve("t.csv")).size());
        Path ragged = tmp.resolve("ragged.csv");
        Files.writeString(ragged, "a,b\n1,2\n3\n4,5\n");
        assertOneLineError(CliRun.of("train", "--dataset", ragged.toString(), "--out", tmp.resolve("ragged").toString()),
                "ragged.csv line 3");
        CliRun skipped = CliRun.of("train", "--dataset", ragged.toString(), "--on-bad-row", "skip", "--epochs", "1",
                "--test-fraction", "0.5", "--out", tmp.resolve("skipped").toString());
        assertEquals(0, skipped.exitCode(), skipped.err());
        assertOneLineError(CliRun.of("train", "--label-column", "status", "--out", tmp.resolve("mnist").toString()),
                "apply to CSV tables", "--dataset mnist is not one");
        assertOneLineError(train(tmp.resolve("frac"), "--test-fraction", "1.5"), "--test-fraction must be between 0 and 1");
        assertOneLineError(train(tmp.resolve("bin"), "--binarize", "dynamic"), "train a table without binarisation");
        assertOneLineError(train(tmp.resolve("gauss"), "--likelihood", "gaussian"), "missing values",
                "use likelihood 'mixed'");
        assertOneLineError(CliRun.of("train", "--likelihood", "mixed", "--train-limit", "64", "--out",
                tmp.resolve("img").toString()), "likelihood 'mixed' models the columns of a table");
    }
}
