package vae.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import vae.api.Checkpoints;
import vae.api.History;
import vae.api.Pictures;
import vae.api.TrainedVae;
import vae.core.data.Dataset;
import vae.core.data.ImageFolderReader;
import vae.core.data.ImageFolderSource;

/**
 * Everything the report shows of one run, gathered from its directory: the checkpoint's settings, the
 * history, the last epoch's pictures, and what the model does on (the first examples of) its test set.
 *
 * @param dir        the run directory
 * @param describe   the model's one-line description
 * @param settings   the checkpoint's recorded settings, by key
 * @param history    its epochs
 * @param evaluation the test-set figures, or null when the test set could not be read
 * @param note       why there is no evaluation, or null
 * @param kl         KL per latent dimension, or null
 * @param latentMap  the latent map as a PNG, or null
 * @param pictures   PNG pictures by caption, in display order
 * @param table      a table model's column figures, or null
 */
record ReportRun(Path dir, String describe, Map<String, String> settings, RunHistory history, RunEvaluation evaluation,
                 String note, KlPerDimension kl, byte[] latentMap, Map<String, byte[]> pictures, TableFigures table) {
    private static final Pattern EPOCH_PICTURE = Pattern.compile("(sample|reconstruction)_(\\d+)\\.png");
    private static final int STEPS = 10;
    /** Recorded values longer than this are shortened in the settings table. */
    private static final int LONGEST_SETTING = 300;

    /** Gathers run {@code dir}, scoring {@code limit} test examples with {@code k} importance samples. */
    static ReportRun gather(Path dir, int limit, int k) throws IOException {
        RunHistory history = RunHistory.read(History.fileIn(dir));
        try (TrainedVae m = TrainedVae.load(dir.resolve(Checkpoints.MODEL_FILE))) {
            Map<String, String> settings = new LinkedHashMap<>();
            m.metadata().toMap().forEach((key, value) -> {
                if (!key.equals("table")) { // the column layout is shown as the column table instead
                    settings.put(key, value.length() > LONGEST_SETTING ? value.substring(0, LONGEST_SETTING) + "…" : value);
                }
            });
            Map<String, byte[]> pictures = lastEpochPictures(dir);
            Dataset test;
            try {
                test = m.testSet(null, limit);
            } catch (RuntimeException e) { // the data moved or changed since training: show the rest
                return new ReportRun(dir, m.describe(), settings, history, null,
                        "no evaluation: the test set could not be read (" + e.getMessage() + ")", null, null, pictures,
                        null);
            }
            var summary = m.evaluate(test, k);
            boolean prior = m.canSample();
            // Bits per dimension are a figure of images (of pixel values), not of a table's encoded columns.
            RunEvaluation evaluation = RunEvaluation.of(summary, k, m.table().isPresent() ? 0 : test.dimension(), prior);
            KlPerDimension kl = prior ? KlPerDimension.of(summary, m.klSplitsByDimension()) : null;
            byte[] map = LatentMap.of(m, test, limit).png("latent means of " + test.size() + " test examples",
                    labelNames(m));
            TableFigures table = m.table().isPresent() ? TableFigures.of(m, test, m.metadata().run().seed()) : null;
            if (m.table().isEmpty() && test.size() >= 2) {
                pictures.put("interpolation between the latent means of test examples 0 and " + other(test),
                        Pictures.gridPng(Pictures.interpolation(m, test, 0, other(test), STEPS), STEPS + 2,
                                test.shape(), STEPS + 2));
            }
            return new ReportRun(dir, m.describe(), settings, history, evaluation, null, kl, map, pictures, table);
        }
    }

    /** A table's label values, a folder's class names, else the label numbers. */
    private static IntFunction<String> labelNames(TrainedVae m) {
        if (m.table().isPresent()) {
            return m.table().get()::labelName;
        }
        String spec = m.metadata().run().dataset();
        if (ImageFolderSource.isSpec(spec)) {
            try {
                List<String> classes = ImageFolderReader.classNames(ImageFolderSource.parse(spec).directory());
                return code -> code >= 0 && code < classes.size() ? classes.get(code) : String.valueOf(code);
            } catch (RuntimeException e) {
                return String::valueOf; // the folder is gone: numbers will do
            }
        }
        return String::valueOf;
    }

    /** The first test example with a label other than example 0's (or example 1). */
    private static int other(Dataset test) {
        if (test.hasLabels()) {
            for (int i = 1; i < test.size(); i++) {
                if (test.label(i) != test.label(0)) {
                    return i;
                }
            }
        }
        return 1;
    }

    /** The samples and reconstructions {@link Pictures} wrote in the run's last epoch. */
    private static Map<String, byte[]> lastEpochPictures(Path dir) throws IOException {
        TreeMap<Integer, Map<String, Path>> byEpoch = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.forEach(f -> {
                Matcher x = EPOCH_PICTURE.matcher(f.getFileName().toString());
                if (x.matches()) {
                    byEpoch.computeIfAbsent(Integer.parseInt(x.group(2)), e -> new TreeMap<>()).put(x.group(1), f);
                }
            });
        }
        Map<String, byte[]> out = new LinkedHashMap<>();
        if (!byEpoch.isEmpty()) {
            int epoch = byEpoch.lastKey();
            for (var e : byEpoch.lastEntry().getValue().entrySet()) {
                String caption = e.getKey().equals("sample")
                        ? "samples of p(x|z), z ~ p(z), after epoch " + epoch
                        : "test examples (top) and their reconstructions (below), after epoch " + epoch;
                try {
                    out.put(caption, Files.readAllBytes(e.getValue()));
                } catch (IOException ex) {
                    throw new UncheckedIOException(ex);
                }
            }
        }
        return out;
    }
}
