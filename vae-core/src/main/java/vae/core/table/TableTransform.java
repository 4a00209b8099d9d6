package vae.core.table;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vae.core.data.DataException;
import vae.core.data.ValueLayout;

/**
 * The map between table rows and model vectors, fitted on the training rows: a numeric column becomes one
 * value standardised with the training mean and (population) standard deviation of its observed values (a
 * constant column gets standard deviation 1); a categorical column becomes a one-hot block over its
 * categories (those declared in the schema, or else those seen in training, in the table's order); a binary
 * column becomes one value, 1 for its second category. The label becomes a code over the training label values.
 *
 * <p>The JSON form ({@link #toJson()}), which a checkpoint stores; offsets and widths follow from the order:
 * <pre>{@code
 * {"format": "vae4j-table-transform", "version": 1,
 *  "columns": [
 *    {"name": "age", "type": "numeric", "mean": 41.25, "std": 12.5, "integer": true},
 *    {"name": "color", "type": "categorical", "categories": ["blue", "green", "red"]},
 *    {"name": "smoker", "type": "binary", "categories": ["no", "yes"]}],
 *  "label": {"column": "status", "values": ["bad", "good"]}}
 * }</pre>
 * Means and standard deviations are written as shortest round-trip decimals, so reading gives the same bits.
 */
public final class TableTransform {
    /** The format name in the JSON form. */
    public static final String FORMAT = "vae4j-table-transform";
    private static final int VERSION = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Where one source column lies in the model vector.
     *
     * @param name       the column name
     * @param type       its type
     * @param offset     its first position in the vector
     * @param width      how many positions it takes (1, or the number of categories for a categorical column)
     * @param categories its categories in encoding order (empty for numeric)
     * @param mean       the training mean (numeric; 0 otherwise)
     * @param std        the training standard deviation (numeric; 1 otherwise)
     * @param integer    true for a numeric column whose training values are all whole numbers (a year,
     *                   a count), which decoding then rounds
     */
    public record EncodedColumn(String name, ColumnType type, int offset, int width, List<String> categories,
            double mean, double std, boolean integer) {
        /** Copies the categories. */
        public EncodedColumn {
            categories = List.copyOf(categories);
        }

        /** A column that is not a numeric column of whole numbers. */
        public EncodedColumn(String name, ColumnType type, int offset, int width, List<String> categories,
                             double mean, double std) {
            this(name, type, offset, width, categories, mean, std, false);
        }
    }

    private final List<EncodedColumn> layout;
    private final int width;
    private final String labelColumn;
    private final List<String> labelValues;

    private TableTransform(List<EncodedColumn> layout, String labelColumn, List<String> labelValues) {
        this.layout = List.copyOf(layout);
        this.width = layout.isEmpty() ? 0 : layout.getLast().offset() + layout.getLast().width();
        this.labelColumn = labelColumn;
        this.labelValues = List.copyOf(labelValues);
    }

