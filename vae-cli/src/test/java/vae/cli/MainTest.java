package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.cli.CliRun.assertOneLineError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line end to end, on small data. */
class MainTest {
    @TempDir
    Path tmp;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    /** Writes the four IDX files of a data set of n random w×w images to a directory. */
    static void writeIdxDataset(Path dir, int nTrain, int nTest, int w) throws IOException {
        Files.createDirectories(dir);
        writeImages(dir.resolve("train-images-idx3-ubyte"), nTrain, w, 1);
        writeLabels(dir.resolve("train-labels-idx1-ubyte"), nTrain);
        writeImages(dir.resolve("t10k-images-idx3-ubyte"), nTest, w, 2);
        writeLabels(dir.resolve("t10k-labels-idx1-ubyte"), nTest);
    }

    private static void writeImages(Path file, int n, int w, int salt) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000803);
        out.writeInt(n);
        out.writeInt(w);
        out.writeInt(w);
        for (int i = 0; i < n * w * w; i++) {
            out.writeByte((i * 31 + salt * 17) % 256);
        }
        Files.write(file, bytes.toByteArray());
    }

    private static void writeLabels(Path file, int n) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(0x00000801);
        out.writeInt(n);
        for (int i = 0; i < n; i++) {
            out.writeByte(i % 10);
        }
        Files.write(file, bytes.toByteArray());
    }

    @Test
    void trainOnMnistSliceWritesLossesPicturesAndMetrics() throws IOException {
        Path out = tmp.resolve("run");
        Path metrics = tmp.resolve("m.jsonl");
        CliRun r = run("train", "--variant", "vae", "--epochs", "2", "--train-limit", "256", "--test-limit", "64",
                "--batch-size", "64", "-P", "hidden=64", "--out", out.toString(), "--metrics", metrics.toString(),
                "--threads", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("epoch 1/2  train "), r.out());
        assertTrue(r.out().contains("epoch 2/2  train "), r.out());
        assertTrue(r.out().contains("(recon "), r.out());
        for (String f : List.of("reconstruction_1.png", "sample_1.png", "reconstruction_2.png", "sample_2.png")) {
            byte[] png = Files.readAllBytes(out.resolve(f));
            assertEquals((byte) 0x89, png[0], f);
            assertEquals('P', png[1], f);
        }
        List<String> lines = Files.readAllLines(metrics);
        assertEquals(2, lines.size());
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        for (String key : List.of("epoch", "train_loss", "test_loss", "kl", "seconds", "images_per_second")) {
            assertTrue(first.has(key), key);
        }
        assertEquals(1, first.get("epoch").asInt());
        String runId = vae.core.checkpoint.Checkpoint.read(out.resolve("model.safetensors")).metadata().runId();
        assertEquals(runId, first.get("run_id").asText(), "the metrics name the run the checkpoints record");
        assertEquals(runId, new ObjectMapper().readTree(lines.get(1)).get("run_id").asText());
        double recon = first.get("test_terms").get("recon").asDouble();
        assertEquals(recon + first.get("kl").asDouble(), first.get("test_loss").asDouble(), 1e-3);
        assertTrue(first.get("test_loss").asDouble() > 50 && first.get("test_loss").asDouble() < 600);
    }

    @Test
    void trainReadsAnIdxDirectoryWithDynamicBinarization() throws IOException {
        Path data = tmp.resolve("data");
        writeIdxDataset(data, 40, 10, 6);
        CliRun r = run("train", "--dataset", data.toString(), "--epochs", "1", "--batch-size", "16", "-P", "hidden=8",
                "-P", "latent=2", "--binarize", "dynamic", "--out", tmp.resolve("o").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("40 train, 10 test, 1x6x6"), r.out());
    }

    @Test
    void variantsListsTheBuiltInVaeWithItsHyperparameters() {
        CliRun r = run("variants");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().startsWith("vae  (module vae.models)") || r.out().contains("\nvae  ("), r.out());
        assertTrue(r.out().contains("-P beta "), r.out());
        CliRun archs = run("archs");
        assertTrue(archs.out().contains("-P hidden"), archs.out());
        assertTrue(archs.out().contains("integer in [1, 4096]"), archs.out());
    }

    @Test
    void theCommandLineHoldsTheNamedCommandAloneAndEveryCommandOtherwise() {
        assertEquals(List.of("sample"), List.copyOf(Main.commandLine(new String[] {"sample", "m"}).getSubcommands().keySet()));
        List<String> all = List.copyOf(Main.commandLine(new String[] {"--help"}).getSubcommands().keySet());
        assertEquals(18, all.size(), all.toString());
        assertEquals("train", all.getFirst());
        assertEquals(all, List.copyOf(Main.commandLine(new String[0]).getSubcommands().keySet()));
        assertEquals(all, List.copyOf(Main.commandLine(new String[] {"completion", "bash"}).getSubcommands().keySet()));
        assertEquals(all, List.copyOf(Main.commandLine(new String[] {"sampel"}).getSubcommands().keySet()));
        assertOneLineError(run("sampel"), "Unmatched argument", "sampel");
    }

    @Test
    void backendsListsTheScalarBackend() {
        CliRun r = run("backends", "--threads", "1");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("scalar"), r.out());
        assertTrue(r.out().contains("1 thread"), r.out());
    }


    @Test
    void unknownVariantNamesTheKnownOnes() {
        assertOneLineError(run("train", "--variant", "nope"), "unknown variant 'nope'", "vae");
    }

    @Test
    void unknownHyperparameterListsTheKnownOnes() {
        assertOneLineError(run("train", "-P", "width=3"), "'width'", "hidden, latent");
    }

    @Test
    void outOfRangeHyperparameterSaysTheRange() {
        assertOneLineError(run("train", "-P", "latent=0"), "latent=0", "[1, 4096]");
    }

    @Test
    void aModelTooLargeForTheHeapIsRefusedBeforeAllocation() {
        // 908 million parameters: 13.5 GiB with gradients and Adam's moments, more than the tests' heap.
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < (13L << 30));
        assertOneLineError(run("train", "-P", "hidden=65536", "-P", "latent=4096", "--train-limit", "64",
                "--test-limit", "32", "--epochs", "1", "--out", tmp.resolve("huge").toString()),
                "a model of 908,206,864 parameters needs", "MiB for its weights, gradients and Adam's moments", "-Xmx");
        assertFalse(Files.exists(tmp.resolve("huge").resolve("model.safetensors")));
    }

    @Test
    void aBatchWhoseStepCannotFitIsRefusedBeforeTheFirstEpoch() {
        // k = 1024 samples of 1024 examples: about 20 GiB of values and gradients per step.
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.getRuntime().maxMemory() < (16L << 30));
        Path out = tmp.resolve("iwae");
        assertOneLineError(run("train", "--variant", "iwae", "-P", "k=1024", "--batch-size", "1024",
                "--train-limit", "1100", "--test-limit", "8", "--epochs", "1", "--out", out.toString()),
                "a training step on batches of 1,024 needs about", "MiB per example", "use batches of at most",
                "-Xmx");
        assertFalse(Files.exists(out.resolve("model.safetensors")));
    }

    @Test
    void completionScriptsCoverEveryCommand() {
        CliRun bash = run("completion", "bash");
        assertEquals(0, bash.exitCode(), bash.err());
        assertTrue(bash.out().contains("_complete_vae"), bash.out());
        for (String command : List.of("train", "impute", "score", "--label-column", "--image-size")) {
            assertTrue(bash.out().contains(command), command);
        }
        CliRun zsh = run("completion", "zsh");
        assertTrue(zsh.out().startsWith("autoload -U +X compinit && compinit"), zsh.out());
        assertOneLineError(run("completion", "fish"), "made for bash and zsh, not 'fish'");
    }

    @Test
    void earlyStopEndsTheRunWhenTheTestLossStopsImproving() {
        Path out = tmp.resolve("early");
        CliRun r = run("train", "--train-limit", "64", "--test-limit", "32", "--batch-size", "32", "-P", "hidden=8",
                "-P", "latent=2", "--epochs", "8", "--lr", "0.2", "--early-stop", "1", "--backend", "scalar",
                "--threads", "1", "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("early stopping: the test loss has not improved for 1 epoch"), r.out());
        assertFalse(r.out().contains("epoch 8/8"), "stopped before the last epoch: " + r.out());
        int last = vae.core.checkpoint.Checkpoint.read(out.resolve("model.safetensors")).metadata().epoch();
        assertTrue(r.out().contains("epoch " + last + "/8") && !r.out().contains("epoch " + (last + 1) + "/8"),
                "the checkpoint is the last epoch trained: " + r.out());
        assertOneLineError(run("train", "--early-stop", "0"), "--early-stop must be at least 1");
    }

    @Test
    void picturesEveryNEpochsKeepsTheLastAndTheEarlyStoppedOnes() throws IOException {
        Path out = tmp.resolve("pictures");
        CliRun r = run("train", "--train-limit", "64", "--test-limit", "32", "--batch-size", "32", "-P", "hidden=8",
                "-P", "latent=2", "--epochs", "5", "--pictures-every", "2", "--backend", "scalar", "--threads", "1",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        for (int epoch = 1; epoch <= 5; epoch++) {
            boolean drawn = epoch == 2 || epoch == 4 || epoch == 5;
            assertEquals(drawn, Files.exists(out.resolve("reconstruction_" + epoch + ".png")), "epoch " + epoch);
            assertEquals(drawn, Files.exists(out.resolve("sample_" + epoch + ".png")), "epoch " + epoch);
        }
        // An early stop ends with the stopped epoch's pictures, whatever N.
        Path early = tmp.resolve("pictures-early");
        CliRun stopped = run("train", "--train-limit", "64", "--test-limit", "32", "--batch-size", "32", "-P", "hidden=8",
                "-P", "latent=2", "--epochs", "8", "--lr", "0.2", "--early-stop", "1", "--pictures-every", "100",
                "--backend", "scalar", "--threads", "1", "--out", early.toString());
        assertEquals(0, stopped.exitCode(), stopped.err());
        int last = vae.core.checkpoint.Checkpoint.read(early.resolve("model.safetensors")).metadata().epoch();
        assertTrue(last < 8, stopped.out());
        try (var files = Files.list(early)) {
            assertEquals(List.of("reconstruction_" + last + ".png"),
                    files.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("reconstruction_")).toList());
        }
        assertOneLineError(run("train", "--pictures-every", "0"), "--pictures-every must be at least 1");
    }

    @Test
    void badOptionValuesAreOneLineErrors() {
        assertOneLineError(run("train", "--epochs", "abc"), "--epochs", "abc");
        assertOneLineError(run("train", "--epochs", "0"), "--epochs");
        assertOneLineError(run("train", "--lr", "-1"), "--lr");
        assertOneLineError(run("train", "--binarize", "sometimes"), "--binarize");
        assertOneLineError(run("train", "--likelihood", "poisson"), "poisson");
        assertOneLineError(run("train", "--threads", "0"), "--threads");
        assertOneLineError(run("train", "--threads", "100000"), "--threads must be in 1..", "per core", "100000");
        assertOneLineError(run("train", "--adam-eps", "0"), "--adam-eps must be a positive number");
        assertOneLineError(run("train", "--weight-decay", "-1"), "--weight-decay must be a number >= 0");
        assertOneLineError(run("train", "--adam-initial-v", "-1"), "--adam-initial-v must be a number from 0 to");
        for (String betas : List.of("0.9", "0.9,1", "-0.1,0.999", "a,b", "0.9,0.999,0.9")) {
            assertOneLineError(run("train", "--adam-betas", betas), "--adam-betas takes two decays in [0, 1)", betas);
        }
        assertOneLineError(run("train", "--backend", "gpu"), "unknown backend 'gpu'", "scalar");
        assertOneLineError(run("train", "--no-such-flag"), "--no-such-flag");
    }

    @Test
    void missingDatasetDirectorySaysWhereItLooked() {
        String missing = tmp.resolve("nowhere").toString();
        assertOneLineError(run("train", "--dataset", missing, "--epochs", "1"), "nowhere");
    }

    @Test
    void corruptIdxFileIsNamed() throws IOException {
        Path data = tmp.resolve("corrupt");
        writeIdxDataset(data, 20, 10, 4);
        Path images = data.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, java.util.Arrays.copyOf(bytes, bytes.length - 5));
        assertOneLineError(run("train", "--dataset", data.toString(), "--epochs", "1"), "train-images-idx3-ubyte", "truncated");
    }
}
