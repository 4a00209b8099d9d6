package vae.core.table;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link TableReader} reads a table. Immutable; start from {@link #defaults()} and change what differs
 * with the {@code with...} methods.
 *
 * @param labelColumn    the column kept aside as the label, or null for none (overrides the schema's)
 * @param ignoredColumns columns not read at all (added to the schema's)
 * @param missingTokens  field values that mean "missing", compared after trimming whitespace
 * @param onBadRow       what to do with a row that cannot be read
 * @param schema         declared column types and categories, or null to infer every column
 * @param rowLimit       stop after this many data rows ({@link Long#MAX_VALUE}: read all)
 * @param delimiter      the field separator
 * @param maxCategories  the most distinct values a categorical column (or the label) may have
 */
public record TableOptions(String labelColumn, List<String> ignoredColumns, Set<String> missingTokens,
        BadRowPolicy onBadRow, TableSchema schema, long rowLimit, char delimiter, int maxCategories) {

    /** The missing-value tokens used unless configured: the empty field, {@code NA}, {@code NaN} and {@code ?}. */
    public static final Set<String> DEFAULT_MISSING_TOKENS = Set.of("", "NA", "NaN", "?");

    /** The default cap on the distinct values of a categorical column. */
    public static final int DEFAULT_MAX_CATEGORIES = 1000;

    /** Validates and copies the collections. */
    public TableOptions {
        ignoredColumns = List.copyOf(new LinkedHashSet<>(ignoredColumns));
        missingTokens = Set.copyOf(missingTokens.stream().map(String::strip).toList());
        Objects.requireNonNull(onBadRow, "onBadRow");
        if (rowLimit < 1) {
            throw new IllegalArgumentException("row limit must be at least 1, not " + rowLimit);
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("the delimiter cannot be a quote or a line break");
        }
        if (maxCategories < 2) {
            throw new IllegalArgumentException("max categories must be at least 2, not " + maxCategories);
        }
    }

    /** No label, nothing ignored, the default missing tokens, fail on bad rows, no schema, no limit, commas. */
    public static TableOptions defaults() {
        return new TableOptions(null, List.of(), DEFAULT_MISSING_TOKENS, BadRowPolicy.FAIL, null, Long.MAX_VALUE,
                ',', DEFAULT_MAX_CATEGORIES);
    }

    /** These options with the given label column (null: none). */
    public TableOptions withLabelColumn(String column) {
        return new TableOptions(column, ignoredColumns, missingTokens, onBadRow, schema, rowLimit, delimiter,
                maxCategories);
    }

    /** These options with the given ignored columns. */
    public TableOptions withIgnoredColumns(List<String> columns) {
        return new TableOptions(labelColumn, columns, missingTokens, onBadRow, schema, rowLimit, delimiter,
                maxCategories);
    }

    /** These options with the given missing-value tokens (they replace the defaults). */
    public TableOptions withMissingTokens(Set<String> tokens) {
        return new TableOptions(labelColumn, ignoredColumns, tokens, onBadRow, schema, rowLimit, delimiter,
                maxCategories);
    }

    /** These options with the given bad-row policy. */
    public TableOptions withOnBadRow(BadRowPolicy policy) {
        return new TableOptions(labelColumn, ignoredColumns, missingTokens, policy, schema, rowLimit, delimiter,
                maxCategories);
    }

    /** These options with the given schema (null: infer every column). */
    public TableOptions withSchema(TableSchema newSchema) {
        return new TableOptions(labelColumn, ignoredColumns, missingTokens, onBadRow, newSchema, rowLimit, delimiter,
                maxCategories);
    }

    /** These options reading at most {@code rows} data rows. */
    public TableOptions withRowLimit(long rows) {
        return new TableOptions(labelColumn, ignoredColumns, missingTokens, onBadRow, schema, rows, delimiter,
                maxCategories);
    }

    /** These options with the given field separator. */
    public TableOptions withDelimiter(char separator) {
        return new TableOptions(labelColumn, ignoredColumns, missingTokens, onBadRow, schema, rowLimit, separator,
                maxCategories);
    }

    /** These options with the given cap on distinct values per categorical column. */
    public TableOptions withMaxCategories(int max) {
        return new TableOptions(labelColumn, ignoredColumns, missingTokens, onBadRow, schema, rowLimit, delimiter,
                max);
    }

    /** The label column in effect: this one, else the schema's, else null. */
    public String effectiveLabel() {
        return labelColumn != null ? labelColumn : schema != null ? schema.label() : null;
    }

    /** The ignored columns in effect: these and the schema's. */
    public List<String> effectiveIgnored() {
        LinkedHashSet<String> all = new LinkedHashSet<>(ignoredColumns);
        if (schema != null) {
            all.addAll(schema.ignored());
        }
        return List.copyOf(all);
    }
}
