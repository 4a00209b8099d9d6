package vae.cli;

import picocli.CommandLine.Option;

/** What a category never seen in training does to the row of a table that a command reads. */
final class UnseenOption {
    @Option(names = "--unseen", paramLabel = "POLICY", defaultValue = "fail",
            description = "For a table: what a category never seen in training does to its row: fail (one line "
                    + "naming file, line and column) or missing (the value counts as missing); default: ${DEFAULT-VALUE}.")
    String policy;

    /** True if an unseen category is to count as missing. */
    boolean asMissing() {
        return switch (policy) {
            case "fail" -> false;
            case "missing" -> true;
            default -> throw new UserError("--unseen must be fail or missing, got '" + policy + "'");
        };
    }
}
