package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.cli.CliRun.assertOneLineError;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.api.Datasets;
import vae.core.backend.Backends;
import vae.core.data.DataSplit;
import vae.core.data.Dataset;

/**
 * {@code vae train --conditional} and {@code vae sample --label} end to end, with the issue's
 * goal: 64 samples of each digit are that digit for a classifier trained here on MNIST's
 * training set, at least 95 % of them.
 */
class ConditionalCommandsTest {
    private static final int PER_DIGIT = 64;
    private static final int SIDE = 28;
    /** The black border around and between the images of a grid (torchvision's save_image). */
    private static final int PADDING = 2;

    @TempDir
    static Path tmp;
    private static Path model;
    private static String trainOutput;

    @BeforeAll
    static void trainTheClassicConditionalVae() {
        CliRun r = CliRun.of("train", "--conditional", "-P", "latent=2", "--epochs", "10", "--out",
                tmp.resolve("cvae").toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        trainOutput = r.out();
        model = tmp.resolve("cvae").resolve("model.safetensors");
    }

    /** The images of a sample grid, {@code n} of them read back as values in [0, 1]. */
    private static float[] gridImages(Path png, int n, int perRow) throws IOException {
        BufferedImage img = ImageIO.read(png.toFile());
        int cell = SIDE + PADDING;
        float[] out = new float[n * SIDE * SIDE];
        for (int k = 0; k < n; k++) {
            int left = (k % perRow) * cell + PADDING;
            int top = (k / perRow) * cell + PADDING;
            for (int y = 0; y < SIDE; y++) {
                for (int x = 0; x < SIDE; x++) {
                    out[(k * SIDE + y) * SIDE + x] = (img.getRaster().getSample(left + x, top + y, 0)) / 255f;
                }
            }
        }
        return out;
    }

    @Test
    void samplesOfEachRequestedDigitAreThatDigit() throws IOException {
        assertTrue(trainOutput.contains("conditioned on 10 label classes"), trainOutput);
        DataSplit mnist = Datasets.mnist();
        DigitClassifier judge = DigitClassifier.train(Backends.select(null, Backends.maxThreads()), mnist.train(), 10,
                2, 7);
        Dataset test = mnist.test();
        int[] predicted = judge.classify(test.features(), test.size());
        int right = 0;
        for (int i = 0; i < test.size(); i++) {
            right += predicted[i] == test.label(i) ? 1 : 0;
        }
        double judgeAccuracy = right / (double) test.size();
        assertTrue(judgeAccuracy > 0.96, "the judge itself: test accuracy " + judgeAccuracy);
        int correct = 0;
        StringBuilder perDigit = new StringBuilder();
        for (int digit = 0; digit < 10; digit++) {
            Path png = tmp.resolve("digit" + digit + ".png");
            CliRun r = CliRun.of("sample", model.toString(), "--label", Integer.toString(digit), "-n",
                    Integer.toString(PER_DIGIT), "-o", png.toString());
            assertEquals(0, r.exitCode(), r.out() + r.err());
            int ok = 0;
            for (int p : judge.classify(gridImages(png, PER_DIGIT, 8), PER_DIGIT)) {
                ok += p == digit ? 1 : 0;
            }
            correct += ok;
            perDigit.append(' ').append(digit).append(':').append(ok);
        }
        double accuracy = correct / (10.0 * PER_DIGIT);
        String summary = String.format(Locale.ROOT, "judge's test accuracy %.4f; samples classified as asked %.4f;"
                + " per digit (of %d)%s", judgeAccuracy, accuracy, PER_DIGIT, perDigit);
        System.out.println(summary);
        assertTrue(accuracy >= 0.95, summary);
    }

    @Test
    void withoutALabelSampleDrawsTheClassByZGrid() throws IOException {
        Path png = tmp.resolve("grid.png");
        CliRun r = CliRun.of("sample", model.toString(), "--per-row", "5", "-o", png.toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("class-by-z grid, 10 classes by 5 latents"), r.out());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(5 * (SIDE + PADDING) + PADDING, img.getWidth());
        assertEquals(10 * (SIDE + PADDING) + PADDING, img.getHeight());
    }

    @Test
    void evaluationScoresLogPOfXGivenItsLabel() {
        CliRun r = CliRun.of("evaluate", model.toString(), "--limit", "200", "-k", "20");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("conditioned on 10 label classes"), r.out());
    }

    @Test
    void wrongLabelsAndUnlabelledDataAreOneLineErrors() throws IOException {
        Path out = tmp.resolve("never.png");
        assertOneLineError(CliRun.of("sample", model.toString(), "--label", "10", "-o", out.toString()),
                "--label 10 is not one of the model's 10 classes");
        assertOneLineError(CliRun.of("sample", model.toString(), "--per-row", "500", "-o", out.toString()),
                "would be 5000 images; keep it to 4096");
        Path plain = tmp.resolve("plain");
        CliRun p = CliRun.of("train", "--epochs", "1", "--train-limit", "256", "--test-limit", "64", "-P", "hidden=16",
                "--out", plain.toString());
        assertEquals(0, p.exitCode(), p.out() + p.err());
        assertOneLineError(CliRun.of("sample", plain.resolve("model.safetensors").toString(), "--label", "3", "-o",
                out.toString()), "--label needs a conditional model");
        assertOneLineError(CliRun.of("train", "--resume", plain.resolve("model.safetensors").toString(), "--epochs",
                "2", "--conditional"), "--conditional", "contradicts the checkpoint");
        CliRun ae = CliRun.of("train", "--conditional", "--variant", "ae", "--epochs", "1", "--train-limit", "256",
                "--test-limit", "64", "-P", "hidden=16", "--out", tmp.resolve("ae").toString());
        assertEquals(0, ae.exitCode(), "a conditional autoencoder has no samples to draw: " + ae.out() + ae.err());
        assertOneLineError(CliRun.of("train", "--classifier-hidden", "50", "--epochs", "1"),
                "--classifier-hidden applies to semi-supervised training");
        assertOneLineError(CliRun.of("train", "--conditional", "--prior", "vamp", "--epochs", "1", "--out",
                tmp.resolve("vamp").toString()), "prior 'vamp'");
        Path csv = tmp.resolve("rows.csv");
        StringBuilder rows = new StringBuilder("a,b\n");
        for (int i = 0; i < 40; i++) {
            rows.append(i).append(',').append(i % 3).append('\n');
        }
        Files.writeString(csv, rows);
        assertOneLineError(CliRun.of("train", "--conditional", "--dataset", csv.toString(), "--epochs", "1", "--out",
                tmp.resolve("table").toString()), "conditional model of table rows");
        assertTrue(Files.notExists(out));
    }
}
