package vae.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import vae.core.data.DataException;
import vae.core.table.BadRowPolicy;
import vae.core.table.TableOptions;
import vae.core.table.TableSchema;

/**
 * Where a table run's rows come from and how they are split: one CSV file split by a test
 * fraction and seed (stratified by the label), or a training and a test file; read with the given
 * options. A checkpoint records it as its data set, so every command on the model can read the
 * same rows again.
 *
 * @param file         the CSV (or the training CSV when {@code testFile} is given), absolute
 * @param testFile     the test CSV, absolute, or null to split {@code file}
 * @param testFraction the share of {@code file}'s rows held out for testing when it is split, in [0, 1)
 * @param splitSeed    the seed of that split
 * @param options      how the files are read (label, ignored columns, missing tokens, bad rows, schema)
 */
public record TableSource(Path file, Path testFile, double testFraction, long splitSeed, TableOptions options) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Validates the fraction, makes the paths absolute, and reads a {@code .tsv} file with tabs. */
    public TableSource {
        file = file.toAbsolutePath().normalize();
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if ((name.endsWith(".tsv") || name.endsWith(".tsv.gz")) && options.delimiter() == ',') {
            options = options.withDelimiter('\t');
        }
        testFile = testFile == null ? null : testFile.toAbsolutePath().normalize();
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("the test fraction must be in [0, 1), got " + testFraction);
        }
    }

    /** One file, a share of whose rows (stratified by label) is held out for testing. */
    public static TableSource split(Path file, double testFraction, long splitSeed, TableOptions options) {
        return new TableSource(file, null, testFraction, splitSeed, options);
    }

    /** A training file and a test file with the same header. */
    public static TableSource files(Path train, Path test, TableOptions options) {
        return new TableSource(train, test, 0, 0, options);
    }

    /** True if a file name looks like a table: {@code .csv}, {@code .tsv} or either gzipped. */
    public static boolean isTableFile(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.endsWith(".csv") || n.endsWith(".csv.gz") || n.endsWith(".tsv") || n.endsWith(".tsv.gz");
    }

    /** True if a data set specification (as checkpoints record it) describes a table. */
    public static boolean isSpec(String spec) {
        if (spec == null || !spec.startsWith("{")) {
            return false;
        }
        try {
            return JSON.readTree(spec).path("table").isTextual();
        } catch (JacksonException e) {
            return false;
        }
    }

    /** The data set specification a checkpoint records: this source as one line of JSON. */
    public String spec() {
        ObjectNode n = JSON.createObjectNode();
        n.put("table", file.toString());
        if (testFile != null) {
            n.put("test", testFile.toString());
        } else {
            n.put("test_fraction", testFraction);
            n.put("split_seed", splitSeed);
        }
        if (options.labelColumn() != null) {
            n.put("label", options.labelColumn());
        }
        options.ignoredColumns().forEach(n.putArray("ignore")::add);
        var missing = n.putArray("missing");
        new TreeSet<>(options.missingTokens()).forEach(missing::add);
        n.put("on_bad_row", options.onBadRow().name().toLowerCase(Locale.ROOT));
        n.put("delimiter", String.valueOf(options.delimiter()));
        n.put("max_categories", options.maxCategories());
        if (options.schema() != null) {
            n.set("schema", readTree(options.schema().toJson()));
        }
        return n.toString();
    }

    /**
     * The source a recorded specification describes.
     *
     * @throws DataException if the specification is not one {@link #spec()} wrote
     */
    public static TableSource parse(String spec) {
        try {
            JsonNode n = JSON.readTree(spec);
            if (!n.path("table").isTextual()) {
                throw new DataException("the recorded table source has no file; the checkpoint is damaged");
            }
            List<String> ignored = new ArrayList<>();
            n.path("ignore").forEach(v -> ignored.add(v.asText()));
            Set<String> missing = new TreeSet<>();
            n.path("missing").forEach(v -> missing.add(v.asText()));
            String delimiter = n.path("delimiter").asText(",");
            TableOptions options = TableOptions.defaults()
                    .withLabelColumn(n.hasNonNull("label") ? n.get("label").asText() : null)
                    .withIgnoredColumns(ignored)
                    .withMissingTokens(missing)
                    .withOnBadRow(BadRowPolicy.valueOf(n.path("on_bad_row").asText("fail").toUpperCase(Locale.ROOT)))
                    .withDelimiter(delimiter.isEmpty() ? ',' : delimiter.charAt(0))
                    .withMaxCategories(n.path("max_categories").asInt(TableOptions.DEFAULT_MAX_CATEGORIES));
            if (n.has("schema")) {
                options = options.withSchema(TableSchema.parse(n.get("schema").toString(), "the recorded schema"));
            }
            Path file = Path.of(n.get("table").asText());
            return n.has("test") ? files(file, Path.of(n.get("test").asText()), options)
                    : split(file, n.path("test_fraction").asDouble(), n.path("split_seed").asLong(), options);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new DataException("the recorded table source is malformed (" + e.getMessage().lines().findFirst()
                    .orElse("") + "); the checkpoint is damaged", e);
        }
    }

    private static JsonNode readTree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalStateException("a schema writes valid JSON", e);
        }
    }
}
