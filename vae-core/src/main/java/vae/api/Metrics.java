package vae.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import vae.core.train.EpochReport;

/**
 * Appends one JSON object per epoch to a file (JSON Lines): {@code epoch, train_loss, test_loss,
 * kl, seconds, images_per_second}, then {@code test_terms}, {@code train_terms}, {@code term_weights} and
 * {@code test_seconds}, then {@code lr} (the epoch's learning rate); a run with a validation set
 * adds {@code validation_loss} and {@code validation_terms}, and one with KL warm-up or free bits
 * {@code train_loss_unannealed} (the training loss without them; {@code train_loss} is the
 * objective as trained). A term a model lacks is written as null (JSON has no NaN).
 */
public final class Metrics implements TrainingListener {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    private Metrics(Path file) {
        this.file = file;
    }

    /** Metrics appended to {@code file}. */
    public static Metrics jsonLines(Path file) {
        return new Metrics(file);
    }

    /** The line for one epoch of the run {@code runId} names (as its checkpoints record it), without aids. */
    public static String line(EpochReport r, String runId) {
        return line(r, runId, false);
    }

    /**
     * The line for one epoch of the run {@code runId} names; {@code weighsKl} when the run trains
     * with KL warm-up or free bits, to add the training loss without them.
     */
    public static String line(EpochReport r, String runId, boolean weighsKl) {
        ObjectNode o = JSON.createObjectNode();
        o.put("run_id", runId);
        o.put("epoch", r.epoch());
        o.put("train_loss", r.train().objective());
        o.put("test_loss", r.test().objective());
        putFinite(o, "kl", r.test().term("kl"));
        o.put("seconds", r.seconds());
        o.put("images_per_second", r.imagesPerSecond());
        putTerms(o.putObject("test_terms"), r.test().terms());
        putTerms(o.putObject("train_terms"), r.train().terms());
        ObjectNode weights = o.putObject("term_weights");
        r.test().weights().forEach(weights::put);
        o.put("test_seconds", r.testSeconds());
        putFinite(o, "lr", r.learningRate());
        if (r.validation() != null) {
            o.put("validation_loss", r.validation().objective());
            putTerms(o.putObject("validation_terms"), r.validation().terms());
        }
        if (weighsKl) {
            putFinite(o, "train_loss_unannealed", r.train().weightedTerms());
        }
        return o.toString();
    }

    private static void putTerms(ObjectNode terms, Map<String, Double> values) {
        for (Map.Entry<String, Double> e : values.entrySet()) {
            putFinite(terms, e.getKey(), e.getValue());
        }
    }

    private static void putFinite(ObjectNode o, String key, double value) {
        if (Double.isFinite(value)) {
            o.put(key, value);
        } else {
            o.putNull(key);
        }
    }

    @Override
    public void started(TrainingRun run) {
        Path parent = file.toAbsolutePath().getParent();
        Outputs.requireWritableDirectory(parent, "metrics directory");
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException("the metrics file " + file + " is a directory; name a file");
        }
    }

    @Override
    public void epochEnded(TrainingRun run, EpochReport r) throws IOException {
        Files.writeString(file, line(r, run.metadata().runId(), run.settings().aids().weighsKl()) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
