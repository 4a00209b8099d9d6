package vae.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import vae.core.io.AtomicFiles;
import vae.core.train.EpochReport;

/**
 * Keeps a run's record of every epoch in {@code DIR/history.jsonl}, one {@link Metrics#line} per
 * epoch, across resumes: what the loss plots and {@code vae report} draw. A new run starts the file
 * afresh; a resumed run keeps the epochs before the one it continues from and drops any after it
 * (left by a later checkpoint than the one resumed).
 */
public final class History implements TrainingListener {
    /** The file's name in a run directory. */
    public static final String FILE = "history.jsonl";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path file;

    private History(Path dir) {
        this.file = dir.resolve(FILE);
    }

    /** The history of runs written into {@code dir}. */
    public static History into(Path dir) {
        return new History(dir);
    }

    /** The history file of the run directory {@code dir}. */
    public static Path fileIn(Path dir) {
        return dir.resolve(FILE);
    }

    @Override
    public void started(TrainingRun run) throws IOException {
        Outputs.requireWritableDirectory(file.toAbsolutePath().getParent(), "history directory");
        List<String> kept = new ArrayList<>();
        if (run.resumedFrom() != null && Files.isRegularFile(file)) {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (epochOf(line) < run.firstEpoch()) {
                    kept.add(line);
                }
            }
        }
        byte[] text = kept.isEmpty() ? new byte[0]
                : (String.join("\n", kept) + "\n").getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(text));
    }

    @Override
    public void epochEnded(TrainingRun run, EpochReport r) throws IOException {
        Files.writeString(file, Metrics.line(r, run.metadata().runId()) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    /** The epoch a history line records, or {@link Integer#MAX_VALUE} for a line that is not one (dropped). */
    private static int epochOf(String line) {
        try {
            var node = JSON.readTree(line);
            return node != null && node.path("epoch").isInt() ? node.get("epoch").asInt() : Integer.MAX_VALUE;
        } catch (IOException e) {
            return Integer.MAX_VALUE; // a line cut short by a crash
        }
    }
}
