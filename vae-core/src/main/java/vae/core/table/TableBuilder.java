package vae.core.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import vae.core.data.DataException;

/**
 * Builds a {@link Table} from rows handed over value by value (text, numbers or missing) instead of
 * read from a CSV file: for rows that live elsewhere, such as a Spark partition. Each value goes
 * through what {@link TableReader} does with a field: text is trimmed, a missing-value token is
 * missing, numbers are parsed and categories keyed as there, so a row gives the table a CSV line
 * with the same text would. The columns are those of a schema whose every column is declared (a
 * transform's {@link TableTransform#readingSchema()}); there is no label. Rows are named by an id
 * in messages ("input row 1027, column 'colour': ..."). A bad row (text in a numeric column) stops
 * the building or is skipped and counted, as {@link TableOptions#onBadRow()} says.
 *
 * <p>Reusable: {@link #build()} returns the rows so far and starts an empty table.
 */
public final class TableBuilder {
    private final String source;
    private final TableSchema schema;
    private final TableOptions options;
    private final List<String> names;
    private final char[][] missingTokens;
    private final ColumnBuilder[] columns;
    private final String[] problems;
    private long[] ids = new long[64];
    private int rows;
    private int skipped;

    /**
     * A builder of tables with the columns of {@code schema}, in its order.
     *
     * @param source names the rows in messages, e.g. "input"
     * @throws IllegalArgumentException if a column's type is not declared
     */
    public TableBuilder(String source, TableSchema schema, TableOptions options) {
        this.source = source;
        this.schema = schema;
        this.options = options;
        this.names = List.copyOf(schema.columns().keySet());
        for (Map.Entry<String, TableSchema.Column> c : schema.columns().entrySet()) {
            if (c.getValue() == null || c.getValue().type() == null) {
                throw new IllegalArgumentException("column '" + c.getKey() + "' has no declared type");
            }
        }
        this.missingTokens = options.missingTokens().stream().map(String::toCharArray).toArray(char[][]::new);
        this.columns = new ColumnBuilder[names.size()];
        this.problems = new String[names.size()];
        reset();
    }

    private void reset() {
        for (int i = 0; i < columns.length; i++) {
            columns[i] = new ColumnBuilder(names.get(i), schema.columns().get(names.get(i)), options.maxCategories());
        }
        rows = 0;
        skipped = 0;
    }

    /** The column names, in the order values are given. */
    public List<String> columnNames() {
        return names;
    }

    /** Whether column {@code column} is declared numeric (and so takes {@link #number}). */
    public boolean isNumeric(int column) {
        return schema.columns().get(names.get(column)).type() == ColumnType.NUMERIC;
    }

    /** The current row's value of {@code column} is missing. */
    public void missing(int column) {
        columns[column].stageMissing();
        problems[column] = null;
    }

    /** The current row's value of {@code column} as text, read as a CSV field with that text would be. */
    public void text(int column, String value) {
        problems[column] = null;
        int start = 0;
        int end = value.length();
        while (start < end && value.charAt(start) <= ' ') {
            start++;
        }
        while (end > start && value.charAt(end - 1) <= ' ') {
            end--;
        }
        char[] chars = value.substring(start, end).toCharArray();
        for (char[] token : missingTokens) {
            if (Arrays.equals(token, chars)) {
                columns[column].stageMissing();
                return;
            }
        }
        problems[column] = columns[column].stage(chars, 0, chars.length);
    }

    /**
     * The current row's value of a numeric {@code column} as a number: NaN is missing, an infinity is
     * not a number (as in a CSV file).
     *
     * @throws IllegalArgumentException if the column is not numeric
     */
    public void number(int column, float value) {
        if (!isNumeric(column)) {
            throw new IllegalArgumentException("column '" + names.get(column) + "' is not numeric; give its text");
        }
        if (value != value) {
            missing(column);
        } else if (Float.isInfinite(value)) {
            text(column, Float.toString(value));
        } else {
            problems[column] = null;
            columns[column].stageNumber(value);
        }
    }

    /**
     * Ends the current row, every column's value given: keeps it, or for a bad row throws (a one-line
     * {@link DataException} naming the row's id and the column) or skips it.
     *
     * @return whether the row was kept
     */
    public boolean endRow(long id) {
        for (int i = 0; i < columns.length; i++) {
            if (problems[i] != null) {
                String problem = source + " row " + id + ", column '" + names.get(i) + "': " + problems[i];
                problems[i] = null;
                if (options.onBadRow() == BadRowPolicy.FAIL) {
                    throw new DataException(problem);
                }
                Arrays.fill(problems, null);
                skipped++;
                return false;
            }
        }
        for (ColumnBuilder c : columns) {
            c.commit(source, id);
        }
        if (rows == ids.length) {
            ids = Arrays.copyOf(ids, rows * 2);
        }
        ids[rows++] = id;
        return true;
    }

    /** The rows kept since the last call, as a table (possibly of no rows); the builder starts afresh. */
    public Table build() {
        List<TableColumn> built = new ArrayList<>();
        for (ColumnBuilder c : columns) {
            built.add(c.finish(source));
        }
        int[] lines = new int[rows];
        for (int i = 0; i < rows; i++) {
            lines[i] = i + 1;
        }
        Table t = new Table(source, names, built, null, List.of(), lines, Arrays.copyOf(ids, rows), skipped);
        reset();
        return t;
    }
}
