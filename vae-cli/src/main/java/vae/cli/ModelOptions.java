package vae.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vae.api.TrainedVae;
import vae.core.checkpoint.SafetensorsReader;

/** The options every command that uses a trained model shares: the checkpoint and how to run it. */
final class ModelOptions {
    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A model.safetensors written by 'vae train'.")
    Path checkpoint;

    @Option(names = "--backend", paramLabel = "NAME", description = "Kernels to use (see 'vae backends'); default: the fastest available.")
    String backend;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the kernels; default: all cores.")
    Integer threads;

    /**
     * Refuses an output file that would overwrite a checkpoint (the one being read, or any
     * {@code .safetensors} file, since the commands write pictures and CSV) or the data read.
     */
    void checkOutput(Path output, String dataset) {
        List<Path> inputs = new ArrayList<>(OutputGuard.checkpointPair(checkpoint));
        if (dataset != null) {
            inputs.addAll(OutputGuard.datasetFiles(dataset));
        }
        String recorded = recordedDataset();
        if (recorded != null) {
            inputs.addAll(OutputGuard.datasetFiles(recorded));
        }
        OutputGuard.check("-o", output, inputs, "a .png or .csv file");
    }

    /** The data set the checkpoint's header records, or null when it cannot be read (loading says why). */
    private String recordedDataset() {
        try {
            return SafetensorsReader.readMetadata(checkpoint).get("dataset");
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Loads the checkpoint and rebuilds its model. */
    TrainedVae load() {
        return TrainedVae.load(checkpoint, backend, ThreadOption.resolve(threads));
    }
}
