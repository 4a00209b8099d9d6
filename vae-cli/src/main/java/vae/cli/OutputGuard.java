package vae.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import vae.api.TableSource;
import vae.core.checkpoint.Checkpoint;

/**
 * The one check every output path passes before any work: it is not a checkpoint and not one of
 * the run's inputs (followed through links), so no command ever writes over what it reads.
 */
final class OutputGuard {
    private OutputGuard() {
    }

    /**
     * Refuses {@code output} (given as {@code option}) when it is a {@code .safetensors} file or the
     * same file as one of {@code inputs}; {@code kind} says what to write instead.
     */
    static void check(String option, Path output, List<Path> inputs, String kind) {
        String name = output.getFileName() == null ? "" : output.getFileName().toString();
        if (name.endsWith(".safetensors")) {
            throw new UserError(option + " " + output + " would overwrite a checkpoint; write the output to " + kind);
        }
        for (Path input : inputs) {
            if (sameFile(output, input)) {
                throw new UserError(option + " " + output + " is also an input of this run (" + input
                        + "); write the output to another file");
            }
        }
    }

    /** The files of a checkpoint pair: the weights and the optimizer state beside them. */
    static List<Path> checkpointPair(Path modelFile) {
        return List.of(modelFile, Checkpoint.optimizerFileOf(modelFile));
    }

    /** The files a data set specification reads: those of a directory, none for a built-in set. */
    static List<Path> datasetFiles(String spec) {
        if (TableSource.isSpec(spec)) {
            try {
                TableSource source = TableSource.parse(spec);
                return source.testFile() == null ? List.of(source.file()) : List.of(source.file(), source.testFile());
            } catch (RuntimeException e) {
                return List.of(); // a damaged record is reported where the data are read
            }
        }
        Path dir = Path.of(spec);
        if (Files.isRegularFile(dir)) {
            return List.of(dir);
        }
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return new ArrayList<>(files.toList());
        } catch (IOException e) {
            return List.of(); // the data set's own loading reports what is wrong with it
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
