package vae.core.table;

import java.util.List;

/**
 * One column of a {@link Table}: numbers (NaN = missing) for a {@link ColumnType#NUMERIC} column, category
 * codes (-1 = missing) into {@link #categories()} for the others. Immutable.
 */
public final class TableColumn {
    private final String name;
    private final ColumnType type;
    private final List<String> categories;
    private final boolean categoriesDeclared;
    private final float[] numbers;
    private final int[] codes;

    private TableColumn(String name, ColumnType type, List<String> categories, boolean categoriesDeclared,
            float[] numbers, int[] codes) {
        this.name = name;
        this.type = type;
        this.categories = List.copyOf(categories);
        this.categoriesDeclared = categoriesDeclared;
        this.numbers = numbers;
        this.codes = codes;
    }

    static TableColumn numeric(String name, float[] numbers) {
        return new TableColumn(name, ColumnType.NUMERIC, List.of(), false, numbers, null);
    }

    static TableColumn coded(String name, ColumnType type, List<String> categories, boolean declared, int[] codes) {
        return new TableColumn(name, type, categories, declared, null, codes);
    }

    /** The column's name in the header. */
    public String name() {
        return name;
    }

    /** The column's type, declared or inferred. */
    public ColumnType type() {
        return type;
    }

    /**
     * The distinct values of a binary or categorical column: as declared in the schema, or else those read,
     * numbers first by value, then text in {@link String#compareTo} order. Empty for a numeric column.
     */
    public List<String> categories() {
        return categories;
    }

    /** Whether {@link #categories()} comes from the schema (the complete set) rather than from the file. */
    public boolean categoriesDeclared() {
        return categoriesDeclared;
    }

    /** The number of rows. */
    public int size() {
        return numbers != null ? numbers.length : codes.length;
    }

    /** The value of a numeric column at a row, NaN when missing. */
    public float number(int row) {
        if (numbers == null) {
            throw new IllegalStateException("column '" + name + "' is " + type + ", not numeric");
        }
        return numbers[row];
    }

    /** The category code of a binary or categorical column at a row (an index into categories()), -1 when missing. */
    public int code(int row) {
        if (codes == null) {
            throw new IllegalStateException("column '" + name + "' is numeric, it has no codes");
        }
        return codes[row];
    }

    /** Whether the value at a row is missing. */
    public boolean isMissing(int row) {
        return numbers != null ? Float.isNaN(numbers[row]) : codes[row] < 0;
    }

    /** The value at a row as text (a number in shortest float form, or the category), or null when missing. */
    public String text(int row) {
        if (isMissing(row)) {
            return null;
        }
        return numbers != null ? TableTransform.formatNumber(numbers[row]) : categories.get(codes[row]);
    }

    /** This column restricted to the given rows, in the given order. */
    TableColumn rows(int[] rows) {
        if (numbers != null) {
            float[] sub = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                sub[i] = numbers[rows[i]];
            }
            return new TableColumn(name, type, categories, categoriesDeclared, sub, null);
        }
        int[] sub = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            sub[i] = codes[rows[i]];
        }
        return new TableColumn(name, type, categories, categoriesDeclared, null, sub);
    }
}
