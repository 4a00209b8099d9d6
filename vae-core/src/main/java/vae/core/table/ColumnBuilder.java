package vae.core.table;

import java.util.ArrayList;
import java.util.List;
import vae.core.data.DataException;

/**
 * Reads one column value by value. A column without a declared type starts numeric and stays so while its
 * values parse as numbers, remembering its distinct numbers (up to the category cap); at its first other
 * value it turns categorical, its stored numbers becoming codes of those distinct numbers.
 *
 * <p>Each value is first {@linkplain #stage staged} (checked, nothing changed), then, once its whole row is
 * known to be good, {@linkplain #commit committed}; a bad row is dropped by not committing it.
 */
final class ColumnBuilder {
    private enum Staged { MISSING, NUMBER, KNOWN_CODE, NEW_NUMBER, NEW_TEXT }

    final String name;
    private final boolean isLabel;
    private final TableSchema.Column declared;
    private final int maxCategories;
    private final IntChunks values = new IntChunks();
    private final CategoryIndex index = new CategoryIndex();
    /** True while values are stored as float bits, false once they are category codes. */
    private boolean numeric;
    /** While numeric and inferred: whether {@link #index} still holds every distinct number. */
    private boolean tracking;
    private long observed;

    private Staged staged;
    private float stagedNumber;
    private int stagedCode;
    private String stagedText;

    ColumnBuilder(String name, TableSchema.Column declared, int maxCategories) {
        this(name, declared, maxCategories, false);
    }

    private ColumnBuilder(String name, TableSchema.Column declared, int maxCategories, boolean isLabel) {
        this.name = name;
        this.isLabel = isLabel;
        this.declared = declared;
        this.maxCategories = maxCategories;
        this.numeric = declared == null || declared.type() == ColumnType.NUMERIC;
        this.tracking = declared == null;
        if (declared != null) {
            declared.categories().forEach(index::add);
        }
    }

    private boolean declaresCategories() {
        return declared != null && !declared.categories().isEmpty();
    }

    /** Marks this row's value missing. */
    void stageMissing() {
        staged = Staged.MISSING;
    }

    /**
     * Checks a present value (already trimmed) of this row; returns null, or why the row is bad.
     */
    String stage(char[] buf, int off, int len) {
        float number = DecimalParser.parseFloat(buf, off, len);
        boolean isNumber = number == number;
        if (numeric) {
            if (isNumber) {
                staged = Staged.NUMBER;
                stagedNumber = number;
                if (tracking && index.codeOfNumber(number) < 0) {
                    staged = Staged.NEW_NUMBER;
                    stagedText = new String(buf, off, len);
                }
                return null;
            }
            String text = new String(buf, off, len);
            if (declared != null) {
                return "'" + text + "' is not a number (the schema says numeric); fix the value, make it a"
                        + " missing-value token or skip such rows (on-bad-row skip)";
            }
            staged = Staged.NEW_TEXT;
            stagedText = text;
            return null;
        }
        String text = isNumber ? null : new String(buf, off, len);
        int code = isNumber ? index.codeOfNumber(number) : index.codeOfText(text);
        if (code >= 0) {
            staged = Staged.KNOWN_CODE;
            stagedCode = code;
            return null;
        }
        if (text == null) {
            text = new String(buf, off, len);
        }
        if (declaresCategories()) {
            return "'" + text + "' is not one of the schema's categories " + TableErrors.list(index.names())
                    + "; fix the value, add it to the schema or skip such rows (on-bad-row skip)";
        }
        if (declared != null && declared.type() == ColumnType.BINARY && index.size() >= 2) {
            return "'" + text + "' is a third value in a binary column " + TableErrors.list(index.names())
                    + "; fix the value, declare the column categorical or skip such rows (on-bad-row skip)";
        }
        staged = isNumber ? Staged.NEW_NUMBER : Staged.NEW_TEXT;
        stagedNumber = number;
        stagedText = text;
        return null;
    }

