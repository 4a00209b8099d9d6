package vae.core.checkpoint;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vae.core.data.DataException;
import vae.core.data.ExampleShape;
import vae.core.optim.AdamConfig;
import vae.core.spi.ComponentSpec;
import vae.core.spi.ModelSpec;
import vae.core.table.TableTransform;
import vae.core.train.Binarization;
import vae.core.train.DataParallel;

/**
 * Everything a checkpoint records besides tensors: the model's composition (each axis with its
 * hyperparameters) and data shape, enough to rebuild it, and how the run trains, enough to
 * continue it exactly. Stored in the safetensors {@code __metadata__}, whose values must be
 * strings, so structured values are JSON-encoded strings. Version 2 records each axis; version-1
 * files (one variant name and a flat hyperparameter map) are read as the composition that
 * variant was.
 *
 * @param model      the composition
 * @param dataShape  the shape of one example
 * @param run        how the run trains
 * @param epoch      epochs completed
 * @param globalStep optimiser steps taken
 * @param testLoss   the test loss after {@code epoch} (NaN if unknown)
 * @param validationLoss the validation loss after {@code epoch} (NaN for a run without a
 *                   validation set, or if unknown; stored as {@code validation_loss} when known)
 * @param table      for a model of table rows, the transform between rows and model vectors
 *                   (stored as {@code table}); null for images
 */
