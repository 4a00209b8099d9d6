package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.cli.CliRun.assertOneLineError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built-in variants through the CLI: listing, -P and --config, and what each run says it reports. */
class VariantOptionsTest {
    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private CliRun train(String variant, String... more) {
        String[] base = {"train", "--variant", variant, "--epochs", "1", "--train-limit", "128", "--test-limit", "32",
                "--batch-size", "64", "--threads", "1", "--backend", "scalar", "-P", "hidden=16", "-P", "latent=4",
                "--out", tmp.resolve(variant).toString()};
        String[] all = new String[base.length + more.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return run(all);
    }


    @Test
    void variantsListsEveryBuiltInVariantWithTypedHyperparameters() {
        CliRun r = run("variants");
        assertEquals(0, r.exitCode(), r.err());
        for (String name : new String[] {"ae", "beta-vae", "info-vae", "iwae", "vae"}) {
            assertTrue(r.out().contains("\n" + name + "  (module vae.models)") || r.out().startsWith(name + "  ("),
                    name + " in " + r.out());
        }
        assertTrue(r.out().contains("-P beta       real     default 4.0"), r.out());
        assertTrue(r.out().contains("-P kernel     choice   default rbf"), r.out());
        assertTrue(r.out().contains("one of rbf, imq"), r.out());
        assertTrue(r.out().contains("-P k          integer  default 5"), r.out());
        assertTrue(r.out().contains("integer in [1, 1024]"), r.out());
    }

    @Test
    void betaVaePrintsItsWeightAndObjective() {
        CliRun r = train("beta-vae", "-P", "beta=4");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("test = recon + beta*kl with beta=4 (the -ELBO only at beta=1)"), r.out());
        assertTrue(r.out().contains(", kl ") && r.out().contains(" ×4)"), r.out());
    }

    @Test
    void iwaeReportsTheKSampleBoundNotTheElbo() {
        CliRun r = train("iwae", "-P", "k=3");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("test = -IWAE bound with k=3 importance samples"), r.out());
        assertTrue(r.out().contains("(iwae "), r.out());
    }

    @Test
    void autoencoderSaysOnceThatItCannotSampleAndWritesNoSamples() {
        CliRun r = train("ae");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(1, r.out().split("cannot sample from a prior", -1).length - 1, r.out());
        assertTrue(Files.exists(tmp.resolve("ae/reconstruction_1.png")));
        assertFalse(Files.exists(tmp.resolve("ae/sample_1.png")));
    }

    @Test
    void infoVaeTrainsAndRejectsANegativeMmdWeight() {
        CliRun ok = train("info-vae", "-P", "kernel=imq");
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(ok.out().contains("mmd ") && ok.out().contains("×999"), ok.out());
        assertOneLineError(train("info-vae", "-P", "lambda=0.5"), "MMD weight alpha + lambda - 1 = -0.5",
                "maximise the divergence", "lambda >= 1 - alpha");
    }

    @Test
    void configFileIsMergedWithParamsWhichWin() throws IOException {
        Path config = tmp.resolve("beta.json");
        Files.writeString(config, "{\"beta\": 2.5, \"latent\": 3, \"capacity\": false}");
        CliRun r = train("beta-vae", "--config", config.toString(), "-P", "beta=0.5");
        assertEquals(0, r.exitCode(), r.err());
        // -P latent=4 (in the base options) and beta=0.5 override the file; capacity comes from it.
        assertTrue(r.out().contains("objective beta-vae (beta=0.5, capacity=false")
                && r.out().contains("arch mlp (hidden=16, latent=4)"), r.out());
    }

    @Test
    void configFileErrorsNameTheFileAndTheFix() throws IOException {
        Path unknown = tmp.resolve("unknown.json");
        Files.writeString(unknown, "{\"width\": 3}");
        assertOneLineError(train("beta-vae", "--config", unknown.toString()), "'width'", unknown.toString(),
                "known: hidden, latent", "known: beta, capacity");
        Path range = tmp.resolve("range.json");
        Files.writeString(range, "{\"k\": 0}");
        assertOneLineError(train("iwae", "--config", range.toString()), "k=0 in --config " + range,
                "integer in [1, 1024]");
        Path broken = tmp.resolve("broken.json");
        Files.writeString(broken, "{\"beta\": ");
        assertOneLineError(train("beta-vae", "--config", broken.toString()), broken.toString(), "not valid JSON");
        Path array = tmp.resolve("array.json");
        Files.writeString(array, "[1, 2]");
        assertOneLineError(train("beta-vae", "--config", array.toString()), "expected a JSON object");
        Path nested = tmp.resolve("nested.json");
        Files.writeString(nested, "{\"beta\": {\"value\": 4}}");
        assertOneLineError(train("beta-vae", "--config", nested.toString()), "'beta' must be a number");
        assertOneLineError(train("beta-vae", "--config", tmp.resolve("missing.json").toString()), "no such file");
    }
}
