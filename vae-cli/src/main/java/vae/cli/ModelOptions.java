package vae.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vae.api.TrainedVae;

/** The options every command that uses a trained model shares: the checkpoint and how to run it. */
final class ModelOptions {
    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A model.safetensors written by 'vae train'.")
    Path checkpoint;

    @Option(names = "--backend", paramLabel = "NAME", description = "Kernels to use (see 'vae backends'); default: the fastest available.")
    String backend;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the kernels; default: all cores.")
    Integer threads;

    /**
     * Refuses an output file that would overwrite a checkpoint: the one being read, or any
     * {@code .safetensors} file, since the commands write pictures and CSV.
     */
    void checkOutput(Path output) {
        String name = output.getFileName() == null ? "" : output.getFileName().toString();
        boolean same;
        try {
            same = java.nio.file.Files.exists(output) && java.nio.file.Files.exists(checkpoint)
                    && java.nio.file.Files.isSameFile(output, checkpoint);
        } catch (java.io.IOException e) {
            same = false;
        }
        if (same || name.endsWith(".safetensors")) {
            throw new UserError("-o " + output + " would overwrite a checkpoint; write the output to a .png or .csv file");
        }
    }

    /** Loads the checkpoint and rebuilds its model. */
    TrainedVae load() {
        return TrainedVae.load(checkpoint, backend, ThreadOption.resolve(threads));
    }
}