public record CheckpointMetadata(ModelSpec model, ExampleShape dataShape, RunSettings run, int epoch, long globalStep,
                                 double testLoss, double validationLoss, TableTransform table) {

    /** The metadata of a model of images (no table transform) without a validation loss. */
    public CheckpointMetadata(ModelSpec model, ExampleShape dataShape, RunSettings run, int epoch, long globalStep,
                              double testLoss) {
        this(model, dataShape, run, epoch, globalStep, testLoss, Double.NaN, null);
    }

    /** The metadata without a validation loss. */
    public CheckpointMetadata(ModelSpec model, ExampleShape dataShape, RunSettings run, int epoch, long globalStep,
                              double testLoss, TableTransform table) {
        this(model, dataShape, run, epoch, globalStep, testLoss, Double.NaN, table);
    }

    /** The value of {@code format} in every vae4j checkpoint. */
    public static final String FORMAT = "vae4j";
    /** The layout version this code writes. */
    public static final int FORMAT_VERSION = 2;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A run's metadata before its first epoch. */
    public static CheckpointMetadata start(ModelSpec model, ExampleShape dataShape, RunSettings run) {
        return start(model, dataShape, run, null);
    }

    /** A run's metadata before its first epoch, for a model of table rows when {@code table} is not null. */
    public static CheckpointMetadata start(ModelSpec model, ExampleShape dataShape, RunSettings run,
                                           TableTransform table) {
        return new CheckpointMetadata(model, dataShape, run, 0, 0, Double.NaN, Double.NaN, table);
    }

    /** The same record after more training, without a validation loss. */
    public CheckpointMetadata at(int newEpoch, long newGlobalStep, double newTestLoss) {
        return at(newEpoch, newGlobalStep, newTestLoss, Double.NaN);
    }

    /** The same record after more training. */
    public CheckpointMetadata at(int newEpoch, long newGlobalStep, double newTestLoss, double newValidationLoss) {
        return new CheckpointMetadata(model, dataShape, run, newEpoch, newGlobalStep, newTestLoss, newValidationLoss,
                table);
    }

    /**
     * The loss that chooses between epochs: the validation loss when the run has a validation set,
     * else the test loss (NaN if unknown).
     */
    public double selectionLoss() {
        return run.aids().validationExamples() > 0 ? validationLoss : testLoss;
    }

    /** The string map stored as {@code __metadata__}. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("format_version", Integer.toString(FORMAT_VERSION));
        m.put("variant", model.variant());
        m.put("objective", component(model.objective()));
        m.put("architecture", component(model.architecture()));
        if (model.prior() != null) {
            m.put("prior", component(model.prior()));
        }
        m.put("likelihood", component(model.likelihood()));
        if (model.posterior() != null) {
            m.put("posterior", component(model.posterior()));
        }
        if (model.conditional()) {
            m.put("condition_classes", Integer.toString(model.conditionClasses()));
        }
        if (model.hasClassifier()) {
            m.put("classifier_hidden", Integer.toString(model.classifierHidden()));
        }
        if (table != null) {
            m.put("table", table.toJson());
        }
        m.put("data_shape", JSON.createArrayNode().add(dataShape.channels()).add(dataShape.height())
                .add(dataShape.width()).toString());
        m.put("epoch", Integer.toString(epoch));
        m.put("global_step", Long.toString(globalStep));
        m.put("seed", Long.toString(run.seed()));
        m.put("dataset", run.dataset());
        m.put("train_limit", Integer.toString(run.trainLimit()));
        m.put("test_limit", Integer.toString(run.testLimit()));
        m.put("binarize", run.binarization().name().toLowerCase(Locale.ROOT));
        m.put("batch_size", Integer.toString(run.batchSize()));
        if (run.onlyLabel() != null) { // written only when set, so the run ids of other runs stay as they were
            m.put("only_label", run.onlyLabel());
        }
        if (run.dataParallel() != null) {
            m.put("local_sgd", JSON.createObjectNode().put("partitions", run.dataParallel().partitions())
                    .put("sync_every", run.dataParallel().syncEvery()).toString());
        }
        AdamConfig adam = run.adam();
        ObjectNode opt = JSON.createObjectNode();
        opt.put("name", "adam");
        opt.put("lr", adam.lr());
        opt.putArray("betas").add(adam.beta1()).add(adam.beta2());
        opt.put("eps", adam.eps());
        opt.put("weight_decay", adam.weightDecay());
        // Written only when set, so other runs' ids stay as they were (a build older than the key ignores it).
        if (adam.initialSecondMoment() != 0) {
            opt.put("initial_second_moment", adam.initialSecondMoment());
        }
        m.put("optimizer", opt.toString());
        TrainingAidsEntries.put(m, run.aids());
        m.put("test_loss", Double.toString(testLoss));
        if (!Double.isNaN(validationLoss)) {
            m.put("validation_loss", Double.toString(validationLoss));
        }
        m.put("run_id", runId(m));
        return m;
    }

    /**
     * The run's identity: a digest of everything recorded except how far it has got (epoch, step,
     * test loss), so every checkpoint of one run, resumed or not, carries the same id, and the
     * files of two runs cannot pass as one pair. Runs with the same settings share it, and they
     * are the same run bit for bit.
     */
    public String runId() {
        return toMap().get("run_id");
    }

    private static String runId(Map<String, String> m) {
        StringBuilder text = new StringBuilder();
        m.forEach((k, v) -> {
            if (!k.equals("epoch") && !k.equals("global_step") && !k.equals("test_loss") && !k.equals("validation_loss")
                    && !k.equals("run_id")) {
                text.append(k).append('=').append(v).append('\n');
            }
        });
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 8);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static DataParallel dataParallel(Fields f) {
        JsonNode n = f.json("local_sgd", true);
        if (!n.path("partitions").canConvertToInt() || !n.path("partitions").isIntegralNumber()
                || !n.path("sync_every").canConvertToInt() || !n.path("sync_every").isIntegralNumber()) {
            throw f.bad("local_sgd", "expected whole numbers 'partitions' and 'sync_every'");
        }
        try {
            return new DataParallel(n.get("partitions").intValue(), n.get("sync_every").intValue());
        } catch (IllegalArgumentException e) {
            throw f.bad("local_sgd", e.getMessage());
        }
    }

    private static int conditionClasses(Fields f) {
        int classes = f.integer("condition_classes");
        if (classes < 2 || classes > ModelSpec.MAX_CONDITION_CLASSES) {
            throw f.bad("condition_classes", "expected 2 to " + ModelSpec.MAX_CONDITION_CLASSES + " label classes");
        }
        return classes;
    }

    private static int classifierHidden(Fields f) {
        int hidden = f.integer("classifier_hidden");
        if (hidden < 1 || hidden > ModelSpec.MAX_CLASSIFIER_HIDDEN || !f.m().containsKey("condition_classes")) {
            throw f.bad("classifier_hidden", "expected 1 to " + ModelSpec.MAX_CLASSIFIER_HIDDEN
                    + " hidden units of a conditional model's classifier");
        }
        return hidden;
    }

    private static String component(ComponentSpec c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("name", c.name());
        ObjectNode hyper = node.putObject("hyperparameters");
        c.hyperparameters().forEach(hyper::put);
        return node.toString();
    }

    /**
     * Parses the {@code __metadata__} of {@code file}.
     *
     * @throws CheckpointException naming the file and the missing or malformed entry
     */
    public static CheckpointMetadata fromMap(Path file, Map<String, String> m) {
        return fromMap(file.toString(), m);
    }

    /**
     * Parses a {@code __metadata__}; {@code file} names where it came from in messages (a path, or
     * the name of bytes read from memory).
     *
     * @throws CheckpointException naming {@code file} and the missing or malformed entry
     */
    public static CheckpointMetadata fromMap(String file, Map<String, String> m) {
        Fields f = new Fields(file, m);
        String format = f.text("format");
        if (!format.equals(FORMAT)) {
            throw new CheckpointException(file + " is not a vae4j checkpoint (its metadata says format '" + format
                    + "'); pass a model.safetensors written by 'vae train'");
        }
        int version = f.integer("format_version");
        if (version != 1 && version != FORMAT_VERSION) {
            throw new CheckpointException(file + " has checkpoint format version " + version + " but this vae4j reads "
                    + "versions 1 and " + FORMAT_VERSION + "; use the vae4j that wrote it");
        }
        ModelSpec model = version == 1
                ? FormatOneVariants.spec(file, f.text("variant"), f.stringMap(f.json("hyperparameters", true),
                        "hyperparameters"), f.text("likelihood"))
                : new ModelSpec(f.text("variant"), f.component("objective"), f.component("architecture"),
                        f.m().containsKey("prior") ? f.component("prior") : null, f.component("likelihood"),
                        f.m().containsKey("posterior") ? f.component("posterior") : null,
                        f.m().containsKey("condition_classes") ? conditionClasses(f) : 0,
                        f.m().containsKey("classifier_hidden") ? classifierHidden(f) : 0);
        JsonNode shape = f.json("data_shape", false);
        ExampleShape dataShape;
        try {
            if (shape.size() != 3 || !shape.get(0).canConvertToInt() || !shape.get(1).canConvertToInt()
                    || !shape.get(2).canConvertToInt()) {
                throw f.bad("data_shape", "expected [channels, height, width]");
            }
            dataShape = new ExampleShape(shape.get(0).intValue(), shape.get(1).intValue(), shape.get(2).intValue());
        } catch (IllegalArgumentException e) {
            throw f.bad("data_shape", e.getMessage());
        }
        Binarization binarization = switch (f.text("binarize")) {
            case "none" -> Binarization.NONE;
            case "dynamic" -> Binarization.DYNAMIC;
            default -> throw f.bad("binarize", "expected none or dynamic");
        };
        JsonNode opt = f.json("optimizer", true);
        AdamConfig adam;
        try {
            JsonNode betas = opt.path("betas");
            if (!"adam".equals(opt.path("name").asText()) || !opt.path("lr").isNumber() || !betas.path(0).isNumber()
                    || !betas.path(1).isNumber() || !opt.path("eps").isNumber() || !opt.path("weight_decay").isNumber()
                    || opt.has("initial_second_moment") && !opt.get("initial_second_moment").isNumber()) {
                throw f.bad("optimizer", "expected {name: adam, lr, betas, eps, weight_decay[, initial_second_moment]}");
            }
            adam = new AdamConfig(opt.get("lr").doubleValue(), betas.get(0).doubleValue(), betas.get(1).doubleValue(),
                    opt.get("eps").doubleValue(), opt.get("weight_decay").doubleValue(),
                    opt.path("initial_second_moment").asDouble(0));
        } catch (IllegalArgumentException e) {
            throw f.bad("optimizer", e.getMessage());
        }
        RunSettings run = new RunSettings(f.longValue("seed"), f.text("dataset"), f.nonNegativeInt("train_limit"),
                f.nonNegativeInt("test_limit"), binarization, positive(f, "batch_size"), adam, m.get("only_label"),
                TrainingAidsEntries.read(m, f::bad), m.containsKey("local_sgd") ? dataParallel(f) : null);
        TableTransform table = null;
        if (m.containsKey("table")) {
            try {
                table = TableTransform.fromJson(m.get("table"), file);
            } catch (DataException e) {
                throw f.bad("table", e.getMessage());
            }
            if (table.width() != dataShape.size()) {
                throw f.bad("table", "its columns take " + table.width() + " values but data_shape has "
                        + dataShape.size());
            }
        }
        double validationLoss = m.containsKey("validation_loss") ? f.real("validation_loss") : Double.NaN;
        return new CheckpointMetadata(model, dataShape, run, f.nonNegativeInt("epoch"), f.nonNegativeLong("global_step"),
                f.real("test_loss"), validationLoss, table);
    }

    private static int positive(Fields f, String key) {
        int v = f.integer(key);
        if (v < 1) {
            throw f.bad(key, "must be positive");
        }
        return v;
    }

    /** Typed access to the string map, with one-line errors. */
    private record Fields(String file, Map<String, String> m) {
        String text(String key) {
            String v = m.get(key);
            if (v == null) {
                throw new CheckpointException(file + " has no '" + key + "' in its metadata; it was not written by "
                        + "'vae train' or is damaged");
            }
            return v;
        }

        CheckpointException bad(String key, String why) {
            return new CheckpointException(file + " has a malformed metadata entry '" + key + "' ("
                    + why + "); the file is damaged");
        }

        /** The text of {@code key} read by {@code parse}; a parse failure is damage, said as {@code what}. */
        private <T> T parsed(String key, java.util.function.Function<String, T> parse, String what) {
            String text = text(key);
            try {
                return parse.apply(text);
            } catch (NumberFormatException e) {
                throw bad(key, what);
            }
        }

        int integer(String key) {
            return parsed(key, Integer::valueOf, "not an integer");
        }

        int nonNegativeInt(String key) {
            int v = integer(key);
            if (v < 0) {
                throw bad(key, "negative");
            }
            return v;
        }

        long longValue(String key) {
            return parsed(key, Long::valueOf, "not an integer");
        }

        long nonNegativeLong(String key) {
            long v = longValue(key);
            if (v < 0) {
                throw bad(key, "negative");
            }
            return v;
        }

        double real(String key) {
            return parsed(key, Double::valueOf, "not a number");
        }

        /** A {@code {name, hyperparameters}} entry of version 2. */
        ComponentSpec component(String key) {
            JsonNode n = json(key, true);
            if (!n.path("name").isTextual() || !n.path("hyperparameters").isObject()) {
                throw bad(key, "expected {name, hyperparameters}");
            }
            return new ComponentSpec(n.get("name").asText(), stringMap(n.get("hyperparameters"), key));
        }

        /** A JSON object of scalar values as text. */
        Map<String, String> stringMap(JsonNode object, String key) {
            Map<String, String> values = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : object.properties()) {
                if (!e.getValue().isValueNode()) {
                    throw bad(key, "hyperparameter values must be numbers, strings or booleans");
                }
                values.put(e.getKey(), e.getValue().asText());
            }
            return values;
        }

        JsonNode json(String key, boolean object) {
            JsonNode n;
            try {
                n = JSON.readTree(text(key));
            } catch (JacksonException e) {
                throw bad(key, "not valid JSON");
            }
            if (object ? !n.isObject() : !n.isArray()) {
                throw bad(key, object ? "not a JSON object" : "not a JSON array");
            }
            return n;
        }
    }
}
