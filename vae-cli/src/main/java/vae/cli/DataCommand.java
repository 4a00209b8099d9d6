package vae.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A command on a trained model that also reads examples of a data set: by default the one it trained on. */
abstract class DataCommand extends ModelCommand {
    @Option(names = "--dataset", paramLabel = "SPEC",
            description = "mnist, fashion-mnist, a directory of IDX files or a folder of images (its test split is "
                    + "used), or for a table model a CSV file (every row is read). Default: the data set the model was "
                    + "trained on.")
    String dataset;

    @Mixin
    UnseenOption unseen;

    /** True if an unseen category is to count as missing. */
    boolean unseenAsMissing() {
        return unseen.asMissing();
    }

    @Override
    String dataset() {
        return dataset;
    }
}
