package vae.cli;

import picocli.CommandLine.Option;

/** The data set option of commands that read examples: by default the one the model was trained on. */
final class DataOptions {
    @Option(names = "--dataset", paramLabel = "SPEC",
            description = "mnist, fashion-mnist or a directory of IDX files; its test split is used. "
                    + "Default: the data set the model was trained on.")
    String dataset;
}
