package vae.core.checkpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vae.core.io.AtomicFiles;
import vae.core.graph.Parameter;
import vae.core.optim.Adam;

/**
 * A trained model on disk: {@code NAME.safetensors} holds the weights under their PyTorch
 * {@code state_dict} names with {@link CheckpointMetadata} as {@code __metadata__};
 * {@code NAME.optimizer.safetensors} beside it holds Adam's moments ({@code <param>.exp_avg},
 * {@code <param>.exp_avg_sq}) and step, which {@code --resume} needs and inference does not.
 *
 * <p>Both files are written to temporary files first and renamed into place, the optimizer file
 * before the weights; both record the epoch and global step, and loading refuses a pair that
 * disagree, so a crash between the renames can never pair weights with another epoch's moments.
 */
public final class Checkpoint {
    private static final String SUFFIX = ".safetensors";
    private static final String EXP_AVG = ".exp_avg";
    private static final String EXP_AVG_SQ = ".exp_avg_sq";

    private final SafetensorsContent weights;
    private final CheckpointMetadata metadata;

    private Checkpoint(SafetensorsContent weights, CheckpointMetadata metadata) {
        this.weights = weights;
        this.metadata = metadata;
    }

    /** Where the optimizer state of {@code modelFile} lives: {@code model.safetensors -> model.optimizer.safetensors}. */
    public static Path optimizerFileOf(Path modelFile) {
        String name = modelFile.getFileName().toString();
        String stem = name.endsWith(SUFFIX) ? name.substring(0, name.length() - SUFFIX.length()) : name;
        return modelFile.resolveSibling(stem + ".optimizer" + SUFFIX);
    }

    /** Where the optimizer state of the previous checkpoint is kept while a new pair is committed. */
    static Path previousOptimizerFileOf(Path modelFile) {
        Path optimizer = optimizerFileOf(modelFile);
        return optimizer.resolveSibling("." + optimizer.getFileName().toString().replace(SUFFIX, ".previous" + SUFFIX));
    }

    /**
     * Writes the weights of {@code parameters} (and, unless {@code adam} is null, the optimizer
     * state) atomically, so that a crash at any instant leaves a pair that {@link #read} and
     * {@link #restoreOptimizer} accept: the previous checkpoint or this one. Both files are first
     * written in full beside their targets; then the current optimizer file is kept as the
     * previous one, the new optimizer file is renamed into place, and the weights last. Until the
     * weights are renamed they belong to the kept optimizer state, which {@code restoreOptimizer}
     * falls back on.
     *
     * @throws IllegalArgumentException if a value is not finite
     */
    public static void write(Path modelFile, CheckpointMetadata metadata, List<Parameter> parameters, Adam adam)
            throws IOException {
        write(modelFile, metadata, parameters, adam, Integer.MAX_VALUE);
    }

    /** The steps of a write, in order; a write interrupted after step n has done steps 1..n. */
    static final int WROTE_OPTIMIZER_TEMP = 1;
    static final int WROTE_MODEL_TEMP = 2;
    static final int KEPT_PREVIOUS_OPTIMIZER = 3;
    static final int RENAMED_OPTIMIZER = 4;
    static final int RENAMED_MODEL = 5;

    /**
     * As {@link #write(Path, CheckpointMetadata, List, Adam)}, but stopping after {@code steps}
     * steps without cleaning up, as a crash there would: how the tests interrupt it at every step.
     */
    static void write(Path modelFile, CheckpointMetadata metadata, List<Parameter> parameters, Adam adam, int steps)
            throws IOException {
        List<NamedTensor> tensors = new ArrayList<>();
        for (Parameter p : parameters) {
            tensors.add(new NamedTensor(p.name(), p.value().shape(), p.value().data()));
        }
        Path optimizerFile = optimizerFileOf(modelFile);
        List<Path> temps = new ArrayList<>();
        boolean crashed = false;
        try {
            Path optimizerTemp = null;
            if (adam != null) {
                optimizerTemp = AtomicFiles.writeTemp(optimizerFile,
                        out -> SafetensorsWriter.write(out, optimizerMetadata(metadata, adam), moments(parameters, adam)));
                temps.add(optimizerTemp);
            }
            if (crashed = steps <= WROTE_OPTIMIZER_TEMP) {
                return;
            }
            Path modelTemp = AtomicFiles.writeTemp(modelFile, out -> SafetensorsWriter.write(out, metadata.toMap(), tensors));
            temps.add(modelTemp);
            if (crashed = steps <= WROTE_MODEL_TEMP) {
                return;
            }
            if (optimizerTemp != null) {
                if (Files.isRegularFile(optimizerFile) && Files.isRegularFile(modelFile)) {
                    AtomicFiles.commit(optimizerFile, previousOptimizerFileOf(modelFile));
                }
                if (crashed = steps <= KEPT_PREVIOUS_OPTIMIZER) {
                    return;
                }
                AtomicFiles.commit(optimizerTemp, optimizerFile);
                if (crashed = steps <= RENAMED_OPTIMIZER) {
                    return;
                }
            }
            AtomicFiles.commit(modelTemp, modelFile);
        } finally {
            if (!crashed) {
                for (Path t : temps) {
                    Files.deleteIfExists(t);
                }
            }
        }
    }

