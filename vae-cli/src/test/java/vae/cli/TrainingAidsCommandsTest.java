package vae.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.cli.CliRun.assertOneLineError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.core.checkpoint.Checkpoint;
import vae.core.checkpoint.CheckpointMetadata;
import vae.core.optim.LearningRateSchedule;
import vae.core.train.KlSchedule;

/** {@code vae train}'s training aids end to end: resumed exactly, recorded, printed, and refused where wrong. */
class TrainingAidsCommandsTest {
    private static final List<String> SMALL = List.of("--train-limit", "512", "--test-limit", "128",
            "--batch-size", "64", "-P", "hidden=32", "-P", "latent=4", "--threads", "1", "--seed", "5");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private static CliRun train(Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("train"));
        args.addAll(SMALL);
        args.addAll(List.of("--out", out.toString()));
        args.addAll(List.of(more));
        CliRun r = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.out() + r.err());
        return r;
    }

    private static CliRun resume(Path dir, int epochs) {
        CliRun r = CliRun.of("train", "--resume", dir.resolve("model.safetensors").toString(), "--epochs",
                Integer.toString(epochs), "--threads", "2");
        assertEquals(0, r.exitCode(), r.out() + r.err());
        return r;
    }

    private static void assertSameFiles(Path a, Path b, String... names) throws IOException {
        for (String f : names) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
    }

    @Test
    void aResumedRunWithWarmupFreeBitsAValidationSplitAndAStepScheduleIsBitIdenticalToAStraightRun()
            throws IOException {
        String[] aids = {"--warmup", "2", "--free-bits", "0.05", "--validation", "0.125", "--lr-schedule", "step",
            "--lr-step-epochs", "2", "--lr-gamma", "0.5", "--binarize", "dynamic", "--keep-best"};
        Path straight = tmp.resolve("straight");
        Path split = tmp.resolve("split");
        train(straight, concat(aids, "--epochs", "3"));
        train(split, concat(aids, "--epochs", "1"));
        CliRun resumed = CliRun.of("train", "--resume", split.resolve("model.safetensors").toString(), "--epochs", "3",
                "--threads", "2", "--keep-best", "--warmup", "2", "--free-bits", "0.05"); // options that agree
        assertEquals(0, resumed.exitCode(), resumed.out() + resumed.err());
        assertTrue(resumed.out().contains("training aids: KL weight linear warm-up"), resumed.out());
        assertSameFiles(straight, split, "model.safetensors", "model.optimizer.safetensors", "model.best.safetensors");
        CheckpointMetadata m = Checkpoint.read(split.resolve("model.safetensors")).metadata();
        assertEquals(KlSchedule.linear(2), m.run().aids().klSchedule());
        assertEquals(0.05, m.run().aids().freeBits());
        assertEquals(LearningRateSchedule.step(2, 0.5), m.run().aids().lrSchedule());
        assertEquals(64, m.run().aids().validationExamples(), "an eighth of 512, recorded as a count");
    }

    @Test
    void aResumedCyclicalScheduleKeepsTheCycleLengthOfItsFirstRun() throws IOException {
        Path straight = tmp.resolve("straight");
        Path split = tmp.resolve("split");
        train(straight, "--epochs", "4", "--kl-schedule", "cyclical", "--cycles", "2", "--lr-schedule", "iwae");
        train(split, "--epochs", "2", "--kl-schedule", "cyclical", "--cycles", "1", "--lr-schedule", "iwae");
        resume(split, 4);
        assertSameFiles(straight, split, "model.safetensors", "model.optimizer.safetensors");
        assertEquals(KlSchedule.cyclical(2, 0.5),
                Checkpoint.read(split.resolve("model.safetensors")).metadata().run().aids().klSchedule());
    }

    @Test
    void theValidationLossIsPrintedRecordedAndChoosesTheBestCheckpoint() throws IOException {
        Path dir = tmp.resolve("val");
        Path metrics = tmp.resolve("m.jsonl");
        CliRun r = train(dir, "--epochs", "3", "--validation", "100", "--warmup", "1", "--keep-best", "--metrics",
                metrics.toString(), "--patience", "5");
        assertTrue(r.out().contains("validation 100 examples held out of the 512 training examples"), r.out());
        assertTrue(r.out().contains("data mnist: 412 train, 128 test"), r.out());
        assertTrue(r.out().matches("(?s).*epoch 1/3  train [0-9.]+ \\(unannealed [0-9.]+\\)  val [0-9.]+  test .*"),
                r.out());
        List<String> lines = Files.readAllLines(metrics);
        assertEquals(3, lines.size());
        double best = Double.POSITIVE_INFINITY;
        for (String line : lines) {
            JsonNode o = JSON.readTree(line);
            for (String key : List.of("train_loss", "test_loss", "kl", "test_terms", "term_weights", "validation_loss",
                    "validation_terms", "train_loss_unannealed", "lr")) {
                assertTrue(o.has(key), key + " in " + line);
            }
            best = Math.min(best, o.get("validation_loss").asDouble());
        }
        JsonNode first = JSON.readTree(lines.get(0));
        assertTrue(first.get("train_loss").asDouble() < first.get("train_loss_unannealed").asDouble(),
                "during warm-up the objective trained counts less KL: " + lines.get(0));
        CheckpointMetadata kept = Checkpoint.read(dir.resolve("model.best.safetensors")).metadata();
        assertEquals(best, kept.validationLoss(), 0.0);
    }

    @Test
    void aRunWithoutAidsPrintsAndRecordsNothingNew() throws IOException {
        Path metrics = tmp.resolve("m.jsonl");
        CliRun r = train(tmp.resolve("plain"), "--epochs", "1", "--metrics", metrics.toString());
        assertFalse(r.out().contains("training aids") || r.out().contains("unannealed") || r.out().contains(" val "),
                r.out());
        JsonNode o = JSON.readTree(Files.readAllLines(metrics).get(0));
        assertFalse(o.has("validation_loss") || o.has("train_loss_unannealed"), o.toString());
        var m = Checkpoint.read(tmp.resolve("plain/model.safetensors")).metadata().toMap();
        assertFalse(m.containsKey("kl_schedule") || m.containsKey("validation") || m.containsKey("lr_schedule"),
                m.toString());
    }

    @Test
    void adamBetasAndInitialSecondMomentAreRecordedAndAResumedRunKeepsThem() {
        Path dir = tmp.resolve("betas");
        train(dir, "--epochs", "1", "--adam-betas", "0.99,0.995", "--adam-initial-v", "1");
        Path model = dir.resolve("model.safetensors");
        var adam = Checkpoint.read(model).metadata().run().adam();
        assertEquals(0.99, adam.beta1(), 0.0);
        assertEquals(0.995, adam.beta2(), 0.0);
        assertEquals(1.0, adam.initialSecondMoment(), 0.0);
        assertOneLineError(CliRun.of("train", "--resume", model.toString(), "--epochs", "2", "--adam-initial-v", "0"),
                "--adam-initial-v 0.0 contradicts");
        assertOneLineError(CliRun.of("train", "--resume", model.toString(), "--epochs", "2", "--adam-betas", "0.9,0.999"),
                "--adam-betas 0.9,0.999 contradicts the checkpoint being resumed (adam-betas 0.99,0.995)");
        String runId = Checkpoint.read(model).metadata().runId();
        CliRun resumed = CliRun.of("train", "--resume", model.toString(), "--epochs", "2", "--adam-betas", "0.99, 0.995");
        assertEquals(0, resumed.exitCode(), resumed.err());
        var after = Checkpoint.read(model).metadata();
        assertEquals(2, after.epoch());
        assertEquals(adam, after.run().adam(), "the resumed run keeps every Adam setting");
        assertEquals(runId, after.runId());
    }

    @Test
    void aResumedRunRefusesAidsItsCheckpointDoesNotRecord() {
        Path dir = tmp.resolve("r");
        train(dir, "--epochs", "1", "--warmup", "2", "--validation", "50");
        String model = dir.resolve("model.safetensors").toString();
        assertOneLineError(CliRun.of("train", "--resume", model, "--epochs", "2", "--warmup", "3"),
                "--warmup 3 contradicts the checkpoint being resumed (warmup 2)");
        assertOneLineError(CliRun.of("train", "--resume", model, "--epochs", "2", "--validation", "0.1"),
                "--validation 0.1 contradicts", "(validation 50)");
        assertOneLineError(CliRun.of("train", "--resume", model, "--epochs", "2", "--lr-schedule", "iwae"),
                "--lr-schedule iwae contradicts", "(lr-schedule constant)");
    }

    @Test
    void evaluateGivesBitsPerDimensionBesideNats() throws IOException {
        Path dir = tmp.resolve("e");
        train(dir, "--epochs", "1");
        CliRun table = CliRun.of("evaluate", dir.resolve("model.safetensors").toString(), "--limit", "20", "-k", "10");
        assertEquals(0, table.exitCode(), table.err());
        assertTrue(table.out().contains("bits/dim") && table.out().contains("D = 784"), table.out());
        CliRun json = CliRun.of("evaluate", dir.resolve("model.safetensors").toString(), "--limit", "20", "-k", "10",
                "--json");
        JsonNode o = JSON.readTree(json.out());
        assertEquals(784, o.get("dimensions").asInt());
        assertEquals(o.get("neg_log_px").asDouble() / (784 * Math.log(2)), o.get("neg_log_px_bits_per_dim").asDouble(),
                1e-12);
        assertEquals(o.get("neg_elbo").asDouble() / (784 * Math.log(2)), o.get("neg_elbo_bits_per_dim").asDouble(),
                1e-12);
    }

    private static String[] concat(String[] a, String... b) {
        List<String> all = new ArrayList<>(List.of(a));
        all.addAll(List.of(b));
        return all.toArray(String[]::new);
    }
}
