package vae.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Training through the CLI gives the same run on every backend and thread count. */
class BackendEquivalenceTest {
    @TempDir
    Path tmp;

    private record Run(List<JsonNode> epochs, byte[] samplePng, String out) {
    }

    private Run train(String backend, int threads, String name) throws IOException {
        Path dir = tmp.resolve(name);
        Path metrics = dir.resolve("metrics.jsonl");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new String[] {"train", "--backend", backend, "--threads", Integer.toString(threads),
                "--epochs", "2", "--train-limit", "1024", "--test-limit", "256", "--seed", "3", "-P", "hidden=128",
                "--out", dir.toString(), "--metrics", metrics.toString()},
                new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> epochs = Files.readAllLines(metrics).stream().map(l -> {
            try {
                return json.readTree(l);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        return new Run(epochs, Files.readAllBytes(dir.resolve("sample_2.png")), out.toString());
    }

    @Test
    void simdRunIsBitIdenticalOnOneAndTwoThreads() throws IOException {
        Run one = train("simd", 1, "simd1");
        Run two = train("simd", 2, "simd2");
        assertTrue(one.out().contains("backend Vector API"), one.out());
        for (int e = 0; e < 2; e++) {
            assertEquals(one.epochs().get(e).get("train_loss").asDouble(), two.epochs().get(e).get("train_loss").asDouble(), 0.0);
            assertEquals(one.epochs().get(e).get("test_loss").asDouble(), two.epochs().get(e).get("test_loss").asDouble(), 0.0);
        }
        // The samples are decoded by the trained weights: equal pictures, equal weights.
        assertArrayEquals(one.samplePng(), two.samplePng());
    }

    @Test
    void simdLossesMatchScalarToFloatRounding() throws IOException {
        Run scalar = train("scalar", 2, "scalar");
        Run simd = train("simd", 2, "simd");
        assertTrue(scalar.out().contains("backend reference Java loops"), scalar.out());
        for (int e = 0; e < 2; e++) {
            double a = scalar.epochs().get(e).get("test_loss").asDouble();
            double b = simd.epochs().get(e).get("test_loss").asDouble();
            assertEquals(a, b, 0.05, "epoch " + (e + 1));
            assertEquals(scalar.epochs().get(e).get("train_loss").asDouble(),
                    simd.epochs().get(e).get("train_loss").asDouble(), 0.05, "epoch " + (e + 1));
        }
    }
}