    /**
     * Reads and validates the weights file and its metadata (not yet the optimizer file).
     *
     * @throws CheckpointException naming the file and what is wrong with it
     */
    public static Checkpoint read(Path modelFile) {
        SafetensorsContent content = SafetensorsReader.read(modelFile);
        if (content.metadata().isEmpty()) {
            throw new CheckpointException(modelFile + " has no __metadata__, so it says nothing of the model it holds; "
                    + "pass a model.safetensors written by 'vae train'");
        }
        return new Checkpoint(content, CheckpointMetadata.fromMap(modelFile, content.metadata()));
    }

    /**
     * Reads and validates the weights file held in {@code bytes} (fetched from a distributed file
     * system, a URL or a broadcast) as {@link #read(Path)} does; such a checkpoint has no
     * {@link #file()}, so {@link #restoreOptimizer} cannot find its optimizer state.
     *
     * @param source what the bytes are, for messages (e.g. the URI they came from)
     * @throws CheckpointException naming {@code source} and what is wrong with it
     */
    public static Checkpoint read(byte[] bytes, String source) {
        SafetensorsContent content = SafetensorsReader.read(bytes, source);
        if (content.metadata().isEmpty()) {
            throw new CheckpointException(source + " has no __metadata__, so it says nothing of the model it holds; "
                    + "pass a model.safetensors written by 'vae train'");
        }
        return new Checkpoint(content, CheckpointMetadata.fromMap(source, content.metadata()));
    }

    /** The file it was read from, or null for one read from bytes. */
    public Path file() {
        return weights.file();
    }

    /** What it was read from, for messages: the file, or the name given with the bytes. */
    public String source() {
        return weights.source();
    }

    public CheckpointMetadata metadata() {
        return metadata;
    }

    /** The tensors of the weights file by name, in file order. */
    public Map<String, NamedTensor> tensors() {
        return weights.tensors();
    }

    /**
     * Copies the stored weights into {@code parameters}, which must match them exactly in names
     * and shapes.
     *
     * @throws CheckpointException on a missing, extra or differently shaped tensor
     */
    public void restoreWeights(List<Parameter> parameters) {
        copyInto(weights, parameters.stream().map(p -> new Slot(p.name(), p.value().shape(), p.value().data())).toList());
    }

