package vae.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run the build records the class archive from ({@code vae-cli/target/vae.jsa}, which {@code ./vae}
 * maps at start-up): a small training run and the commands that use its model, in one JVM, so the
 * archive holds the classes (and lambda classes) of training and inference alike; the model is small,
 * since an archive holds classes, not compiled code. Run with {@code -XX:ArchiveClassesAtExit} by the
 * package phase, and by the release archive's {@code bin/vae} on its first run from a directory (into
 * the user's cache); not a command of {@code vae}.
 */
final class ClassArchiveWorkload {
    private ClassArchiveWorkload() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory("vae-class-archive-");
        try {
            String model = dir.resolve("run/model.safetensors").toString();
            List<List<String>> commands = List.of(
                    List.of("train", "--variant", "vae", "-P", "hidden=32", "--epochs", "1", "--train-limit", "256",
                            "--test-limit", "64", "--out", dir.resolve("run").toString()),
                    List.of("sample", model, "-o", dir.resolve("samples.png").toString()),
                    List.of("reconstruct", model, "-o", dir.resolve("reconstructions.png").toString()),
                    List.of("variants"),
                    List.of("backends"));
            for (List<String> command : commands) {
                StringWriter out = new StringWriter();
                int code = Main.run(command.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(out, true));
                if (code != 0) {
                    System.err.println("vae " + String.join(" ", command) + " failed (exit code " + code + "):\n" + out);
                    System.exit(1);
                }
            }
        } finally {
            delete(dir);
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.delete(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
