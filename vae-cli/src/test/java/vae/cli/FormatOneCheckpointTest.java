package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.cli.CliRun.assertOneLineError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vae.core.checkpoint.Checkpoint;

/**
 * Checkpoints of format version 1, written by vae4j before models were composable (commit
 * c6f0f48, one epoch on 256 MNIST images, scalar backend, 1 thread): every inference command
 * still runs on them, with the numbers the code that wrote them printed, and a run resumed from
 * one continues exactly as that code continued it.
 */
class FormatOneCheckpointTest {
    private static final Path FIXTURES = Path.of("src", "test", "resources", "format1").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path copy(String variant) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(variant));
        for (String f : List.of("model.safetensors", "model.optimizer.safetensors")) {
            Files.copy(FIXTURES.resolve(variant).resolve(f), dir.resolve(f));
        }
        return dir.resolve("model.safetensors");
    }

    private static CliRun ok(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(0, r.exitCode(), String.join(" ", args) + ":\n" + r.out() + r.err());
        return r;
    }

    private static final String[] SCALAR = {"--threads", "1", "--backend", "scalar"};

    /** The command line {@code args} on the scalar backend with one thread, so the numbers are the fixture's. */
    private static String[] with(String[] scalar, String... args) {
        String[] all = new String[args.length + scalar.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(scalar, 0, all, args.length, scalar.length);
        return all;
    }

    @ParameterizedTest
    @ValueSource(strings = {"vae", "conv-vae", "ae"})
    void everyInferenceCommandRunsOnAFormatOneCheckpoint(String variant) throws IOException {
        Path model = copy(variant);
        String m = model.toString();
        CliRun recon = ok(with(SCALAR, "reconstruct", m, "-n", "4", "-o", tmp.resolve("r.png").toString()));
        assertTrue(recon.out().contains("variant " + variant), recon.out());
        ok(with(SCALAR, "interpolate", m, "--from", "0", "--to", "1", "--steps", "3", "-o", tmp.resolve("i.png").toString()));
        ok(with(SCALAR, "traverse", m, "--steps", "3", "-o", tmp.resolve("t.png").toString()));
        ok(with(SCALAR, "encode", m, "--limit", "2", "-o", tmp.resolve("e.csv").toString()));
        ok(with(SCALAR, "score", m, "--limit", "2", "-k", "2", "-o", tmp.resolve("s.csv").toString()));
        ok(with(SCALAR, "evaluate", m, "--limit", "4", "-k", "2"));
        for (String png : List.of("r.png", "i.png", "t.png")) {
            assertTrue(Files.size(tmp.resolve(png)) > 0, png);
        }
        if (variant.equals("ae")) {
            assertOneLineError(CliRun.of(with(SCALAR, "sample", m, "-o", tmp.resolve("x.png").toString())),
                    "variant 'ae' cannot sample");
        } else {
            ok(with(SCALAR, "sample", m, "-n", "4", "-o", tmp.resolve("x.png").toString()));
        }
    }

    @Test
    void evaluationGivesTheNumbersOfTheCodeThatWroteTheCheckpoint() throws IOException {
        double[][] expected = { // neg_elbo, neg_log_px, recon_at_mean, squared_error as printed by c6f0f48
            {548.9203374248464, 546.2649299262963, 543.715145111084, 181.62610784879828},
            {595.673832817818, 594.8923570894129, 597.3505744934082, 208.38078920009818}};
        String[] variants = {"vae", "conv-vae"};
        for (int i = 0; i < variants.length; i++) {
            JsonNode j = JSON.readTree(ok(with(SCALAR, "evaluate", copy(variants[i]).toString(), "--limit", "16", "-k",
                    "4", "--json")).out());
            assertEquals(expected[i][0], j.get("neg_elbo").doubleValue(), 1e-9, variants[i]);
            assertEquals(expected[i][1], j.get("neg_log_px").doubleValue(), 1e-9, variants[i]);
            assertEquals(expected[i][2], j.get("recon_at_mean").doubleValue(), 1e-9, variants[i]);
            assertEquals(expected[i][3], j.get("squared_error").doubleValue(), 1e-9, variants[i]);
        }
        JsonNode ae = JSON.readTree(ok(with(SCALAR, "evaluate", copy("ae").toString(), "--limit", "16", "-k", "4",
                "--json")).out());
        assertEquals(543.3719139099121, ae.get("recon_at_mean").doubleValue(), 1e-9);
        assertTrue(ae.get("neg_elbo") == null, "an autoencoder has no ELBO");
    }

    @Test
    void scoresAndLatentsAreThoseOfTheCodeThatWroteTheCheckpoint() throws IOException {
        Path scores = tmp.resolve("s.csv");
        ok(with(SCALAR, "score", copy("vae").toString(), "--limit", "3", "-k", "4", "-o", scores.toString()));
        assertEquals(List.of("index,label,neg_log_px,neg_elbo,recon,kl,recon_at_mean,squared_error",
                "0,7,546.171724,547.981525,547.905472,0.076053,542.962830,182.558428",
                "1,2,546.211720,547.421817,547.308228,0.113589,545.104187,180.855289",
                "2,1,544.220178,545.478392,545.421082,0.057311,542.548523,187.549564"), Files.readAllLines(scores));
        Path latents = tmp.resolve("e.csv");
        ok(with(SCALAR, "encode", copy("conv-vae").toString(), "--limit", "2", "-o", latents.toString()));
        assertEquals(List.of("index,label,mu_0,mu_1,mu_2,logvar_0,logvar_1,logvar_2",
                "0,7,-0.019739617,-0.11797339,0.022760754,-9.0716314E-4,0.055934228,0.19351119",
                "1,2,-0.059287917,-0.089284934,0.05569835,0.017951626,0.047890387,0.18469325"),
                Files.readAllLines(latents));
    }

    @Test
    void aFormatOneRunResumesAsTheCodeThatWroteItResumedItAndIsSavedInFormatTwo() throws IOException {
        String[] variants = {"vae", "conv-vae"};
        String[] epochLines = { // printed by c6f0f48 resuming the same files
            "epoch 2/2  train 545.88  test 542.25 (recon 542.05, kl 0.21)",
            "epoch 2/2  train 592.95  test 592.81 (recon 592.77, kl 0.0476)"};
        for (int i = 0; i < variants.length; i++) {
            Path model = copy(variants[i]);
            CliRun r = ok(with(SCALAR, "train", "--resume", model.toString(), "--epochs", "2"));
            assertTrue(r.out().contains(epochLines[i]), r.out());
            assertEquals("2", Checkpoint.read(model).metadata().toMap().get("format_version"));
        }
    }
}
