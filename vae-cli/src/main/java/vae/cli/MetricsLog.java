package vae.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import vae.core.train.EpochReport;

/** {@code --metrics FILE}: one JSON object per epoch, appended as a line (JSON Lines). */
final class MetricsLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    MetricsLog(Path file) {
        this.file = file;
    }

    /** The line for one epoch: the fields, then every test term and its weight by name. */
    static String line(EpochReport r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("epoch", r.epoch());
        o.put("train_loss", r.train().objective());
        o.put("test_loss", r.test().objective());
        putFinite(o, "kl", r.test().term("kl"));
        o.put("seconds", r.seconds());
        o.put("images_per_second", r.imagesPerSecond());
        ObjectNode terms = o.putObject("test_terms");
        for (Map.Entry<String, Double> e : r.test().terms().entrySet()) {
            putFinite(terms, e.getKey(), e.getValue());
        }
        ObjectNode weights = o.putObject("term_weights");
        r.test().weights().forEach(weights::put);
        o.put("test_seconds", r.testSeconds());
        return o.toString();
    }

    /** JSON has no NaN: a term a variant lacks is written as null. */
    private static void putFinite(ObjectNode o, String key, double value) {
        if (Double.isFinite(value)) {
            o.put(key, value);
        } else {
            o.putNull(key);
        }
    }

    void append(EpochReport r) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, line(r) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
