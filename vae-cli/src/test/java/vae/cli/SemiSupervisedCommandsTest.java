package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.cli.CliRun.assertOneLineError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vae train --labels} (M2) and {@code vae classify} end to end, and their one-line errors. */
class SemiSupervisedCommandsTest {
    private static final String[] SMALL = {"--train-limit", "3000", "--test-limit", "500", "-P", "hidden=64",
        "-P", "latent=8", "--classifier-hidden", "64", "--batch-size", "100", "--seed", "2"};

    @TempDir
    static Path tmp;
    private static Path model;
    private static String trained;

    @BeforeAll
    static void trainWithFiftyLabels() {
        // Three short epochs: a classifier weight 50 times the paper's lets 50 labels show within them.
        List<String> args = new java.util.ArrayList<>(List.of("train", "--labels", "50", "--label-seed", "3",
                "--alpha", "5", "--epochs", "3", "--out", tmp.resolve("m2").toString()));
        args.addAll(List.of(SMALL));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.out() + r.err());
        trained = r.out();
        model = tmp.resolve("m2").resolve("model.safetensors");
    }

    @Test
    void theRunSaysWhatItTrainsAndPrintsTheClassifiersTestError() {
        assertTrue(trained.contains("classifier q(y|x) with 64 hidden units"), trained);
        assertTrue(trained.contains("semi-supervised: 50 labelled examples (label seed 3), 2,950 unlabelled; "
                + "classifier weight alpha 5 x 3,000 / 2,950 = 5.085"), trained);
        Matcher m = Pattern.compile("epoch 3/3 .*error (\\d+\\.\\d+)%").matcher(trained);
        assertTrue(m.find(), trained);
        assertTrue(Double.parseDouble(m.group(1)) < 60, "50 labels beat chance (90 % error): " + m.group(1));
    }

    @Test
    void classifyWritesEveryExamplesProbabilitiesAndTheConfusionMatrix() throws IOException {
        Path csv = tmp.resolve("predictions.csv");
        CliRun r = CliRun.of("classify", model.toString(), "--limit", "200", "-o", csv.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(201, lines.size());
        assertTrue(lines.getFirst().startsWith("index,label,predicted,p_0,p_1,"), lines.getFirst());
        int right = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertEquals(13, f.length, line);
            double sum = 0;
            int best = 0;
            for (int c = 0; c < 10; c++) {
                double p = Double.parseDouble(f[3 + c]);
                sum += p;
                best = p > Double.parseDouble(f[3 + best]) ? c : best;
            }
            assertEquals(1.0, sum, 1e-5);
            assertEquals(Integer.toString(best), f[2]);
            right += f[1].equals(f[2]) ? 1 : 0;
        }
        assertTrue(r.out().contains(String.format(java.util.Locale.ROOT, "accuracy %.4f", right / 200.0)), r.out());
        assertTrue(r.out().contains("confusion (rows: true, columns: predicted)"), r.out());
    }

    @Test
    void theConfusionMatrixReachesTheConsoleStreamNotJustTheWriter() {
        java.io.ByteArrayOutputStream console = new java.io.ByteArrayOutputStream();
        java.io.PrintWriter out = new java.io.PrintWriter(console, true); // as Main.main makes it
        int code = Main.run(new String[] {"classify", model.toString(), "--limit", "50", "-o",
            tmp.resolve("p50.csv").toString()}, out, new java.io.PrintWriter(new java.io.StringWriter(), true));
        assertEquals(0, code);
        String text = console.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(text.contains("confusion (rows: true, columns: predicted)"), text);
        assertTrue(text.lines().filter(l -> l.matches("\\s+\\d+( +\\d+){10}")).count() == 10, text);
    }

    @Test
    void evaluateAndScoreGiveTheMarginalLikelihoodOverTheClasses() throws IOException {
        CliRun e = CliRun.of("evaluate", model.toString(), "--limit", "40", "-k", "4", "--json");
        assertEquals(0, e.exitCode(), e.out() + e.err());
        com.fasterxml.jackson.databind.JsonNode j = new com.fasterxml.jackson.databind.ObjectMapper().readTree(e.out());
        double given = j.get("neg_log_px").asDouble();
        double marginal = j.get("neg_log_px_marginal").asDouble();
        // p(x) ≥ p(y)·p(x|y) for the true y, so the marginal is at most log 10 nats above; other classes add mass
        assertTrue(marginal <= given + Math.log(10) + 1e-9 && marginal > 0, marginal + " vs " + given);
        Path csv = tmp.resolve("scores.csv");
        CliRun s = CliRun.of("score", model.toString(), "--limit", "40", "-k", "4", "-o", csv.toString());
        assertEquals(0, s.exitCode(), s.out() + s.err());
        List<String> lines = Files.readAllLines(csv);
        assertTrue(lines.getFirst().endsWith(",squared_error,neg_log_px_marginal"), lines.getFirst());
        double sum = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            sum += Double.parseDouble(f[f.length - 1]);
        }
        assertEquals(marginal, sum / 40, 1e-4, "score's column averages to evaluate's line");
    }

    @Test
    void misusesAreOneLineErrors() {
        assertOneLineError(CliRun.of("train", "--alpha", "0.5", "--epochs", "1"),
                "--label-seed and --alpha apply to semi-supervised training");
        assertOneLineError(CliRun.of("train", "--resume", model.toString(), "--epochs", "4", "--labels", "60"),
                "--labels 60 contradicts the checkpoint");
        Path plain = tmp.resolve("plain");
        CliRun p = CliRun.of("train", "--epochs", "1", "--train-limit", "256", "--test-limit", "64", "-P", "hidden=16",
                "--out", plain.toString());
        assertEquals(0, p.exitCode(), p.out() + p.err());
        assertOneLineError(CliRun.of("classify", plain.resolve("model.safetensors").toString(), "-o",
                tmp.resolve("never.csv").toString()), "has no classifier");
        assertTrue(Files.notExists(tmp.resolve("never.csv")));
    }
}