    /**
     * Stages a finite number that came as a number, not as text, for a column declared numeric: what
     * {@link #stage} does with a number's text there.
     */
    void stageNumber(float number) {
        if (!numeric || tracking) {
            throw new IllegalStateException("column '" + name + "' is not declared numeric");
        }
        staged = Staged.NUMBER;
        stagedNumber = number;
    }

    /** Whether the staged value is missing. */
    boolean stagedMissing() {
        return staged == Staged.MISSING;
    }

    /** Stores the staged value; the source and line name the row should the column overflow. */
    void commit(String source, long line) {
        switch (staged) {
            case MISSING -> values.add(numeric ? Float.floatToRawIntBits(Float.NaN) : -1);
            case NUMBER -> {
                observed++;
                values.add(numeric ? Float.floatToRawIntBits(stagedNumber) : index.codeOfNumber(stagedNumber));
            }
            case KNOWN_CODE -> {
                observed++;
                values.add(stagedCode);
            }
            case NEW_NUMBER -> {
                observed++;
                if (numeric) {
                    if (index.size() < maxCategories) {
                        index.addNumber(stagedNumber, stagedText);
                    } else {
                        tracking = false;
                    }
                    values.add(Float.floatToRawIntBits(stagedNumber));
                } else {
                    values.add(addCategory(source, line, true));
                }
            }
            case NEW_TEXT -> {
                observed++;
                if (numeric) {
                    becomeCategorical(source, line);
                }
                values.add(addCategory(source, line, false));
            }
        }
    }

    private int addCategory(String source, long line, boolean isNumber) {
        if (index.size() >= maxCategories) {
            throw new DataException(source + " line " + line + ", column '" + name + "': more than " + maxCategories
                    + (isLabel ? " distinct labels; check the label column or raise the category cap (max-categories)"
                            : " distinct values; ignore the column (ignore-columns) or declare it numeric in a schema"));
        }
        return isNumber ? index.addNumber(stagedNumber, stagedText) : index.addText(stagedText);
    }

    private void becomeCategorical(String source, long line) {
        if (!tracking) {
            throw new DataException(source + " line " + line + ", column '" + name + "': '" + stagedText + "' is not a number but"
                    + " the column has more than " + maxCategories + " distinct numbers; fix the value, make it a"
                    + " missing-value token or ignore the column (ignore-columns)");
        }
        values.replaceAll(bits -> {
            float v = Float.intBitsToFloat(bits);
            return v == v ? index.codeOfNumber(v) : -1;
        });
        numeric = false;
    }

    /** The finished column, its categories in {@link CategoryOrder} unless declared. */
    TableColumn finish(String source) {
        if (observed == 0 && declared == null) { // a declared column may lack values (a scored file's gaps)
            throw new DataException(source + ", column '" + name + "': no values, every one is missing;"
                    + " ignore the column (ignore-columns)");
        }
        if (numeric && (declared != null || !tracking || index.size() != 2)) {
            return TableColumn.numeric(name, values.toFloatArrayReleasing());
        }
        if (numeric) { // an inferred column of exactly two numbers
            values.replaceAll(bits -> {
                float v = Float.intBitsToFloat(bits);
                return v == v ? index.codeOfNumber(v) : -1;
            });
        }
        ColumnType type = declared != null ? declared.type() : index.size() == 2 ? ColumnType.BINARY
                : ColumnType.CATEGORICAL;
        if (declaresCategories()) {
            return TableColumn.coded(name, type, index.names(), true, values.toArrayReleasing());
        }
        List<String> sorted = new ArrayList<>(index.names());
        sorted.sort(CategoryOrder.INSTANCE);
        int[] newCode = new int[sorted.size()];
        for (int i = 0; i < sorted.size(); i++) {
            newCode[index.names().indexOf(sorted.get(i))] = i;
        }
        values.replaceAll(code -> code < 0 ? -1 : newCode[code]);
        return TableColumn.coded(name, type, sorted, false, values.toArrayReleasing());
    }

    /** Codes for a label: never numeric, so declared categorical. */
    static ColumnBuilder forLabel(String name, int maxCategories) {
        return new ColumnBuilder(name, TableSchema.Column.of(ColumnType.CATEGORICAL), maxCategories, true);
    }
}
