package vae.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.cli.CliRun.assertOneLineError;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vae.core.checkpoint.Checkpoint;
import vae.core.checkpoint.NamedTensor;
import vae.core.checkpoint.SafetensorsContent;
import vae.core.checkpoint.SafetensorsReader;
import vae.core.checkpoint.SafetensorsWriter;

/** Checkpoints through the command line: resume, keep-best, divergence, and the inference commands. */
class CheckpointCommandsTest {
    /** A small MNIST run: enough to exercise every path in a second or two. */
    private static final List<String> SMALL = List.of("--variant", "vae", "--train-limit", "512", "--test-limit", "256",
            "--batch-size", "64", "-P", "hidden=64", "-P", "latent=4", "--threads", "1");

    @TempDir
    static Path shared;
    @TempDir
    Path tmp;

    private static Path model;

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static CliRun train(Path outDir, String... more) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(SMALL);
        args.addAll(List.of("--out", outDir.toString()));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    private static void assertOk(CliRun r) {
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }


    /** Width and height from a PNG's IHDR chunk. */
    private static int[] pngSize(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file));
        assertEquals(0x89504E47, b.getInt(0), file + " is a PNG");
        return new int[] {b.getInt(16), b.getInt(20)};
    }

    @BeforeAll
    static void trainOneEpoch() {
        CliRun r = train(shared.resolve("run"), "--epochs", "1");
        assertOk(r);
        model = shared.resolve("run/model.safetensors");
    }

    /*
     * On both backends: the straight run starts while the SIMD kernels are still interpreted and the resumed
     * one runs them compiled, which is exactly what the Vector API's own EXP/LOG1P got wrong (see VectorMath).
     */
    @ParameterizedTest
    @ValueSource(strings = {"scalar", "simd"})
    void resumedRunIsBitIdenticalToAStraightRun(String backend) throws IOException {
        Path straight = tmp.resolve("straight");
        Path split = tmp.resolve("split");
        assertOk(train(straight, "--epochs", "3", "--binarize", "dynamic", "--seed", "11", "--backend", backend));
        assertOk(train(split, "--epochs", "2", "--binarize", "dynamic", "--seed", "11", "--backend", backend));
        CliRun resumed = run("train", "--resume", split.resolve("model.safetensors").toString(), "--epochs", "3",
                "--threads", "2", "--backend", backend);
        assertOk(resumed);
        assertTrue(resumed.out().contains("resumed from") && resumed.out().contains("epoch 3/3"), resumed.out());
        assertFalse(resumed.out().contains("epoch 1/3") || resumed.out().contains("epoch 2/3"), resumed.out());

        for (String f : List.of("model.safetensors", "model.optimizer.safetensors")) {
            SafetensorsContent a = SafetensorsReader.read(straight.resolve(f));
            SafetensorsContent b = SafetensorsReader.read(split.resolve(f));
            assertEquals(a.tensors().keySet(), b.tensors().keySet());
            for (String name : a.tensors().keySet()) {
                float[] x = a.tensors().get(name).data();
                float[] y = b.tensors().get(name).data();
                for (int i = 0; i < x.length; i++) {
                    assertEquals(Float.floatToRawIntBits(x[i]), Float.floatToRawIntBits(y[i]), f + " " + name + "[" + i + "]");
                }
            }
            assertEquals(a.metadata(), b.metadata(), f);
            assertArrayEquals(Files.readAllBytes(straight.resolve(f)), Files.readAllBytes(split.resolve(f)), f);
        }
    }

    @Test
    void resumeRefusesContradictingFlagsAndAnEpochTargetAlreadyReached() {
        assertOneLineError(run("train", "--resume", model.toString(), "--epochs", "2", "--lr", "0.01"),
                "--lr 0.01 contradicts", "lr 0.001");
        assertOneLineError(run("train", "--resume", model.toString(), "--epochs", "2", "-P", "latent=8"),
                "-P latent=8 contradicts", "latent=4");
        assertOneLineError(run("train", "--resume", model.toString(), "--epochs", "2", "-P", "arch.hidden=32"),
                "-P arch.hidden=32 contradicts", "arch.hidden=64");
        assertOneLineError(run("train", "--resume", model.toString(), "--epochs", "2", "--variant", "other"),
                "--variant other contradicts");
        assertOneLineError(run("train", "--resume", model.toString(), "--epochs", "2", "--arch", "conv"),
                "--arch conv contradicts", "arch mlp");
        assertOneLineError(run("train", "--resume", model.toString(), "--epochs", "1"), "--epochs 1", "larger --epochs");
    }

    @Test
    void resumeAcceptsFlagsThatAgreeWithTheCheckpoint() throws IOException {
        Path dir = runDirHoldingTheModel("agree");
        Files.copy(Checkpoint.optimizerFileOf(model), dir.resolve("model.optimizer.safetensors"));
        CliRun r = run("train", "--resume", dir.resolve("model.safetensors").toString(), "--epochs", "2",
                "--lr", "1e-3", "-P", "latent=4", "-P", "arch.hidden=64", "--arch", "mlp", "--seed", "1", "--threads", "1");
        assertOk(r);
        assertEquals(2, Checkpoint.read(dir.resolve("model.safetensors")).metadata().epoch());
        assertTrue(Files.exists(dir.resolve("reconstruction_2.png")), "pictures go to the checkpoint's directory");
    }

    @Test
    void keepBestKeepsTheLowestTestLoss() {
        Path dir = tmp.resolve("best");
        CliRun r = train(dir, "--epochs", "2", "--keep-best");
        assertOk(r);
        var best = Checkpoint.read(dir.resolve("model.best.safetensors")).metadata();
        var last = Checkpoint.read(dir.resolve("model.safetensors")).metadata();
        assertTrue(best.testLoss() <= last.testLoss());
        assertTrue(r.out().contains("(best)"), r.out());
        assertFalse(Files.exists(dir.resolve("model.best.optimizer.safetensors")), "best keeps weights only");
    }

    @Test
    void resumedRunKeepsItsEarlierBestButANewRunReplacesIt() throws IOException {
        Path dir = tmp.resolve("best-resume");
        assertOk(train(dir, "--epochs", "1", "--keep-best"));
        Path best = dir.resolve("model.best.safetensors");
        rewrite(best, "test_loss", "1.0", best); // a best no later epoch can beat
        assertOk(run("train", "--resume", dir.resolve("model.safetensors").toString(), "--epochs", "2", "--keep-best"));
        assertEquals(1.0, Checkpoint.read(best).metadata().testLoss());
        assertOk(train(dir, "--epochs", "1", "--keep-best", "--overwrite"));
        assertTrue(Checkpoint.read(best).metadata().testLoss() > 1.0, "a new run starts its own best");
    }

    @Test
    void divergedRunLeavesTheLastGoodCheckpoint() throws IOException {
        Path dir = runDirHoldingTheModel("diverge");
        byte[] before = Files.readAllBytes(dir.resolve("model.safetensors"));
        CliRun r = train(dir, "--epochs", "1", "--lr", "1e30", "--overwrite");
        assertOneLineError(r, "diverged");
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("model.safetensors")));
    }

    @Test
    void damagedCheckpointIsAOneLineError() throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        Path truncated = tmp.resolve("truncated.safetensors");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        assertOneLineError(run("sample", truncated.toString()), "truncated.safetensors", "truncated");
        assertOneLineError(run("train", "--resume", truncated.toString(), "--epochs", "3"), "truncated");
        assertOneLineError(run("reconstruct", tmp.resolve("missing.safetensors").toString()), "does not exist");
    }

    /** A copy of the shared model file with one metadata entry changed. */
    private Path withMetadata(String key, String value) throws IOException {
        return rewrite(model, key, value, tmp.resolve(key + ".safetensors"));
    }

    private static Path rewrite(Path source, String key, String value, Path target) throws IOException {
        SafetensorsContent c = SafetensorsReader.read(source);
        Map<String, String> meta = new LinkedHashMap<>(c.metadata());
        meta.put(key, value);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafetensorsWriter.write(out, meta, List.copyOf(c.tensors().values()));
        Files.write(target, out.toByteArray());
        return target;
    }

    @Test
    void checkpointThatDoesNotFitItsVariantIsRejected() throws IOException {
        assertOneLineError(run("sample", withMetadata("architecture",
                "{\"name\":\"mlp\",\"hyperparameters\":{\"hidden\":\"32\",\"latent\":\"4\"}}").toString()),
                "fc1.weight", "[64, 784]", "[32, 784]");
        assertOneLineError(run("sample", withMetadata("objective",
                "{\"name\":\"no-such-objective\",\"hyperparameters\":{}}").toString()),
                "objective 'no-such-objective'", "not on the module path");
        assertOneLineError(run("sample", withMetadata("architecture",
                "{\"name\":\"mlp\",\"hyperparameters\":{\"hidden\":\"64\",\"latent\":\"4\",\"width\":\"3\"}}")
                .toString()), "'width'");
        assertOneLineError(run("sample", withMetadata("architecture",
                "{\"name\":\"mlp\",\"hyperparameters\":{\"hidden\":\"64\"}}").toString()), "'latent'", "incomplete");
        // A small file whose metadata claims a huge model is refused before the model is allocated.
        assertOneLineError(run("sample", withMetadata("architecture",
                "{\"name\":\"mlp\",\"hyperparameters\":{\"hidden\":\"65536\",\"latent\":\"4096\"}}").toString()),
                "describes a model of 908,206,864", "parameters but the file holds only", "the file is damaged");
        List<NamedTensor> extra = new ArrayList<>(SafetensorsReader.read(model).tensors().values());
        extra.add(new NamedTensor("fc5.weight", new int[] {1}, new float[1]));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafetensorsWriter.write(out, SafetensorsReader.read(model).metadata(), extra);
        Path f = tmp.resolve("extra.safetensors");
        Files.write(f, out.toByteArray());
        assertOneLineError(run("sample", f.toString()), "fc5.weight");
    }

    @Test
    void sampleWritesAGridOfDecodedPriorSamples() throws IOException {
        Path png = tmp.resolve("s.png");
        assertOk(run("sample", model.toString(), "-n", "12", "--per-row", "4", "-o", png.toString()));
        assertArrayEquals(new int[] {4 * 30 + 2, 3 * 30 + 2}, pngSize(png));
        Path same = tmp.resolve("same.png");
        Path other = tmp.resolve("other.png");
        assertOk(run("sample", model.toString(), "-n", "12", "--per-row", "4", "-o", same.toString()));
        assertOk(run("sample", model.toString(), "-n", "12", "--per-row", "4", "--seed", "99", "-o", other.toString()));
        assertArrayEquals(Files.readAllBytes(png), Files.readAllBytes(same), "same seed, same picture");
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(png), Files.readAllBytes(other)), "seed changes it");
    }

    @Test
    void reconstructInterpolateAndTraverseWriteTheirGrids() throws IOException {
        Path recon = tmp.resolve("r.png");
        assertOk(run("reconstruct", model.toString(), "-n", "5", "--first", "10", "-o", recon.toString()));
        assertArrayEquals(new int[] {5 * 30 + 2, 2 * 30 + 2}, pngSize(recon));

        Path interp = tmp.resolve("i.png");
        assertOk(run("interpolate", model.toString(), "--from", "3", "--to", "17", "--steps", "6", "-o", interp.toString()));
        assertArrayEquals(new int[] {8 * 30 + 2, 30 + 2}, pngSize(interp));

        Path one = tmp.resolve("t1.png");
        assertOk(run("traverse", model.toString(), "--index", "1", "--steps", "5", "-o", one.toString()));
        assertArrayEquals(new int[] {6 * 30 + 2, 30 + 2}, pngSize(one));
        Path all = tmp.resolve("ta.png");
        assertOk(run("traverse", model.toString(), "--steps", "5", "-o", all.toString()));
        assertArrayEquals(new int[] {6 * 30 + 2, 4 * 30 + 2}, pngSize(all), "one row per latent dimension");
    }

    @Test
    void inferenceCommandsRejectBadArguments() {
        assertOneLineError(run("interpolate", model.toString(), "--from", "0", "--to", "10000"), "10000", "0..9999");
        assertOneLineError(run("traverse", model.toString(), "--index", "4"), "--index 4", "0..3");
        assertOneLineError(run("reconstruct", model.toString(), "--first", "9990", "-n", "16"), "runs past");
        assertOneLineError(run("sample", model.toString(), "-n", "0"), "-n");
        assertOneLineError(run("encode", model.toString(), "--split", "validation"), "--split");
    }

    @Test
    void inferenceOnDataOfAnotherShapeIsRejected() throws IOException {
        Path data = tmp.resolve("small-images");
        MainTest.writeIdxDataset(data, 10, 5, 6);
        assertOneLineError(run("reconstruct", model.toString(), "--dataset", data.toString()), "1x6x6", "1x28x28");
    }

    @Test
    void encodeWritesMeansAndLogVariancesWithAHeader() throws IOException {
        Path csv = tmp.resolve("z.csv");
        assertOk(run("encode", model.toString(), "--limit", "7", "-o", csv.toString()));
        List<String> lines = Files.readAllLines(csv);
        assertEquals(8, lines.size());
        assertEquals("index,label,mu_0,mu_1,mu_2,mu_3,logvar_0,logvar_1,logvar_2,logvar_3", lines.get(0));
        String[] first = lines.get(1).split(",");
        assertEquals(10, first.length);
        assertEquals("0", first[0]);
        assertEquals("7", first[1], "the first MNIST test digit is a 7");
        for (int i = 2; i < 10; i++) {
            assertTrue(Float.isFinite(Float.parseFloat(first[i])), first[i]);
        }
    }

    @Test
    void scoreWritesOneLinePerExampleWithTheBoundBelowTheElbo() throws IOException {
        Path csv = tmp.resolve("scores.csv");
        CliRun r = run("score", model.toString(), "--limit", "12", "-k", "20", "--batch-size", "5", "-o", csv.toString());
        assertOk(r);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(13, lines.size());
        assertEquals("index,label,neg_log_px,neg_elbo,recon,kl,recon_at_mean,squared_error", lines.get(0));
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(String.valueOf(i - 1), f[0]);
            double negLogPx = Double.parseDouble(f[2]);
            double negElbo = Double.parseDouble(f[3]);
            assertEquals(negElbo, Double.parseDouble(f[4]) + Double.parseDouble(f[5]), 1e-5);
            // log p(x) ≥ IWAE bound ≥ ELBO on average; per example the k = 20 bound is tighter almost surely.
            assertTrue(negLogPx < negElbo, lines.get(i));
            assertTrue(negLogPx > 0 && Double.parseDouble(f[7]) > 0, lines.get(i));
        }
        // Batches do not change scores: the same examples scored in one batch give the same lines.
        Path whole = tmp.resolve("whole.csv");
        assertOk(run("score", model.toString(), "--limit", "12", "-k", "20", "--batch-size", "12", "-o", whole.toString()));
        assertEquals(lines, Files.readAllLines(whole));
        // The largest batch size is one batch, not an overflow to none.
        Path huge = tmp.resolve("huge.csv");
        assertOk(run("score", model.toString(), "--limit", "12", "-k", "20", "--batch-size", "2147483647", "-o",
                huge.toString()));
        assertEquals(lines, Files.readAllLines(huge));
    }

    @Test
    void theLargestBatchSizeTrainsOneStepPerEpoch() {
        Path dir = tmp.resolve("one-batch");
        CliRun r = run("train", "--train-limit", "512", "--test-limit", "256", "--batch-size", "2147483647",
                "-P", "hidden=64", "-P", "latent=4", "--threads", "1", "--epochs", "1", "--out", dir.toString());
        assertOk(r);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("epoch 1/1  train \\S+  test (\\S+) ").matcher(r.out());
        assertTrue(m.find() && Double.isFinite(Double.parseDouble(m.group(1))), r.out());
        assertEquals(1, Checkpoint.read(dir.resolve("model.safetensors")).metadata().globalStep());
    }

    @Test
    void evaluatePrintsTheBoundsActiveUnitsAndJson() throws IOException {
        CliRun table = run("evaluate", model.toString(), "--limit", "30", "-k", "50");
        assertOk(table);
        assertTrue(table.out().contains("-ELBO") && table.out().contains("-log p(x) ~")
                && table.out().contains("active units"), table.out());
        CliRun json = run("evaluate", model.toString(), "--limit", "30", "-k", "50", "--json");
        assertOk(json);
        var node = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertEquals(30, node.get("examples").asInt());
        assertEquals(4, node.get("latent_dimensions").size());
        assertTrue(node.get("neg_log_px").asDouble() < node.get("neg_elbo").asDouble(), json.out());
        int active = 0;
        double klSum = 0;
        for (var d : node.get("latent_dimensions")) {
            active += d.get("active").asBoolean() ? 1 : 0;
            klSum += d.get("kl").asDouble();
        }
        assertEquals(node.get("active_units").asInt(), active);
        assertEquals(node.get("kl").asDouble(), klSum, 1e-6);
    }

    @Test
    void scoringRejectsBadArguments() {
        assertOneLineError(run("evaluate", model.toString(), "-k", "0"), "--iw-samples");
        assertOneLineError(run("score", model.toString(), "--split", "dev"), "--split");
        assertOneLineError(run("evaluate", model.toString(), "--batch-size", "0"), "--batch-size");
    }

    @Test
    void aNewRunDoesNotReplaceAnotherRunsCheckpoint() throws IOException {
        Path dir = runDirHoldingTheModel("taken");
        byte[] before = Files.readAllBytes(dir.resolve("model.safetensors"));
        assertOneLineError(train(dir, "--epochs", "1"), "already holds a checkpoint", "--resume", "--overwrite");
        assertArrayEquals(before, Files.readAllBytes(dir.resolve("model.safetensors")));
    }

    @Test
    void anUnwritableOutputIsRefusedBeforeTraining() throws IOException {
        Path file = tmp.resolve("a-file");
        Files.writeString(file, "x");
        CliRun r = train(file.resolve("run"), "--epochs", "1");
        assertOneLineError(r, "--out");
        assertFalse(r.out().contains("epoch 1/1"), "refused before training: " + r.out());
    }

    @Test
    void aRefusedRunLeavesNoEmptyOutputDirectory() {
        Path out = tmp.resolve("never").resolve("made");
        assertOneLineError(train(out, "-P", "no_such_knob=1"), "no_such_knob");
        assertOneLineError(train(out, "--dataset", tmp.resolve("missing.csv").toString()), "missing.csv");
        assertFalse(Files.exists(tmp.resolve("never")), "an empty directory was left behind");
    }

    @Test
    void inferenceOutputNeverOverwritesACheckpoint() throws IOException {
        byte[] before = Files.readAllBytes(model);
        assertOneLineError(run("sample", model.toString(), "-o", model.toString()), "would overwrite a checkpoint");
        assertOneLineError(run("score", model.toString(), "-o", tmp.resolve("x.safetensors").toString()), "checkpoint");
        Path link = Files.createSymbolicLink(tmp.resolve("innocent.csv"), model);
        assertOneLineError(run("encode", model.toString(), "-o", link.toString()), "is also an input of this run");
        Path optimizer = Checkpoint.optimizerFileOf(model);
        byte[] optimizerBefore = Files.readAllBytes(optimizer);
        Path optimizerLink = Files.createSymbolicLink(tmp.resolve("opt.png"), optimizer);
        assertOneLineError(run("sample", model.toString(), "-o", optimizerLink.toString()), "is also an input");
        assertArrayEquals(before, Files.readAllBytes(model));
        assertArrayEquals(optimizerBefore, Files.readAllBytes(optimizer));
    }

    /** {@code vae args} in a child JVM: its standard output as bytes, its standard error as text. */
    private record Child(int exitCode, byte[] out, String err) {
    }

    private Child child(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", System.getProperty("jdk.module.path"), "-m", "vae.cli/vae.cli.Main"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(tmp, "stdout", ".bin");
        Path err = Files.createTempFile(tmp, "stderr", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(2, java.util.concurrent.TimeUnit.MINUTES), "did not finish");
        return new Child(p.exitValue(), Files.readAllBytes(out), Files.readString(err));
    }

    @Test
    void aDashWritesTheOutputAloneToStandardOutput() throws Exception {
        Path csv = tmp.resolve("latents.csv");
        // The same backend on both sides: the child JVM runs without the Vector API module.
        assertOk(run("encode", model.toString(), "--limit", "5", "--threads", "1", "--backend", "scalar", "-o",
                csv.toString()));
        Child encode = child("encode", model.toString(), "--limit", "5", "--threads", "1", "--backend", "scalar",
                "-o", "-");
        assertEquals(0, encode.exitCode(), encode.err());
        assertArrayEquals(Files.readAllBytes(csv), encode.out(), "standard output is the CSV alone");
        assertTrue(encode.err().contains("wrote -: 5 test examples"), encode.err());
        assertFalse(Files.exists(tmp.resolve("-")), "no file named -");

        Path png = tmp.resolve("s.png");
        assertOk(run("sample", model.toString(), "-n", "4", "--threads", "1", "--backend", "scalar", "-o",
                png.toString()));
        Child sample = child("sample", model.toString(), "-n", "4", "--threads", "1", "--backend", "scalar", "-o", "-");
        assertEquals(0, sample.exitCode(), sample.err());
        assertArrayEquals(Files.readAllBytes(png), sample.out(), "standard output is the PNG alone");
    }

    @Test
    void anOutputThatCannotBeCreatedIsNamedAsTheUserGaveIt() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")), "needs Linux /proc");
        CliRun r = run("sample", model.toString(), "-n", "4", "-o", "/proc/self/x.png");
        assertOneLineError(r, "cannot write /proc/self/x.png");
        assertFalse(r.err().contains(".tmp"), "no temporary file named: " + r.err());
    }

    @Test
    void theMetricsFileIsNeverACheckpointOrAnInput() throws IOException {
        Path dir = runDirHoldingTheModel("metrics-guard");
        Path checkpoint = dir.resolve("model.safetensors");
        byte[] before = Files.readAllBytes(checkpoint);
        CliRun r = train(tmp.resolve("other"), "--epochs", "1", "--metrics", checkpoint.toString());
        assertOneLineError(r, "--metrics", "would overwrite a checkpoint", ".jsonl");
        Path link = Files.createSymbolicLink(tmp.resolve("metrics.jsonl"), checkpoint);
        assertOneLineError(train(dir, "--resume", checkpoint.toString(), "--epochs", "2", "--metrics",
                link.toString()), "--metrics", "is also an input of this run");
        Path config = tmp.resolve("c.json");
        Files.writeString(config, "{}");
        assertOneLineError(train(tmp.resolve("third"), "--epochs", "1", "--config", config.toString(), "--metrics",
                config.toString()), "--metrics", "is also an input");
        assertArrayEquals(before, Files.readAllBytes(checkpoint));
        assertEquals("{}", Files.readString(config));
    }

    @Test
    void aCheckpointHoldingNanIsDamaged() throws IOException {
        byte[] bytes = Files.readAllBytes(model);
        java.util.Arrays.fill(bytes, bytes.length - 400, bytes.length, (byte) 0xFF); // 0xFFFFFFFF is a NaN
        Path damaged = tmp.resolve("nan").resolve("model.safetensors");
        Files.createDirectories(damaged.getParent());
        Files.write(damaged, bytes);
        assertOneLineError(run("reconstruct", damaged.toString(), "-o", tmp.resolve("r.png").toString()), "damaged");
    }

    @Test
    void outOfRangeArgumentsAreOneLineErrors() {
        assertOneLineError(run("reconstruct", model.toString(), "--first", "2147483647", "-n", "16"), "--first");
        assertOneLineError(run("evaluate", model.toString(), "-k", "100000000"), "--iw-samples");
        assertOneLineError(run("traverse", model.toString(), "--range", "1e308"), "--range");
    }

    /** A fresh output directory holding a copy of the trained model as its checkpoint. */
    private Path runDirHoldingTheModel(String name) throws IOException {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir);
        Files.copy(model, dir.resolve("model.safetensors"));
        return dir;
    }
}