    /**
     * Reads the optimizer file next to the weights and restores Adam's moments and step.
     *
     * @throws CheckpointException if the file is missing, damaged, or from another epoch or model
     */
    public void restoreOptimizer(List<Parameter> parameters, Adam adam) {
        if (file() == null) {
            throw new CheckpointException(source() + " was read from memory, so there is no optimizer state beside it; "
                    + "resume from the model.safetensors of a run's directory");
        }
        Path file = optimizerFileOf(file());
        Path previous = previousOptimizerFileOf(file());
        if (!Files.exists(file) && !Files.exists(previous)) {
            throw new CheckpointException(file() + " has no optimizer state beside it (" + file.getFileName()
                    + "), so training cannot continue exactly; resume from the model.safetensors of a run's directory");
        }
        String epoch = Integer.toString(metadata.epoch());
        String step = Long.toString(metadata.globalStep());
        SafetensorsContent content = Files.exists(file) ? SafetensorsReader.read(file) : null;
        if (content == null || !belongs(content.metadata(), epoch, step)) {
            // A write interrupted between renaming the optimizer file and the weights: the weights
            // on disk still belong to the optimizer state it kept.
            SafetensorsContent kept = Files.exists(previous) ? SafetensorsReader.read(previous) : null;
            if (kept != null && belongs(kept.metadata(), epoch, step)) {
                content = kept;
                file = previous;
            } else if (content != null) {
                Map<String, String> m = content.metadata();
                throw new CheckpointException(file + " (epoch " + m.get("epoch") + ", step " + m.get("global_step")
                        + ") does not belong to " + file().getFileName() + " (epoch " + epoch + ", step " + step
                        + "): a write was interrupted; resume from an intact pair of files");
            } else {
                throw new CheckpointException(file() + " has no optimizer state beside it (" + file.getFileName()
                        + "), so training cannot continue exactly; resume from the model.safetensors of a run's directory");
            }
        }
        Map<String, String> m = content.metadata();
        String theirRun = m.get("run_id");
        if (theirRun != null && !theirRun.equals(metadata.runId())) {
            throw new CheckpointException(file + " holds the optimizer state of another run (run id " + theirRun
                    + ") than " + file().getFileName() + " (run id " + metadata.runId() + "); resume from a pair of files "
                    + "one run wrote");
        }
        long adamStep;
        try {
            adamStep = Long.parseLong(m.getOrDefault("adam_step", ""));
        } catch (NumberFormatException e) {
            throw new CheckpointException(file + " has no valid 'adam_step' in its metadata; the file is damaged");
        }
        List<Slot> slots = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            slots.add(new Slot(p.name() + EXP_AVG, p.value().shape(), adam.firstMoment(i)));
            slots.add(new Slot(p.name() + EXP_AVG_SQ, p.value().shape(), adam.secondMoment(i)));
        }
        copyInto(content, slots);
        adam.setStepCount(adamStep);
    }

    /** A tensor the model expects: its name, shape and the buffer its values go to. */
    private record Slot(String name, int[] shape, float[] destination) {
    }

    /** Checks that {@code content} holds exactly the expected tensors, then copies them. */
    private static void copyInto(SafetensorsContent content, List<Slot> expected) {
        Map<String, NamedTensor> stored = new LinkedHashMap<>(content.tensors());
        for (Slot s : expected) {
            NamedTensor t = stored.remove(s.name());
            if (t == null) {
                throw new CheckpointException(content.source() + " has no tensor '" + s.name() + "' that the model needs; "
                        + "it was written for another variant or hyperparameters");
            }
            if (!Arrays.equals(t.shape(), s.shape())) {
                throw new CheckpointException(content.source() + " holds '" + s.name() + "' of shape "
                        + Arrays.toString(t.shape()) + " but the model needs " + Arrays.toString(s.shape())
                        + "; it was written for other hyperparameters");
            }
        }
        if (!stored.isEmpty()) {
            throw new CheckpointException(content.source() + " holds tensors the model does not have: "
                    + String.join(", ", stored.keySet()) + "; it was written for another variant");
        }
        for (Slot s : expected) {
            float[] values = content.tensors().get(s.name()).data();
            for (float v : values) {
                // The writer refuses non-finite values, so one here means the bytes were damaged.
                if (!Float.isFinite(v)) {
                    throw new CheckpointException(content.source() + " holds " + v + " in '" + s.name()
                            + "', which vae4j never writes: the file is damaged; use another checkpoint");
                }
            }
        }
        for (Slot s : expected) {
            float[] values = content.tensors().get(s.name()).data();
            System.arraycopy(values, 0, s.destination(), 0, values.length);
        }
    }

    private static boolean belongs(Map<String, String> optimizer, String epoch, String step) {
        return epoch.equals(optimizer.get("epoch")) && step.equals(optimizer.get("global_step"));
    }

    private static Map<String, String> optimizerMetadata(CheckpointMetadata metadata, Adam adam) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", CheckpointMetadata.FORMAT);
        m.put("format_version", Integer.toString(CheckpointMetadata.FORMAT_VERSION));
        m.put("kind", "optimizer");
        m.put("epoch", Integer.toString(metadata.epoch()));
        m.put("global_step", Long.toString(metadata.globalStep()));
        m.put("adam_step", Long.toString(adam.stepCount()));
        m.put("optimizer", metadata.toMap().get("optimizer"));
        m.put("run_id", metadata.runId());
        return m;
    }

    private static List<NamedTensor> moments(List<Parameter> parameters, Adam adam) {
        List<NamedTensor> tensors = new ArrayList<>();
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            tensors.add(new NamedTensor(p.name() + EXP_AVG, p.value().shape(), adam.firstMoment(i)));
            tensors.add(new NamedTensor(p.name() + EXP_AVG_SQ, p.value().shape(), adam.secondMoment(i)));
        }
        return tensors;
    }
}
