package vae.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vae.api.TrainedVae;
import vae.core.data.Dataset;

/**
 * The opening every command on a trained model shares: refuse an output that would replace a
 * checkpoint, check the command's own options, then load the model, all before any work.
 */
abstract class ModelCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    /** Where {@code -o -} sends the output: the process's standard output, as bytes. */
    static final String STANDARD_OUTPUT = "-";

    private Path target;

    /** The file the command writes, as given ({@code -} for standard output), or null if it only prints. */
    abstract Path output();

    /**
     * The file to write: {@link #output()}, or for {@code -o -} a temporary file that goes to
     * standard output once written (so a failed command writes nothing there).
     */
    Path target() {
        return target;
    }

    /** The data set the command reads besides the model (null: the model's, or none). */
    String dataset() {
        return null;
    }

    /** True for commands that draw pictures of examples, which a model of table rows has none of. */
    boolean drawsImages() {
        return false;
    }

    /** Checks the command's own options; throws {@link UserError}. */
    void validate() {
    }

    /** The command's work on the loaded model. */
    abstract void run(TrainedVae m, PrintWriter out) throws IOException;

    @Override
    public final Integer call() throws IOException {
        boolean toStandardOutput = output() != null && output().toString().equals(STANDARD_OUTPUT);
        if (output() != null && !toStandardOutput) {
            model.checkOutput(output(), dataset());
        }
        validate();
        // With -o -, standard output carries the file alone, so the command's own lines go to standard error.
        PrintWriter status = toStandardOutput ? spec.commandLine().getErr() : spec.commandLine().getOut();
        target = toStandardOutput ? Files.createTempFile("vae-output-", ".tmp") : output();
        try {
            try (TrainedVae m = model.load()) {
                if (drawsImages() && m.table().isPresent()) {
                    throw new UserError(spec.name() + " draws images, and " + m.file() + " is a model of table rows; "
                            + "use sample -o rows.csv, impute, encode or score");
                }
                run(m, status);
            }
            if (toStandardOutput) {
                status.flush();
                Files.copy(target, System.out);
                System.out.flush();
            }
        } finally {
            if (toStandardOutput) {
                Files.deleteIfExists(target);
            }
        }
        return 0;
    }

    /** The test split of a data set (null: the model's), binarised as in training. */
    static Dataset testSet(TrainedVae m, String dataset) {
        return split(m, dataset, false, 0);
    }

    /**
     * The first {@code limit} examples (0: all) of a split of a data set (null: the model's); a
     * shape mismatch names the option that fixes it.
     */
    static Dataset split(TrainedVae m, String dataset, boolean train, int limit) {
        try {
            return train ? m.trainSet(dataset, limit) : m.testSet(dataset, limit);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage() + " with --dataset");
        }
    }
}
