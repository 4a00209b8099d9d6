package vae.core.table;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vae.core.data.DataException;

/**
 * Declared facts about a table's columns: the type (and optionally the categories) of some columns, the
 * label column and the columns to ignore. Columns the schema does not list are inferred by {@link TableReader}.
 *
 * <p>The JSON form ({@link #read(Path)}, {@link #toJson()}); every key is optional:
 * <pre>{@code
 * {
 *   "label": "status",
 *   "ignore": ["id", "comment"],
 *   "columns": {
 *     "age": "numeric",
 *     "zip": "categorical",
 *     "smoker": {"type": "binary", "categories": ["no", "yes"]},
 *     "color": {"type": "categorical", "categories": ["red", "green", "blue"]}
 *   }
 * }
 * }</pre>
 * A type is {@code numeric}, {@code binary} or {@code categorical}. Declared categories are the complete
 * set, in the order the one-hot encoding uses (for a binary column: the second one encodes as 1); a value
 * outside them is a bad row. Unknown keys are refused, so a misspelt key does not go unnoticed.
 *
 * @param columns declared columns by name, in declaration order
 * @param label   the label column, or null
 * @param ignored columns not to read
 */
public record TableSchema(Map<String, Column> columns, String label, List<String> ignored) {

    /**
     * One declared column.
     *
     * @param type       its type
     * @param categories its complete set of values in encoding order, or empty to infer them (never for numeric;
     *                   exactly two for binary)
     */
    public record Column(ColumnType type, List<String> categories) {
        /** Validates the declaration. */
        public Column {
            if (type == null) {
                throw new IllegalArgumentException("a column needs a type");
            }
            categories = List.copyOf(categories);
            if (type == ColumnType.NUMERIC && !categories.isEmpty()) {
                throw new IllegalArgumentException("a numeric column has no categories");
            }
            if (type == ColumnType.BINARY && !categories.isEmpty() && categories.size() != 2) {
                throw new IllegalArgumentException("a binary column has exactly two categories, not "
                        + categories.size());
            }
            CategoryIndex seen = new CategoryIndex();
            for (String category : categories) {
                if (seen.codeOf(category) >= 0) {
                    throw new IllegalArgumentException("category '" + category + "' is listed twice");
                }
                seen.add(category);
            }
        }

        /** A column of the given type whose categories (if any) are inferred. */
        public static Column of(ColumnType type) {
            return new Column(type, List.of());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> TOP_KEYS = Set.of("label", "ignore", "columns");
    private static final Set<String> COLUMN_KEYS = Set.of("type", "categories");

    /** Copies the collections, keeping the column order. */
    public TableSchema {
        columns = Collections.unmodifiableMap(new LinkedHashMap<>(columns));
        ignored = List.copyOf(ignored);
    }

    /**
     * This schema for reading a file whose values are mapped onto another's categories (a test file,
     * a file to score): every binary column, except those named in {@code keep}, read as categorical,
     * so a third value is a category the other file lacks rather than a reading error.
     */
    public TableSchema withBinaryAsCategorical(Set<String> keep) {
        Map<String, Column> types = new LinkedHashMap<>();
        columns.forEach((name, column) -> types.put(name, column.type() == ColumnType.BINARY && !keep.contains(name)
                ? Column.of(ColumnType.CATEGORICAL) : column));
        return new TableSchema(types, label, ignored);
    }

    /** A schema declaring only column types. */
    public static TableSchema of(Map<String, Column> columns) {
        return new TableSchema(columns, null, List.of());
    }

    /** Reads a schema from a JSON file (format in the class comment). */
    public static TableSchema read(Path file) {
        String json;
        try {
            json = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new DataException(file + ": no such schema file; check the path", e);
        } catch (IOException e) {
            throw new DataException(file + ": cannot read the schema (" + oneLine(e.getMessage())
                    + "); check the file", e);
        }
        return parse(json, file.toString());
    }

    /** Parses a schema from JSON text; {@code source} names it in messages. */
    public static TableSchema parse(String json, String source) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            throw new DataException(source + ": not valid JSON (" + oneLine(e.getOriginalMessage())
                    + "); fix the schema file", e);
        }
        if (root == null || !root.isObject()) {
            throw bad(source, "the schema must be a JSON object like {\"columns\": {\"age\": \"numeric\"}}");
        }
        checkKeys(root, TOP_KEYS, source, "the schema");
        String label = null;
        if (root.has("label") && !root.get("label").isNull()) {
            label = text(root.get("label"), source, "\"label\"");
        }
        List<String> ignored = new ArrayList<>();
        if (root.has("ignore")) {
            ignored = texts(root.get("ignore"), source, "\"ignore\"");
        }
        Map<String, Column> columns = new LinkedHashMap<>();
        if (root.has("columns")) {
            JsonNode cols = root.get("columns");
            if (!cols.isObject()) {
                throw bad(source, "\"columns\" must be an object of column name to type");
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = cols.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                columns.put(e.getKey(), column(e.getKey(), e.getValue(), source));
            }
        }
        return new TableSchema(columns, label, ignored);
    }

