package vae.core.checkpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import vae.core.data.ExampleShape;
import vae.core.optim.AdamConfig;
import vae.core.train.Binarization;

/**
 * Everything a checkpoint records besides tensors: enough to rebuild the model (variant,
 * hyperparameters, data shape, likelihood) and to continue its training exactly (epoch, global
 * step, seed, data set and limits, binarisation, batch size, Adam's settings). Stored in the
 * safetensors {@code __metadata__}, whose values must be strings, so structured values are
 * JSON-encoded strings.
 *
 * @param variant         the variant's name, e.g. {@code vae}
 * @param hyperparameters every hyperparameter's value as text, in declaration order
 * @param dataShape       the shape of one example
 * @param likelihood      p(x|z) by name, e.g. {@code bernoulli}
 * @param epoch           epochs completed
 * @param globalStep      optimiser steps taken
 * @param seed            the run's seed
 * @param dataset         the data set specification, e.g. {@code mnist}
 * @param trainLimit      training examples used (0: all)
 * @param testLimit       test examples used (0: all)
 * @param binarization    how targets were formed
 * @param batchSize       examples per step
 * @param adam            the optimiser's settings
 * @param testLoss        the test loss after {@code epoch} (NaN if unknown)
 */
public record CheckpointMetadata(String variant, Map<String, String> hyperparameters, ExampleShape dataShape,
                                 String likelihood, int epoch, long globalStep, long seed, String dataset,
                                 int trainLimit, int testLimit, Binarization binarization, int batchSize,
                                 AdamConfig adam, double testLoss) {
    /** The value of {@code format} in every vae4j checkpoint. */
    public static final String FORMAT = "vae4j";
    /** The layout version this code writes and reads. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    public CheckpointMetadata {
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    }

    /** The same record after more training. */
    public CheckpointMetadata at(int newEpoch, long newGlobalStep, double newTestLoss) {
        return new CheckpointMetadata(variant, hyperparameters, dataShape, likelihood, newEpoch, newGlobalStep, seed,
                dataset, trainLimit, testLimit, binarization, batchSize, adam, newTestLoss);
    }

    /** The string map stored as {@code __metadata__}. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", FORMAT);
        m.put("format_version", Integer.toString(FORMAT_VERSION));
        m.put("variant", variant);
        ObjectNode hyper = JSON.createObjectNode();
        hyperparameters.forEach(hyper::put);
        m.put("hyperparameters", hyper.toString());
        m.put("data_shape", JSON.createArrayNode().add(dataShape.channels()).add(dataShape.height())
                .add(dataShape.width()).toString());
        m.put("likelihood", likelihood);
        m.put("epoch", Integer.toString(epoch));
        m.put("global_step", Long.toString(globalStep));
        m.put("seed", Long.toString(seed));
        m.put("dataset", dataset);
        m.put("train_limit", Integer.toString(trainLimit));
        m.put("test_limit", Integer.toString(testLimit));
        m.put("binarize", binarization.name().toLowerCase(Locale.ROOT));
        m.put("batch_size", Integer.toString(batchSize));
        ObjectNode opt = JSON.createObjectNode();
        opt.put("name", "adam");
        opt.put("lr", adam.lr());
        opt.putArray("betas").add(adam.beta1()).add(adam.beta2());
        opt.put("eps", adam.eps());
        opt.put("weight_decay", adam.weightDecay());
        m.put("optimizer", opt.toString());
        m.put("test_loss", Double.toString(testLoss));
        return m;
    }

    /**
     * Parses the {@code __metadata__} of {@code file}.
     *
     * @throws CheckpointException naming the file and the missing or malformed entry
     */
    public static CheckpointMetadata fromMap(Path file, Map<String, String> m) {
        Fields f = new Fields(file, m);
        String format = f.text("format");
        if (!format.equals(FORMAT)) {
            throw new CheckpointException(file + " is not a vae4j checkpoint (its metadata says format '" + format
                    + "'); pass a model.safetensors written by 'vae train'");
        }
        int version = f.integer("format_version");
        if (version != FORMAT_VERSION) {
            throw new CheckpointException(file + " has checkpoint format version " + version + " but this vae4j reads "
                    + "version " + FORMAT_VERSION + "; use the vae4j that wrote it");
        }
        Map<String, String> hyper = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : f.json("hyperparameters", true).properties()) {
            if (!e.getValue().isValueNode()) {
                throw f.bad("hyperparameters", "values must be numbers, strings or booleans");
            }
            hyper.put(e.getKey(), e.getValue().asText());
        }
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
                    || !betas.path(1).isNumber() || !opt.path("eps").isNumber() || !opt.path("weight_decay").isNumber()) {
                throw f.bad("optimizer", "expected {name: adam, lr, betas, eps, weight_decay}");
            }
            adam = new AdamConfig(opt.get("lr").doubleValue(), betas.get(0).doubleValue(), betas.get(1).doubleValue(),
                    opt.get("eps").doubleValue(), opt.get("weight_decay").doubleValue());
        } catch (IllegalArgumentException e) {
            throw f.bad("optimizer", e.getMessage());
        }
        return new CheckpointMetadata(f.text("variant"), hyper, dataShape, f.text("likelihood"),
                f.nonNegativeInt("epoch"), f.nonNegativeLong("global_step"), f.longValue("seed"), f.text("dataset"),
                f.nonNegativeInt("train_limit"), f.nonNegativeInt("test_limit"), binarization,
                positive(f, "batch_size"), adam, f.real("test_loss"));
    }

    private static int positive(Fields f, String key) {
        int v = f.integer(key);
        if (v < 1) {
            throw f.bad(key, "must be positive");
        }
        return v;
    }

    /** Typed access to the string map, with one-line errors. */
    private record Fields(Path file, Map<String, String> m) {
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
