package vae.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import vae.core.train.EpochReport;

/**
 * The epochs of one run, in order: what a run's {@code history.jsonl} ({@link vae.api.History})
 * records. A term a model lacks in some epoch is NaN there.
 *
 * @param epochs one entry per epoch, ascending
 */
public record RunHistory(List<Epoch> epochs) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One epoch's losses, in nats per example.
     *
     * @param epoch      its number, from 1
     * @param trainLoss  the training objective (averaged over the epoch's steps)
     * @param testLoss   the objective on the test set
     * @param validationLoss the objective on the validation set carved from the training set, NaN without one
     * @param trainTerms the objective's terms on the training set, by name
     * @param testTerms  the terms on the test set, by name
     */
    public record Epoch(int epoch, double trainLoss, double testLoss, double validationLoss,
                        Map<String, Double> trainTerms, Map<String, Double> testTerms) {
        /** Copies the maps. */
        public Epoch {
            trainTerms = Collections.unmodifiableMap(new LinkedHashMap<>(trainTerms));
            testTerms = Collections.unmodifiableMap(new LinkedHashMap<>(testTerms));
        }
    }

    /** Copies the list. */
    public RunHistory {
        epochs = List.copyOf(epochs);
    }

    /**
     * Reads a history file; a missing file is an empty history, a line that is not a whole record (a
     * crash cut it short) is skipped, and of two lines for one epoch the later wins.
     */
    public static RunHistory read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return new RunHistory(List.of());
        }
        TreeMap<Integer, Epoch> byEpoch = new TreeMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            Epoch e = parse(line);
            if (e != null) {
                byEpoch.put(e.epoch(), e);
            }
        }
        return new RunHistory(new ArrayList<>(byEpoch.values()));
    }

    /** The history of the reports of one run in memory. */
    public static RunHistory of(List<EpochReport> reports) {
        List<Epoch> out = new ArrayList<>();
        for (EpochReport r : reports) {
            out.add(new Epoch(r.epoch(), r.train().objective(), r.test().objective(),
                    r.validation() == null ? Double.NaN : r.validation().objective(), r.train().terms(), r.test().terms()));
        }
        return new RunHistory(out);
    }

    /** True when no epoch is recorded. */
    public boolean isEmpty() {
        return epochs.isEmpty();
    }

    /**
     * The names of the loss terms recorded in any epoch, in first-seen order; a semi-supervised
     * run's classifier error is a share of examples, not nats, and is left out.
     */
    public List<String> termNames() {
        Set<String> names = new LinkedHashSet<>();
        for (Epoch e : epochs) {
            names.addAll(e.testTerms().keySet());
            names.addAll(e.trainTerms().keySet());
        }
        names.remove(vae.core.train.SemiSupervisedLoss.ERROR);
        return List.copyOf(names);
    }

    /** True when some epoch has a validation loss. */
    public boolean hasValidation() {
        return epochs.stream().anyMatch(e -> Double.isFinite(e.validationLoss()));
    }

    /** The last epoch, or null when none is recorded. */
    public Epoch last() {
        return epochs.isEmpty() ? null : epochs.getLast();
    }

    private static Epoch parse(String line) {
        try {
            JsonNode o = JSON.readTree(line);
            if (o == null || !o.path("epoch").isInt()) {
                return null;
            }
            return new Epoch(o.get("epoch").asInt(), number(o.get("train_loss")), number(o.get("test_loss")),
                    number(o.get("validation_loss")), terms(o.get("train_terms")), terms(o.get("test_terms")));
        } catch (IOException e) {
            return null;
        }
    }

    private static Map<String, Double> terms(JsonNode node) {
        Map<String, Double> out = new LinkedHashMap<>();
        if (node != null && node.isObject()) {
            node.properties().forEach(e -> out.put(e.getKey(), number(e.getValue())));
        }
        return out;
    }

    private static double number(JsonNode n) {
        return n != null && n.isNumber() ? n.asDouble() : Double.NaN;
    }
}
