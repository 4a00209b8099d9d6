package vae.cli;

import picocli.CommandLine.Option;

/** A command on a trained model that also reads examples of a data set: by default the one it trained on. */
abstract class DataCommand extends ModelCommand {
    @Option(names = "--dataset", paramLabel = "SPEC",
            description = "mnist, fashion-mnist or a directory of IDX files; its test split is used. "
                    + "Default: the data set the model was trained on.")
    String dataset;

    @Option(names = "--unseen", paramLabel = "POLICY", defaultValue = "fail",
            description = "For a table: what a category never seen in training does to its row: fail (one line "
                    + "naming file, line and column) or missing (the value counts as missing); default: ${DEFAULT-VALUE}.")
    String unseen;

    /** True if an unseen category is to count as missing. */
    boolean unseenAsMissing() {
        return switch (unseen) {
            case "fail" -> false;
            case "missing" -> true;
            default -> throw new UserError("--unseen must be fail or missing, got '" + unseen + "'");
        };
    }

    @Override
    String dataset() {
        return dataset;
    }
}
