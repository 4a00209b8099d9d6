package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The API example (examples/embedding) compiles against the modules the CLI runs with, and its
 * program trains, encodes, scores and samples: it is compiled here with javac in-process and run
 * in a child JVM on a small budget (512 training images, one epoch), and its three lines are
 * checked for the counts it promises and finite, plausible numbers.
 */
class EmbeddingExampleTest {
    /** The example's sources (tests run in vae-cli/). */
    private static final Path EXAMPLE = Path.of("..", "examples", "embedding", "src", "main", "java")
            .toAbsolutePath().normalize();
    private static final int TRAIN_LIMIT = 512;
    private static final int BATCH_SIZE = 128;
    private static final int PIXELS = 28 * 28;

    @TempDir
    Path tmp;

    /** The test JVM's module path: vae.cli's classes and every module it runs with. */
    private static String modulePath() {
        String path = System.getProperty("jdk.module.path");
        assertNotNull(path, "the tests must run on the module path (surefire does so for a modular project)");
        return path;
    }

    private Path compileExample() throws IOException {
        Path classes = Files.createDirectories(tmp.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("--release", "25", "--module-path", modulePath(),
                "-d", classes.toString()));
        try (Stream<Path> files = Files.walk(EXAMPLE)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow(
                () -> new AssertionError("javac not found: a JDK (not a JRE) must run the tests"));
        StringWriter diagnostics = new StringWriter();
        PrintWriter log = new PrintWriter(diagnostics);
        assertEquals(0, javac.run(log, log, args.toArray(String[]::new)), "javac: " + diagnostics);
        return classes;
    }

    private String run(Path classes, String... args) throws IOException, InterruptedException {
        return runProgram(classes, "MnistEmbedding", args);
    }

    private String runProgram(Path classes, String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", classes + java.io.File.pathSeparator + modulePath(),
                "-m", "vae.example.embedding/vae.example.embedding." + program));
        command.addAll(List.of(args));
        Path log = tmp.resolve("output.txt");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(tmp.toFile()).start();
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("the example did not finish in 2 minutes: " + Files.readString(log));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);
        return output;
    }

    private static Matcher find(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        assertTrue(m.find(), "no line matching /" + regex + "/ in:\n" + output);
        return m;
    }

    /** A number as printed with %.2f or %.3f in any locale's decimal separator. */
    private static double number(String text) {
        double v = Double.parseDouble(text.replace(',', '.'));
        assertTrue(Double.isFinite(v), text + " is not finite");
        return v;
    }

    @Test
    void theLabelsExampleDrawsRequestedDigitsAndClassifiesWithFewLabels() throws Exception {
        String out = runProgram(compileExample(), "FewLabels", "2000", "1", "20");
        find(out, "conditional VAE of 10 classes: 8 sevens drawn, a class-by-z grid of 40 images");
        double accuracy = number(find(out, "M2 with 20 labels: test accuracy (\\S+) on 1000 images").group(1));
        assertTrue(accuracy > 0.2 && accuracy <= 1, "20 labels beat chance: " + out);
    }

    @Test
    void theExampleTrainsThenEncodesScoresAndSamplesTestImages() throws Exception {
        String out = run(compileExample(), Integer.toString(TRAIN_LIMIT), "1");

        Matcher encoded = find(out, "encoded (\\d+) test images; the first 3 -> z = (\\[\\[.*]])");
        assertEquals(100, Integer.parseInt(encoded.group(1)), out);
        String[] z = encoded.group(2).replaceAll("[\\[\\]]", "").split(",\\s*");
        assertEquals(3 * 2, z.length, "3 images with a 2-d z each: " + out);
        for (String v : z) {
            assertTrue(Double.isFinite(Float.parseFloat(v)), v + " in " + out);
        }

        Matcher scored = find(out, "scored (\\d+) test images with k=(\\d+): mean -log p\\(x\\) = (\\S+) nats, "
                + "mean -ELBO = (\\S+) nats");
        assertEquals(100, Integer.parseInt(scored.group(1)), out);
        assertEquals(50, Integer.parseInt(scored.group(2)), out);
        double nll = number(scored.group(3));
        double negElbo = number(scored.group(4));
        // Grey MNIST digits under a Bernoulli decoder: a decoder that outputs 0.5 everywhere scores
        // 784·ln 2 ≈ 543 nats, and one epoch on a few hundred images does better than that.
        assertTrue(nll > 0 && nll < 1000, "-log p(x) = " + nll + " in " + out);
        // The k-sample bound is at least the ELBO on average, up to the Monte Carlo error of its KL.
        assertTrue(nll <= negElbo + 1.0, "-log p(x) " + nll + " above -ELBO " + negElbo + " in " + out);

        Matcher sampled = find(out, "trained (\\d+) steps; sampled (\\d+) images of (\\d+) pixels, "
                + "mean intensity (\\S+)");
        assertEquals((TRAIN_LIMIT + BATCH_SIZE - 1) / BATCH_SIZE, Integer.parseInt(sampled.group(1)), out);
        assertEquals(16, Integer.parseInt(sampled.group(2)), out);
        assertEquals(PIXELS, Integer.parseInt(sampled.group(3)), out);
        double intensity = number(sampled.group(4));
        assertTrue(intensity >= 0 && intensity <= 1, "Bernoulli means lie in [0, 1]: " + out);
    }
}