    /** Fits the transform on the training rows. */
    public static TableTransform fit(Table train) {
        if (train.rowCount() == 0) {
            throw new DataException(train.source() + ": no training rows; lower the test fraction");
        }
        if (train.columns().isEmpty()) {
            throw new DataException(train.source() + ": no columns to model besides the label and the ignored"
                    + " ones; keep at least one column");
        }
        List<EncodedColumn> layout = new ArrayList<>();
        int offset = 0;
        for (TableColumn c : train.columns()) {
            EncodedColumn e = switch (c.type()) {
                case NUMERIC -> numeric(c, offset);
                case BINARY, CATEGORICAL -> {
                    List<String> categories = c.categoriesDeclared() ? c.categories() : seen(c, train.source());
                    yield new EncodedColumn(c.name(), c.type(), offset,
                            c.type() == ColumnType.BINARY ? 1 : categories.size(), categories, 0, 1);
                }
            };
            layout.add(e);
            offset += e.width();
        }
        if (!train.hasLabel()) {
            return new TableTransform(layout, null, List.of());
        }
        boolean[] present = new boolean[train.labelValues().size()];
        for (int r = 0; r < train.rowCount(); r++) {
            present[train.labelCode(r)] = true;
        }
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < present.length; i++) {
            if (present[i]) {
                labels.add(train.labelValues().get(i));
            }
        }
        return new TableTransform(layout, train.labelColumn(), labels);
    }

    private static EncodedColumn numeric(TableColumn c, int offset) {
        double sum = 0;
        long n = 0;
        for (int r = 0; r < c.size(); r++) {
            float v = c.number(r);
            if (v == v) {
                sum += v;
                n++;
            }
        }
        double mean = n == 0 ? 0 : sum / n;
        double squares = 0;
        boolean integer = n > 0;
        for (int r = 0; r < c.size(); r++) {
            float v = c.number(r);
            if (v == v) {
                squares += (v - mean) * (v - mean);
                integer &= v == Math.rint(v) && Math.abs(v) < (1 << 24);
            }
        }
        double std = n == 0 ? 1 : Math.sqrt(squares / n);
        return new EncodedColumn(c.name(), ColumnType.NUMERIC, offset, 1, List.of(), mean,
                std > 0 && Double.isFinite(std) ? std : 1, integer);
    }

    /** The categories that occur in the rows, in the column's order. */
    private static List<String> seen(TableColumn c, String source) {
        boolean[] present = new boolean[c.categories().size()];
        for (int r = 0; r < c.size(); r++) {
            int code = c.code(r);
            if (code >= 0) {
                present[code] = true;
            }
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < present.length; i++) {
            if (present[i]) {
                out.add(c.categories().get(i));
            }
        }
        if (out.isEmpty()) {
            throw new DataException(source + ", column '" + c.name() + "': no values in the training rows;"
                    + " ignore the column (ignore-columns)");
        }
        return out;
    }

    /** The encoded columns in vector order. */
    public List<EncodedColumn> layout() {
        return layout;
    }

    /** The length of a model vector. */
    public int width() {
        return width;
    }

    /** The label column, or null when the training table had none. */
    public String labelColumn() {
        return labelColumn;
    }

    /** The training label values; a label code indexes this list. */
    public List<String> labelValues() {
        return labelValues;
    }

    /**
     * This transform with the label values of {@code other} that it lacks appended (in their order),
     * so rows labelled with them (the anomalies of a test file, say) encode instead of being bad;
     * labels are not modelled, so nothing else changes.
     */
    public TableTransform withLabelsOf(Table other) {
        if (labelColumn == null || !other.hasLabel()) {
            return this;
        }
        List<String> values = new ArrayList<>(labelValues);
        for (String v : other.labelValues()) {
            if (!values.contains(v)) {
                values.add(v);
            }
        }
        return values.size() == labelValues.size() ? this : new TableTransform(layout, labelColumn, values);
    }

    /** The label value of a code. */
    public String labelName(int code) {
        return labelValues.get(code);
    }

    /**
     * The column types (categories left out, so unseen values are caught by {@link #encode}), for reading
     * another file the way the training file was read: {@code options.withSchema(transform.schema())}.
     */
    public TableSchema schema() {
        Map<String, TableSchema.Column> types = new LinkedHashMap<>();
        layout.forEach(c -> types.put(c.name(), TableSchema.Column.of(c.type())));
        return new TableSchema(types, labelColumn, List.of());
    }

    /**
     * The column types for reading a file to encode: as {@link #schema()}, but a binary column read
     * as categorical, so that a value never seen in training is an unseen category (a bad row, or
     * missing under {@code encodeFeatures(..., true)}) instead of a reading error.
     */
    public TableSchema readingSchema() {
        return schema().withBinaryAsCategorical(Set.of());
    }

    /** {@link #encode(Table, BadRowPolicy)} failing on the first bad row. */
    public EncodedTable encode(Table table) {
        return encode(table, BadRowPolicy.FAIL);
    }

    /**
     * Encodes a table's rows. A row with a category or label not seen in training is bad: a one-line
     * {@link DataException} naming file, line, column, value and the known values, or under
     * {@link BadRowPolicy#SKIP} left out ({@link EncodedTable#tableRows()} says which rows were kept).
     */
    public EncodedTable encode(Table table, BadRowPolicy onBadRow) {
        return encode(table, onBadRow, true, false);
    }

    /**
     * Encodes a table's rows for inference: as {@link #encode(Table, BadRowPolicy)}, except that a
     * label is coded over the table's own label values ({@link Table#labelValues()}), so rows
     * with labels never seen in training (the anomalies an inlier-trained model scores) are kept.
     */
    public EncodedTable encodeFeatures(Table table, BadRowPolicy onBadRow) {
        return encode(table, onBadRow, false, false);
    }

    /**
     * As {@link #encodeFeatures(Table, BadRowPolicy)}; with {@code unseenAsMissing}, a category never
     * seen in training is encoded as a missing value (its block NaN) instead of making the row bad,
     * so the row is scored on its other columns.
     */
    public EncodedTable encodeFeatures(Table table, BadRowPolicy onBadRow, boolean unseenAsMissing) {
        return encode(table, onBadRow, false, unseenAsMissing);
    }

    /** The model's view of the columns: which values are continuous, binary or a one-hot block. */
    public ValueLayout valueLayout() {
        List<ValueLayout.Segment> segments = new ArrayList<>();
        for (EncodedColumn c : layout) {
            ValueLayout.Kind kind = switch (c.type()) {
                case NUMERIC -> ValueLayout.Kind.CONTINUOUS;
                case BINARY -> ValueLayout.Kind.BINARY;
                case CATEGORICAL -> ValueLayout.Kind.CATEGORICAL;
            };
            segments.add(new ValueLayout.Segment(c.name(), kind, c.offset(), c.width()));
        }
        return new ValueLayout(segments);
    }

    private EncodedTable encode(Table table, BadRowPolicy onBadRow, boolean trainingLabels, boolean unseenAsMissing) {
        int n = table.rowCount();
        if ((long) n * width > Integer.MAX_VALUE - 8) {
            throw new DataException(table.source() + ": " + n + " rows of " + width + " values are too many to"
                    + " encode at once; read fewer rows (row limit)");
        }
        TableColumn[] columns = new TableColumn[layout.size()];
        int[][] codeMaps = new int[layout.size()][];
        for (int i = 0; i < layout.size(); i++) {
            EncodedColumn e = layout.get(i);
            TableColumn c = table.column(e.name());
            if (c == null) {
                throw new DataException(table.source() + ": no column '" + e.name() + "', which the model was"
                        + " trained with; add the column");
            }
            // A binary column read as categorical (as readingSchema() asks) maps its values by name, so a
            // third value is an unseen category rather than a reading error.
            boolean binaryAsCategories = e.type() == ColumnType.BINARY && c.type() == ColumnType.CATEGORICAL;
            if (c.type() != e.type() && !binaryAsCategories) {
                throw new DataException(table.source() + ", column '" + e.name() + "': reads as "
                        + lower(c.type()) + " but was " + lower(e.type()) + " in training; read the file with"
                        + " the training column types (schema)");
            }
            if (e.type() != ColumnType.NUMERIC) {
                codeMaps[i] = codeMap(c.categories(), e.categories());
            }
            columns[i] = c;
        }
        boolean labelled = trainingLabels ? labelColumn != null && table.hasLabel() : table.hasLabel();
        int[] labelMap = labelled && trainingLabels ? codeMap(table.labelValues(), labelValues) : null;

        float[] out = new float[n * width];
        int[] labels = labelled ? new int[n] : null;
        int[] kept = new int[n];
        int rows = 0;
        for (int r = 0; r < n; r++) {
            String problem = encodeRow(table, r, columns, codeMaps, out, rows * width, unseenAsMissing);
            int label = -1;
            if (problem == null && labelled) {
                label = labelMap == null ? table.labelCode(r) : labelMap[table.labelCode(r)];
                if (label < 0) {
                    problem = "label column '" + labelColumn + "': " + TableErrors.value(table.label(r))
                            + " was not a label in training " + TableErrors.list(labelValues);
                }
            }
            if (problem != null) {
                if (onBadRow == BadRowPolicy.FAIL) {
                    throw new DataException(table.where(r) + ", " + problem
                            + "; fix the value or skip such rows (on-bad-row skip)");
                }
                continue;
            }
            if (labelled) {
                labels[rows] = label;
            }
            kept[rows++] = r;
        }
        int skipped = n - rows;
        if (skipped > 0) {
            out = Arrays.copyOf(out, rows * width);
            kept = Arrays.copyOf(kept, rows);
            labels = labelled ? Arrays.copyOf(labels, rows) : null;
        }
        return new EncodedTable(out, rows, width, labels, kept, skipped);
    }

    /** Writes one row at {@code at}; returns null, or the problem (an unseen category). */
    private String encodeRow(Table table, int r, TableColumn[] columns, int[][] codeMaps, float[] out, int at,
                             boolean unseenAsMissing) {
        for (int i = 0; i < columns.length; i++) {
            EncodedColumn e = layout.get(i);
            TableColumn c = columns[i];
            int o = at + e.offset();
            if (e.type() == ColumnType.NUMERIC) {
                float v = c.number(r);
                out[o] = v == v ? (float) ((v - e.mean()) / e.std()) : Float.NaN;
                continue;
            }
            int code = c.code(r);
            if (code < 0) {
                Arrays.fill(out, o, o + e.width(), Float.NaN);
                continue;
            }
            int k = codeMaps[i][code];
            if (k < 0 && unseenAsMissing) {
                Arrays.fill(out, o, o + e.width(), Float.NaN);
                continue;
            }
            if (k < 0) {
                return "column '" + e.name() + "': " + TableErrors.value(c.categories().get(code))
                        + " was not seen in training " + TableErrors.list(e.categories());
            }
            if (e.type() == ColumnType.BINARY) {
                out[o] = k;
            } else {
                Arrays.fill(out, o, o + e.width(), 0f);
                out[o + k] = 1f;
            }
        }
        return null;
    }

    /** For each of the table's categories its index among the transform's, -1 for an unseen one. */
    private static int[] codeMap(List<String> tableCategories, List<String> known) {
        CategoryIndex index = new CategoryIndex();
        known.forEach(index::add);
        return tableCategories.stream().mapToInt(index::codeOf).toArray();
    }

    private static String lower(ColumnType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    /** Decodes one model vector (its first {@link #width()} values) to the source columns' values. */
    public String[] decode(float[] vector) {
        return decode(vector, 0);
    }

    /**
     * Decodes row {@code row} of row-major vectors to the source columns' values, in {@link #layout()} order:
     * a number in original units (shortest float text), the category with the largest value of its block, the
     * second binary category when the value is above 0.5. A NaN entry decodes to the empty string (missing).
     */
    public String[] decode(float[] vectors, int row) {
        int at = row * width;
        if (row < 0 || at + width > vectors.length) {
            throw new IllegalArgumentException("row " + row + " of " + width + " values is beyond "
                    + vectors.length + " values");
        }
        String[] out = new String[layout.size()];
        for (int i = 0; i < out.length; i++) {
            EncodedColumn e = layout.get(i);
            int o = at + e.offset();
            out[i] = switch (e.type()) {
                case NUMERIC -> vectors[o] != vectors[o] ? ""
                        : e.integer() ? Long.toString(Math.round(vectors[o] * e.std() + e.mean()))
                        : formatNumber((float) (vectors[o] * e.std() + e.mean()));
                case BINARY -> vectors[o] != vectors[o] ? ""
                        : e.categories().get(vectors[o] > 0.5f && e.categories().size() > 1 ? 1 : 0);
                case CATEGORICAL -> {
                    int best = -1;
                    for (int k = 0; k < e.width(); k++) {
                        if (vectors[o + k] == vectors[o + k] && (best < 0 || vectors[o + k] > vectors[o + best])) {
                            best = k;
                        }
                    }
                    yield best < 0 ? "" : e.categories().get(best);
                }
            };
        }
        return out;
    }

    /** A float as the shortest text that reads back as it ({@link Float#toString}), without a trailing ".0". */
    static String formatNumber(float v) {
        String s = Float.toString(v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    /** The transform as JSON (format in the class comment). */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("version", VERSION);
        ArrayNode cols = root.putArray("columns");
        for (EncodedColumn e : layout) {
            ObjectNode o = cols.addObject();
            o.put("name", e.name());
            o.put("type", lower(e.type()));
            if (e.type() == ColumnType.NUMERIC) {
                o.put("mean", e.mean());
                o.put("std", e.std());
                if (e.integer()) {
                    o.put("integer", true);
                }
            } else {
                ArrayNode a = o.putArray("categories");
                e.categories().forEach(a::add);
            }
        }
        if (labelColumn != null) {
            ObjectNode label = root.putObject("label");
            label.put("column", labelColumn);
            ArrayNode a = label.putArray("values");
            labelValues.forEach(a::add);
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@link #fromJson(String, String)} naming the source "table transform". */
    public static TableTransform fromJson(String json) {
        return fromJson(json, "table transform");
    }

    /** Reads a transform written by {@link #toJson()}; {@code source} (e.g. the checkpoint file) names it in messages. */
    public static TableTransform fromJson(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw damaged(source, "not valid JSON: " + TableSchema.oneLine(e.getOriginalMessage()));
        }
        if (root == null || !root.isObject() || !FORMAT.equals(root.path("format").asText(null))) {
            throw damaged(source, "not a " + FORMAT);
        }
        if (root.path("version").asInt(-1) != VERSION) {
            throw damaged(source, "unknown version " + root.path("version") + " (this vae4j reads " + VERSION + ")");
        }
        JsonNode cols = root.path("columns");
        if (!cols.isArray() || cols.isEmpty()) {
            throw damaged(source, "no columns");
        }
        List<EncodedColumn> layout = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int offset = 0;
        for (JsonNode c : cols) {
            String name = c.path("name").isTextual() ? c.path("name").asText() : null;
            if (name == null || !names.add(name)) {
                throw damaged(source, name == null ? "a column without a name" : "column '" + name + "' twice");
            }
            ColumnType type = null;
            for (ColumnType t : ColumnType.values()) {
                if (lower(t).equals(c.path("type").asText(""))) {
                    type = t;
                }
            }
            if (type == null) {
                throw damaged(source, "column '" + name + "' has no known type");
            }
            EncodedColumn e;
            if (type == ColumnType.NUMERIC) {
                JsonNode mean = c.path("mean");
                JsonNode std = c.path("std");
                if (!mean.isNumber() || !std.isNumber() || !Double.isFinite(mean.doubleValue())
                        || !(std.doubleValue() > 0) || !Double.isFinite(std.doubleValue())) {
                    throw damaged(source, "column '" + name + "' needs a finite mean and a positive std");
                }
                e = new EncodedColumn(name, type, offset, 1, List.of(), mean.doubleValue(), std.doubleValue(),
                        c.path("integer").asBoolean(false));
            } else {
                List<String> categories = strings(c.path("categories"), source, "column '" + name + "'");
                if (categories.isEmpty() || type == ColumnType.BINARY && categories.size() > 2) {
                    throw damaged(source, "column '" + name + "' has " + categories.size() + " categories");
                }
                e = new EncodedColumn(name, type, offset, type == ColumnType.BINARY ? 1 : categories.size(),
                        categories, 0, 1);
            }
            layout.add(e);
            offset += e.width();
        }
        JsonNode label = root.path("label");
        if (label.isMissingNode() || label.isNull()) {
            return new TableTransform(layout, null, List.of());
        }
        if (!label.path("column").isTextual()) {
            throw damaged(source, "the label has no column name");
        }
        return new TableTransform(layout, label.path("column").asText(),
                strings(label.path("values"), source, "the label"));
    }

    private static List<String> strings(JsonNode array, String source, String what) {
        if (!array.isArray()) {
            throw damaged(source, what + " has no list of values");
        }
        List<String> out = new ArrayList<>();
        CategoryIndex distinct = new CategoryIndex();
        for (JsonNode v : array) {
            if (!v.isTextual() || distinct.codeOf(v.asText()) >= 0) {
                throw damaged(source, what + " has a value that is not a distinct string: " + v);
            }
            distinct.add(v.asText());
            out.add(v.asText());
        }
        return out;
    }

    private static DataException damaged(String source, String problem) {
        return new DataException(source + ": the table transform is damaged (" + problem
                + "); train the model again");
    }
}
