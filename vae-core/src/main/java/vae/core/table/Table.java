package vae.core.table;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table read from a CSV file ({@link TableReader}): typed columns stored column by column as primitive
 * arrays, the label kept aside as codes into its distinct values, and the source line of every row. Immutable.
 */
public final class Table {
    private final String source;
    private final List<String> header;
    private final List<TableColumn> columns;
    private final TableColumn label;
    private final List<String> ignored;
    private final int[] lines;
    /** For a table built from rows ({@link TableBuilder}): each row's id, which names it instead of a line; else null. */
    private final long[] ids;
    private final int skippedRows;

    Table(String source, List<String> header, List<TableColumn> columns, TableColumn label, List<String> ignored,
            int[] lines, int skippedRows) {
        this(source, header, columns, label, ignored, lines, null, skippedRows);
    }

    Table(String source, List<String> header, List<TableColumn> columns, TableColumn label, List<String> ignored,
            int[] lines, long[] ids, int skippedRows) {
        this.source = source;
        this.header = List.copyOf(header);
        this.columns = List.copyOf(columns);
        this.label = label;
        this.ignored = List.copyOf(ignored);
        this.lines = lines;
        this.ids = ids;
        this.skippedRows = skippedRows;
    }

    /** The file (or other source) the table was read from, as named in messages. */
    public String source() {
        return source;
    }

    /** Every column name of the file's header, in file order (label and ignored columns included). */
    public List<String> header() {
        return header;
    }

    /** The feature columns (neither the label nor ignored), in file order. */
    public List<TableColumn> columns() {
        return columns;
    }

    /** The feature column of that name, or null. */
    public TableColumn column(String name) {
        for (TableColumn c : columns) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        return null;
    }

    /** The columns that were not read. */
    public List<String> ignoredColumns() {
        return ignored;
    }

    /** The number of rows. */
    public int rowCount() {
        return lines.length;
    }

    /** The 1-based line of the file on which a row starts (for a table built from rows: its position, from 1). */
    public int line(int row) {
        return lines[row];
    }

    /** Where a row is, as messages name it: "file line 12", or for a table built from rows "input row 1027". */
    public String where(int row) {
        return ids == null ? source + " line " + lines[row] : source + " row " + ids[row];
    }

    /** How many bad rows were skipped while reading (always 0 under {@link BadRowPolicy#FAIL}). */
    public int skippedRows() {
        return skippedRows;
    }

    /** Whether the table has a label column. */
    public boolean hasLabel() {
        return label != null;
    }

    /** The label column's name, or null. */
    public String labelColumn() {
        return label == null ? null : label.name();
    }

    /** The distinct label values in {@link TableColumn#categories()} order; empty without a label. */
    public List<String> labelValues() {
        return label == null ? List.of() : label.categories();
    }

    /** A row's label as an index into {@link #labelValues()}. */
    public int labelCode(int row) {
        return label.code(row);
    }

    /** A row's label. */
    public String label(int row) {
        return label.categories().get(label.code(row));
    }

    /**
     * The types of this table's columns (categories left out) with its label and ignored columns, for reading
     * another file the same way: {@code options.withSchema(table.schema())}.
     */
    public TableSchema schema() {
        Map<String, TableSchema.Column> types = new LinkedHashMap<>();
        for (TableColumn c : columns) {
            types.put(c.name(), new TableSchema.Column(c.type(),
                    c.categoriesDeclared() ? c.categories() : List.of()));
        }
        return new TableSchema(types, labelColumn(), ignored);
    }

    /** The given rows (indexes into this table), in the given order, as a table of the same source. */
    public Table rows(int[] rows) {
        int[] subLines = new int[rows.length];
        long[] subIds = ids == null ? null : new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            subLines[i] = lines[rows[i]];
            if (ids != null) {
                subIds[i] = ids[rows[i]];
            }
        }
        return new Table(source, header, columns.stream().map(c -> c.rows(rows)).toList(),
                label == null ? null : label.rows(rows), ignored, subLines, subIds, skippedRows);
    }
}
