package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The variants with new loss blocks (MMD, the importance-weighted bound, the capacity gap) give
 * the same run on 1 and 2 threads and agree between the scalar and SIMD backends.
 *
 * <p>The 1- and 2-thread runs are compared to 1e-6 relative, not bit for bit: they run one after
 * the other in this JVM, and the SIMD loss kernels' vector {@code EXP} gives last-bit different
 * values before and after C2 compiles them (intrinsic vs. Java fallback), which the IWAE's
 * Gaussian densities expose (test loss 528.77994629 vs 528.77992432 here). In two fresh JVMs the
 * same runs are bit-identical on 1 and 2 threads.
 */
class VariantBackendTest {
    @TempDir
    Path tmp;

    private JsonNode train(String variant, String backend, int threads, String... params) throws IOException {
        Path dir = tmp.resolve(variant + "-" + backend + threads);
        Path metrics = dir.resolve("metrics.jsonl");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] base = {"train", "--variant", variant, "--backend", backend, "--threads", Integer.toString(threads),
                "--epochs", "1", "--train-limit", "512", "--test-limit", "200", "--seed", "4", "-P", "hidden=64",
                "--out", dir.toString(), "--metrics", metrics.toString()};
        String[] args = new String[base.length + params.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(params, 0, args, base.length, params.length);
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(0, code, err.toString());
        return new ObjectMapper().readTree(Files.readAllLines(metrics).get(0));
    }

    private void check(String variant, String... params) throws IOException {
        JsonNode one = train(variant, "simd", 1, params);
        JsonNode two = train(variant, "simd", 2, params);
        JsonNode scalar = train(variant, "scalar", 1, params);
        for (String key : new String[] {"train_loss", "test_loss"}) {
            double a = one.get(key).asDouble();
            assertEquals(a, two.get(key).asDouble(), 1e-6 * Math.abs(a), variant + " " + key);
        }
        double tol = 0.05 + 1e-3 * Math.abs(scalar.get("test_loss").asDouble());
        assertEquals(scalar.get("train_loss").asDouble(), one.get("train_loss").asDouble(), tol, variant);
        assertEquals(scalar.get("test_loss").asDouble(), one.get("test_loss").asDouble(), tol, variant);
        assertTrue(one.get("test_terms").size() >= 1, one.toString());
    }

    @Test
    void infoVaeIsThreadIndependentAndAgreesAcrossBackends() throws IOException {
        check("info-vae", "-P", "kernel=imq");
    }

    @Test
    void iwaeIsThreadIndependentAndAgreesAcrossBackends() throws IOException {
        check("iwae", "-P", "k=4");
    }

    @Test
    void capacityBetaVaeIsThreadIndependentAndAgreesAcrossBackends() throws IOException {
        check("beta-vae", "-P", "capacity=true", "-P", "c_steps=2", "-P", "gamma=10");
    }
}
