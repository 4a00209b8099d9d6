package vae.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.core.data.ExampleShape;
import vae.core.graph.Parameter;
import vae.core.optim.Adam;
import vae.core.optim.AdamConfig;
import vae.core.spi.ComponentSpec;
import vae.core.spi.ModelSpec;
import vae.core.tensor.Tensor;
import vae.core.optim.LearningRateSchedule;
import vae.core.train.Binarization;
import vae.core.train.KlSchedule;
import vae.core.train.TrainingAids;

/** Writing and restoring weights and optimizer state, and refusing checkpoints that do not fit. */
class CheckpointTest {
    @TempDir
    Path tmp;

    private static final CheckpointMetadata META = new CheckpointMetadata(new ModelSpec("beta-vae",
            new ComponentSpec("beta-vae", Map.of("beta", "4.0")), new ComponentSpec("mlp", Map.of("hidden", "3")),
            new ComponentSpec("standard-normal", Map.of()), new ComponentSpec("bernoulli", Map.of())),
            new ExampleShape(1, 2, 2), new RunSettings(5, "mnist", 100, 0, Binarization.DYNAMIC, 16,
            new AdamConfig(3e-4, 0.9, 0.999, 1e-8, 0.01)), 2, 17, 101.25);

    private static List<Parameter> model(float offset) {
        return List.of(param("fc1.weight", offset, 3, 4), param("fc1.bias", offset, 3));
    }