    private static Column column(String name, JsonNode node, String source) {
        String what = "column '" + name + "'";
        ColumnType type;
        List<String> categories = List.of();
        if (node.isTextual()) {
            type = type(node.asText(), source, what);
        } else if (node.isObject()) {
            checkKeys(node, COLUMN_KEYS, source, what);
            if (!node.has("type")) {
                throw bad(source, what + " has no \"type\"");
            }
            type = type(text(node.get("type"), source, what + " \"type\""), source, what);
            if (node.has("categories")) {
                categories = texts(node.get("categories"), source, what + " \"categories\"");
            }
        } else {
            throw bad(source, what + " must be a type (\"numeric\", \"binary\", \"categorical\") or an object");
        }
        try {
            return new Column(type, categories);
        } catch (IllegalArgumentException e) {
            throw bad(source, what + ": " + e.getMessage());
        }
    }

    private static ColumnType type(String name, String source, String what) {
        for (ColumnType t : ColumnType.values()) {
            if (t.name().equalsIgnoreCase(name)) {
                return t;
            }
        }
        throw bad(source, what + " has unknown type '" + name + "' (numeric, binary or categorical)");
    }

    private static void checkKeys(JsonNode node, Set<String> allowed, String source, String what) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw bad(source, what + " has unknown key \"" + key + "\" (known: " + String.join(", ",
                        allowed.stream().sorted().toList()) + ")");
            }
        }
    }

    private static String text(JsonNode node, String source, String what) {
        if (!node.isTextual()) {
            throw bad(source, what + " must be a string");
        }
        return node.asText();
    }

    private static List<String> texts(JsonNode node, String source, String what) {
        if (!node.isArray()) {
            throw bad(source, what + " must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode item : node) {
            String s = text(item, source, what + " item");
            if (!seen.add(s)) {
                throw bad(source, what + " lists '" + s + "' twice");
            }
            out.add(s);
        }
        return out;
    }

    private static DataException bad(String source, String problem) {
        return new DataException(source + ": " + problem + "; fix the schema file");
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** The schema as JSON in the format of the class comment. */
    public String toJson() {
        ObjectNode root = JSON.createObjectNode();
        if (label != null) {
            root.put("label", label);
        }
        if (!ignored.isEmpty()) {
            ArrayNode a = root.putArray("ignore");
            ignored.forEach(a::add);
        }
        ObjectNode cols = root.putObject("columns");
        columns.forEach((name, c) -> {
            String type = c.type().name().toLowerCase(Locale.ROOT);
            if (c.categories().isEmpty()) {
                cols.put(name, type);
            } else {
                ObjectNode o = cols.putObject(name);
                o.put("type", type);
                ArrayNode a = o.putArray("categories");
                c.categories().forEach(a::add);
            }
        });
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JacksonException e) {
            throw new IllegalStateException(e);
        }
    }
}
