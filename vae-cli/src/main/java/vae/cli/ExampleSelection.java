package vae.cli;

import picocli.CommandLine.Option;
import vae.api.TrainedVae;
import vae.core.data.Dataset;

/** Which examples a command that reads a data set works on: a split and an optional limit. */
final class ExampleSelection {
    @Option(names = "--split", paramLabel = "NAME", defaultValue = "test", description = "test or train; default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "0", description = "Only the first N examples (0: all).")
    int limit;

    void validate() {
        if (!split.equals("test") && !split.equals("train")) {
            throw new UserError("--split must be test or train, got '" + split + "'");
        }
        if (limit < 0) {
            throw new UserError("--limit must be 0 (all) or positive, got " + limit);
        }
    }

    /** The selected examples of {@code datasetSpec} (null: the model's), shaped and binarised as in training. */
    Dataset examples(TrainedVae m, String datasetSpec) {
        return ModelCommand.split(m, datasetSpec, split.equals("train"), limit);
    }
}
