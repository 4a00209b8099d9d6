package vae.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;
import vae.api.TableSource;
import vae.core.table.BadRowPolicy;
import vae.core.table.TableOptions;
import vae.core.table.TableSchema;

/** How {@code vae train} reads and splits a CSV table. */
final class TableOptionsMixin {
    @Option(names = "--label-column", paramLabel = "NAME",
            description = "Table column kept aside as the label: not modelled; used to stratify the split and by "
                    + "score for AUROC.")
    String labelColumn;

    @Option(names = "--ignore-columns", paramLabel = "NAME", split = ",",
            description = "Table columns not read at all, e.g. --ignore-columns id,date.")
    List<String> ignoreColumns = new ArrayList<>();

    @Option(names = "--schema", paramLabel = "FILE.json",
            description = "Column types (and categories) of the table; unlisted columns are inferred (see docs/tables.md).")
    Path schema;

    @Option(names = "--missing", paramLabel = "TOKEN", split = ",",
            description = "Field values that mean missing, compared after trimming; default: the empty field, NA, NaN, ?.")
    List<String> missing;

    @Option(names = "--on-bad-row", paramLabel = "POLICY", defaultValue = "fail",
            description = "fail (one line naming file, line and column) or skip (leave the row out and count it); "
                    + "default: ${DEFAULT-VALUE}.")
    String onBadRow;

    @Option(names = "--test-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Share of a table's rows (or a folder's images) held out for testing, stratified by the label "
                    + "(class); default: ${DEFAULT-VALUE}.")
    double testFraction;

    @Option(names = "--split-seed", paramLabel = "N",
            description = "Seed of the train/test split of a table or a folder of images; default: --seed.")
    Long splitSeed;

    @Option(names = "--test", paramLabel = "FILE",
            description = "A test table (same header) instead of a split of --dataset, which is then the training table.")
    Path test;

    /** True if any table option was given. */
    boolean given() {
        return tableOnlyGiven() || splitSeed != null || testFraction != 0.2;
    }

    /** True if an option was given that only a table has (not the split, which folders of images share). */
    boolean tableOnlyGiven() {
        return labelColumn != null || !ignoreColumns.isEmpty() || schema != null || missing != null
                || !onBadRow.equals("fail") || test != null;
    }

    /** How to read a file as these options say. */
    TableOptions options() {
        TableOptions o = TableOptions.defaults().withLabelColumn(labelColumn).withIgnoredColumns(ignoreColumns)
                .withOnBadRow(policy(onBadRow, "--on-bad-row"));
        if (missing != null) {
            o = o.withMissingTokens(new LinkedHashSet<>(missing));
        }
        if (schema != null) {
            o = o.withSchema(TableSchema.read(schema));
        }
        return o;
    }

    /** The table source for training on {@code file}, split unless {@code --test} names a test file. */
    TableSource source(Path file, long seed) {
        TableOptions o = options(); // a .tsv file is read with tabs (TableSource)
        if (test != null) {
            return TableSource.files(file, test, o);
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new UserError("--test-fraction must be between 0 and 1 (exclusive), got " + testFraction
                    + "; or pass a test table with --test");
        }
        return TableSource.split(file, testFraction, splitSeed != null ? splitSeed : seed, o);
    }

    /** The files the options read, for the output guard. */
    List<Path> inputs() {
        List<Path> files = new ArrayList<>();
        if (schema != null) {
            files.add(schema);
        }
        if (test != null) {
            files.add(test);
        }
        return files;
    }

    static BadRowPolicy policy(String value, String option) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "fail" -> BadRowPolicy.FAIL;
            case "skip" -> BadRowPolicy.SKIP;
            default -> throw new UserError(option + " must be fail or skip, got '" + value + "'");
        };
    }
}
