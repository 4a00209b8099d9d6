package vae.cli;

import picocli.CommandLine.Option;

/** A command on a trained model that also reads examples of a data set: by default the one it trained on. */
abstract class DataCommand extends ModelCommand {
    @Option(names = "--dataset", paramLabel = "SPEC",
            description = "mnist, fashion-mnist or a directory of IDX files; its test split is used. "
                    + "Default: the data set the model was trained on.")
    String dataset;

    @Override
    String dataset() {
        return dataset;
    }
}
