package vae.cli;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Any bytes given as a {@code --config} file give a map of hyperparameters or the one-line
 * {@link UserError}: never another exception or an input taking over two seconds.
 * {@code ./mvnw verify} replays the corpus in {@code HyperparameterFileFuzzTestInputs};
 * {@code JAZZER_FUZZ=1} fuzzes.
 */
class HyperparameterFileFuzzTest {
    private static final Path FILE = temporaryFile();

    private static Path temporaryFile() {
        try {
            Path f = Files.createTempFile("fuzz", ".json");
            f.toFile().deleteOnExit();
            return f;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest(maxDuration = "6m")
    void readsOrRefusesInOneLine(byte[] bytes) throws IOException {
        Files.write(FILE, bytes);
        long start = System.nanoTime();
        try {
            Map<String, String> values = HyperparameterFile.read(FILE);
            values.forEach((k, v) -> {
                if (k == null || v == null) {
                    throw new AssertionError("a null key or value from " + new String(bytes));
                }
            });
        } catch (UserError expected) {
            if (expected.getMessage().contains("\n")) {
                throw new AssertionError("a message of more than one line: " + expected.getMessage());
            }
        } finally {
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (millis > 2000) {
                throw new AssertionError("an input of " + bytes.length + " bytes took " + millis + " ms");
            }
        }
    }
}
