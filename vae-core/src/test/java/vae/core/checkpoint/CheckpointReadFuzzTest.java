package vae.core.checkpoint;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import vae.core.fuzz.FuzzBounds;

/**
 * Any bytes given as a checkpoint (the safetensors container, its header JSON and the vae4j
 * metadata of format 1 or 2) give a {@link Checkpoint} or a {@link CheckpointException}: never
 * another exception, an input taking over two seconds, or an allocation beyond what the file
 * holds (see {@link FuzzBounds}). {@code ./mvnw verify}
 * replays the corpus in {@code CheckpointReadFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class CheckpointReadFuzzTest {
    private static final Path FILE = temporaryFile();

    private static Path temporaryFile() {
        try {
            Path f = Files.createTempFile("fuzz", ".safetensors");
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "6m")
    void readsOrRefusesInOneLine(byte[] bytes) throws Exception {
        Files.write(FILE, bytes);
        FuzzBounds.check(bytes.length, () -> {
            try {
                Checkpoint c = Checkpoint.read(FILE);
                long values = c.tensors().values().stream().mapToLong(t -> t.data().length).sum();
                if (values * Float.BYTES > bytes.length) {
                    throw new AssertionError(values + " values from a file of " + bytes.length + " bytes");
                }
            } catch (CheckpointException expected) {
                // the reader's one-line refusal
            }
        });
    }
}
