package vae.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vae.api.TableSource;
import vae.core.checkpoint.Checkpoint;
import vae.core.data.ImageFolderSource;

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
            if (Files.isDirectory(input) && isInside(output, input)) {
                throw new UserError(option + " " + output + " is inside " + input + ", a folder this run reads; write "
                        + "the output elsewhere");
            }
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

    /**
     * What a data set specification reads: a table's files, or the directory of IDX files or of
     * images (an output anywhere inside it is refused); nothing for a built-in set.
     */
    static List<Path> datasetFiles(String spec) {
        if (ImageFolderSource.isSpec(spec)) {
            try {
                return List.of(ImageFolderSource.parse(spec).directory());
            } catch (RuntimeException e) {
                return List.of(); // a damaged record is reported where the data are read
            }
        }
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
        return Files.isDirectory(dir) ? List.of(dir) : List.of();
    }

    /** True if {@code output} would be written inside {@code dir} (through links, as the file system resolves them). */
    private static boolean isInside(Path output, Path dir) {
        try {
            Path parent = output.toAbsolutePath().normalize().getParent();
            while (parent != null && !Files.exists(parent)) {
                parent = parent.getParent();
            }
            return parent != null && parent.toRealPath().startsWith(dir.toRealPath());
        } catch (IOException e) {
            return false;
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