    private static Parameter param(String name, float offset, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) {
            t.data()[i] = offset + i * 0.1f + name.length();
        }
        return new Parameter(name, t);
    }

    private static Adam adam(List<Parameter> params, float offset, long steps) {
        Adam a = new Adam(params, AdamConfig.defaults());
        for (int i = 0; i < params.size(); i++) {
            for (int j = 0; j < params.get(i).size(); j++) {
                a.firstMoment(i)[j] = offset - j;
                a.secondMoment(i)[j] = offset * j + 1e-20f;
            }
        }
        a.setStepCount(steps);
        return a;
    }

    @Test
    void weightsMomentsAndMetadataSurviveARoundTripExactly() throws IOException {
        Path file = tmp.resolve("run/model.safetensors");
        List<Parameter> saved = model(1);
        Checkpoint.write(file, META, saved, adam(saved, 2, 17));
        assertTrue(Files.exists(tmp.resolve("run/model.optimizer.safetensors")));

        Checkpoint c = Checkpoint.read(file);
        assertEquals(META.toMap(), c.metadata().toMap());
        assertEquals(META, c.metadata());
        List<Parameter> restored = model(-50);
        Adam restoredAdam = adam(restored, -9, 0);
        c.restoreWeights(restored);
        c.restoreOptimizer(restored, restoredAdam);
        Adam original = adam(saved, 2, 17);
        for (int i = 0; i < saved.size(); i++) {
            assertArrayEquals(saved.get(i).value().data(), restored.get(i).value().data());
            assertArrayEquals(original.firstMoment(i), restoredAdam.firstMoment(i));
            assertArrayEquals(original.secondMoment(i), restoredAdam.secondMoment(i));
        }
        assertEquals(17, restoredAdam.stepCount());
    }

    private static final TrainingAids AIDS = new TrainingAids(KlSchedule.cyclical(2.5, 0.5), 0.25,
            LearningRateSchedule.step(10, 0.5), 5000);

    private static CheckpointMetadata withAids(TrainingAids aids) {
        RunSettings r = META.run();
        return new CheckpointMetadata(META.model(), META.dataShape(), new RunSettings(r.seed(), r.dataset(),
                r.trainLimit(), r.testLimit(), r.binarization(), r.batchSize(), r.adam(), r.onlyLabel(), aids),
                META.epoch(), META.globalStep(), META.testLoss(), 98.5, null);
    }

    @Test
    void trainingAidsAndTheValidationLossSurviveARoundTrip() throws IOException {
        for (TrainingAids aids : List.of(AIDS, TrainingAids.NONE.withKlSchedule(KlSchedule.linear(100)),
                TrainingAids.NONE.withLrSchedule(LearningRateSchedule.iwae()))) {
            Path file = tmp.resolve("aids.safetensors");
            Checkpoint.write(file, withAids(aids), model(1), null);
            CheckpointMetadata read = Checkpoint.read(file).metadata();
            assertEquals(aids, read.run().aids());
            assertEquals(98.5, read.validationLoss());
            assertEquals(withAids(aids).runId(), read.runId());
        }
        CheckpointMetadata aided = withAids(AIDS);
        assertEquals(98.5, aided.selectionLoss(), "with a validation set, the validation loss chooses epochs");
        assertEquals(META.testLoss(), META.selectionLoss(), "without one, the test loss");
        assertEquals(aided.runId(), aided.at(9, 99, 1, 2).runId(), "the validation loss is progress, not identity");
    }

    @Test
    void anInitialSecondMomentIsRecordedOnlyWhenSet() throws IOException {
        assertFalse(META.toMap().get("optimizer").contains("initial_second_moment"), META.toMap().get("optimizer"));
        RunSettings r = META.run();
        AdamConfig paper = new AdamConfig(1e-3, 0.99, 0.999, 1e-4, 0, 1);
        CheckpointMetadata withV = new CheckpointMetadata(META.model(), META.dataShape(), new RunSettings(r.seed(),
                r.dataset(), r.trainLimit(), r.testLimit(), r.binarization(), r.batchSize(), paper, null), 2, 17, 101.25);
        Path file = tmp.resolve("v.safetensors");
        Checkpoint.write(file, withV, model(1), null);
        CheckpointMetadata read = Checkpoint.read(file).metadata();
        assertEquals(paper, read.run().adam());
        assertEquals(withV.runId(), read.runId());
        assertFalse(withV.runId().equals(META.runId()), "a different optimiser is a different run");
    }

    @Test
    void aRunWithoutAidsRecordsNoAidKeysSoOldFilesReadAsRunsWithoutThem() throws IOException {
        Map<String, String> m = META.toMap();
        for (String key : List.of("kl_schedule", "free_bits", "lr_schedule", "validation", "validation_loss")) {
            assertFalse(m.containsKey(key), key);
            assertTrue(withAids(AIDS).toMap().containsKey(key), key);
        }
        Path file = tmp.resolve("old.safetensors");
        Files.write(file, bytes(m));
        assertEquals(TrainingAids.NONE, Checkpoint.read(file).metadata().run().aids());
        assertTrue(Double.isNaN(Checkpoint.read(file).metadata().validationLoss()));
    }

    @Test
    void malformedAidEntriesAreRejectedByName() throws IOException {
        Path file = tmp.resolve("model.safetensors");
        Map<String, String[]> spoiled = Map.of(
                "kl_schedule", new String[] {"{\"name\":\"sine\"}", "expected name linear or cyclical"},
                "lr_schedule", new String[] {"{\"name\":\"step\",\"epochs\":0,\"gamma\":0.5}", "at least 1 epoch"},
                "free_bits", new String[] {"-1", "nats >= 0"},
                "validation", new String[] {"2.5", "whole number"});
        for (var e : spoiled.entrySet()) {
            Map<String, String> m = new LinkedHashMap<>(META.toMap());
            m.put(e.getKey(), e.getValue()[0]);
            Files.write(file, bytes(m));
            String message = message(file);
            assertTrue(message.contains("'" + e.getKey() + "'") && message.contains(e.getValue()[1]), message);
        }
    }

    @Test
    void optimizerFileSitsBesideTheWeights() {
        assertEquals(Path.of("runs/b4/model.optimizer.safetensors"),
                Checkpoint.optimizerFileOf(Path.of("runs/b4/model.safetensors")));
    }

    @Test
    void missingExtraOrMisshapenTensorsAreRejected() throws IOException {
        Path file = tmp.resolve("model.safetensors");
        Checkpoint.write(file, META, model(1), null);
        Checkpoint c = Checkpoint.read(file);

        String missing = assertThrows(CheckpointException.class, () -> c.restoreWeights(
                Stream.concat(model(0).stream(), Stream.of(param("fc2.bias", 0, 2))).toList())).getMessage();
        assertTrue(missing.contains("no tensor 'fc2.bias'"), missing);
        String extra = assertThrows(CheckpointException.class,
                () -> c.restoreWeights(List.of(param("fc1.weight", 0, 3, 4)))).getMessage();
        assertTrue(extra.contains("does not have: fc1.bias"), extra);
        String shape = assertThrows(CheckpointException.class,
                () -> c.restoreWeights(List.of(param("fc1.weight", 0, 4, 3), param("fc1.bias", 0, 3)))).getMessage();
        assertTrue(shape.contains("[3, 4]") && shape.contains("[4, 3]"), shape);
    }

    @Test
    void fileWithoutOrWithBadMetadataIsRejected() throws IOException {
        Path file = tmp.resolve("model.safetensors");
        Files.write(file, bytes(Map.of()));
        assertTrue(message(file).contains("no __metadata__"));

        Map<String, String> m = new LinkedHashMap<>(META.toMap());
        m.remove("variant");
        Files.write(file, bytes(m));
        assertTrue(message(file).contains("no 'variant'"));

        m = new LinkedHashMap<>(META.toMap());
        m.put("format_version", "99");
        Files.write(file, bytes(m));
        assertTrue(message(file).contains("format version 99"));

        m = new LinkedHashMap<>(META.toMap());
        m.put("format", "somebody-else");
        Files.write(file, bytes(m));
        assertTrue(message(file).contains("not a vae4j checkpoint"));

        m = new LinkedHashMap<>(META.toMap());
        m.put("data_shape", "[1, 0, 2]");
        Files.write(file, bytes(m));
        assertTrue(message(file).contains("'data_shape'"));

        m = new LinkedHashMap<>(META.toMap());
        m.put("epoch", "three");
        Files.write(file, bytes(m));
        assertTrue(message(file).contains("'epoch'"));
    }

    /**
     * A crash at any step of writing the next checkpoint leaves a pair that restores exactly:
     * the previous epoch's until the weights are renamed, the new one after.
     */
    @Test
    void aWriteInterruptedAtAnyStepLeavesAPairThatResumes() throws IOException {
        for (int steps = Checkpoint.WROTE_OPTIMIZER_TEMP; steps <= Checkpoint.RENAMED_MODEL; steps++) {
            Path dir = Files.createDirectories(tmp.resolve("crash" + steps));
            Path file = dir.resolve("model.safetensors");
            List<Parameter> before = model(1);
            Checkpoint.write(file, META.at(1, 10, 200), before, adam(before, 1, 10)); // an earlier pair to keep
            Checkpoint.write(file, META, before, adam(before, 2, 17));
            List<Parameter> after = model(5);
            Checkpoint.write(file, META.at(3, 25, 99), after, adam(after, 6, 25), steps);

            boolean committed = steps == Checkpoint.RENAMED_MODEL;
            Checkpoint c = Checkpoint.read(file);
            assertEquals(committed ? 3 : META.epoch(), c.metadata().epoch(), "after step " + steps);
            List<Parameter> restored = model(-50);
            Adam restoredAdam = adam(restored, -9, 0);
            c.restoreWeights(restored);
            c.restoreOptimizer(restored, restoredAdam);
            List<Parameter> expected = committed ? after : before;
            Adam expectedAdam = committed ? adam(after, 6, 25) : adam(before, 2, 17);
            for (int i = 0; i < expected.size(); i++) {
                assertArrayEquals(expected.get(i).value().data(), restored.get(i).value().data(), "step " + steps);
                assertArrayEquals(expectedAdam.firstMoment(i), restoredAdam.firstMoment(i), "step " + steps);
                assertArrayEquals(expectedAdam.secondMoment(i), restoredAdam.secondMoment(i), "step " + steps);
            }
            assertEquals(expectedAdam.stepCount(), restoredAdam.stepCount(), "step " + steps);
        }
    }

    @Test
    void optimizerStateOfAnotherRunIsRejectedEvenAtTheSameEpochAndStep() throws IOException {
        Path file = tmp.resolve("model.safetensors");
        List<Parameter> params = model(1);
        CheckpointMetadata otherRun = new CheckpointMetadata(META.model(), META.dataShape(), new RunSettings(6,
                "mnist", 100, 0, Binarization.DYNAMIC, 16, META.run().adam()), META.epoch(), META.globalStep(), 101.25);
        assertTrue(!otherRun.runId().equals(META.runId()) && META.runId().equals(META.at(9, 99, 1).runId()),
                "the id names the run, not how far it got");
        Checkpoint.write(file, otherRun, params, adam(params, 1, 17));
        Path foreign = tmp.resolve("foreign.optimizer.safetensors");
        Files.copy(Checkpoint.optimizerFileOf(file), foreign);
        Checkpoint.write(file, META, params, adam(params, 1, 17));
        Files.copy(foreign, Checkpoint.optimizerFileOf(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Checkpoint c = Checkpoint.read(file);
        String m = assertThrows(CheckpointException.class,
                () -> c.restoreOptimizer(params, new Adam(params, AdamConfig.defaults()))).getMessage();
        assertTrue(m.contains("holds the optimizer state of another run (run id " + otherRun.runId() + ")"), m);
    }

    @Test
    void optimizerStateFromAnotherEpochIsRejected() throws IOException {
        Path file = tmp.resolve("model.safetensors");
        List<Parameter> params = model(1);
        Checkpoint.write(file, META, params, adam(params, 1, 17));
        Path olderOptimizer = tmp.resolve("older.optimizer.safetensors");
        Files.copy(Checkpoint.optimizerFileOf(file), olderOptimizer);
        Checkpoint.write(file, META.at(3, 25, 99), params, adam(params, 1, 25));
        // What a crash between the two renames would leave: new weights beside old moments.
        Files.copy(olderOptimizer, Checkpoint.optimizerFileOf(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Checkpoint c = Checkpoint.read(file);
        String m = assertThrows(CheckpointException.class,
                () -> c.restoreOptimizer(params, new Adam(params, AdamConfig.defaults()))).getMessage();
        assertTrue(m.contains("does not belong to"), m);
    }

    @Test
    void resumingFromWeightsWithoutOptimizerStateSaysWhy() throws IOException {
        Path file = tmp.resolve("model.best.safetensors");
        List<Parameter> params = model(1);
        Checkpoint.write(file, META, params, null);
        String m = assertThrows(CheckpointException.class, () -> Checkpoint.read(file)
                .restoreOptimizer(params, new Adam(params, AdamConfig.defaults()))).getMessage();
        assertTrue(m.contains("no optimizer state"), m);
    }

    @Test
    void failedWriteLeavesThePreviousCheckpointIntact() throws IOException {
        Path file = tmp.resolve("model.safetensors");
        List<Parameter> params = model(1);
        Checkpoint.write(file, META, params, adam(params, 1, 17));
        byte[] weightsBefore = Files.readAllBytes(file);
        byte[] optimizerBefore = Files.readAllBytes(Checkpoint.optimizerFileOf(file));

        // A diverged model is refused before anything is renamed.
        List<Parameter> diverged = model(2);
        diverged.get(1).value().data()[0] = Float.NaN;
        assertThrows(IllegalArgumentException.class, () -> Checkpoint.write(file, META.at(3, 25, 0), diverged, null));
        // A rename that fails midway (the optimizer file's place is taken by a non-empty directory).
        Path blocked = tmp.resolve("blocked.safetensors");
        Files.createDirectories(Checkpoint.optimizerFileOf(blocked).resolve("x"));
        Files.copy(file, blocked);
        byte[] blockedBefore = Files.readAllBytes(blocked);
        assertThrows(IOException.class, () -> Checkpoint.write(blocked, META.at(3, 25, 0), model(3), adam(params, 3, 25)));

        assertArrayEquals(weightsBefore, Files.readAllBytes(file));
        assertArrayEquals(optimizerBefore, Files.readAllBytes(Checkpoint.optimizerFileOf(file)));
        assertArrayEquals(blockedBefore, Files.readAllBytes(blocked));
        try (Stream<Path> files = Files.list(tmp)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "temporary files removed");
        }
    }

    private static byte[] bytes(Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafetensorsWriter.write(out, metadata, List.of(new NamedTensor("fc1.bias", new int[] {3}, new float[3])));
        return out.toByteArray();
    }

    private static String message(Path file) {
        String m = assertThrows(CheckpointException.class, () -> Checkpoint.read(file)).getMessage();
        assertTrue(m.startsWith(file.toString()), m);
        return m;
    }
}
