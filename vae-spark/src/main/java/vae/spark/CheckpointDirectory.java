package vae.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import vae.api.Checkpoints;
import vae.core.checkpoint.Checkpoint;

/**
 * Where local SGD's checkpoint pair goes: a directory of the driver, written in place, or a
 * directory on any file system Hadoop writes ({@code hdfs:}, {@code s3a:}), written into a local
 * staging directory and copied there after every epoch (the optimizer file first, so a model file
 * there always has its partner).
 */
final class CheckpointDirectory implements AutoCloseable {
    private final Path target;
    private final FileSystem fs;
    private final java.nio.file.Path local;
    private final boolean remote;

    private CheckpointDirectory(Path target, FileSystem fs, java.nio.file.Path local, boolean remote) {
        this.target = target;
        this.fs = fs;
        this.local = local;
        this.remote = remote;
    }

    /** The directory {@code uri} names: a path, or a URI of any file system Hadoop writes. */
    static CheckpointDirectory of(String uri, Configuration conf) {
        try {
            Path target = new Path(uri);
            FileSystem fs = target.getFileSystem(conf);
            if (fs instanceof LocalFileSystem) {
                return new CheckpointDirectory(target, fs, java.nio.file.Path.of(fs.makeQualified(target).toUri()),
                        false);
            }
            return new CheckpointDirectory(target, fs, Files.createTempDirectory("vae-train"), true);
        } catch (IOException e) {
            throw new UncheckedIOException(uri + ": cannot be opened: " + e.getMessage(), e);
        }
    }

    /** The local directory the checkpoints are written into. */
    java.nio.file.Path local() {
        return local;
    }

    /** The model file in directory {@code uri}, qualified (scheme and authority), as messages name it. */
    static Path modelIn(String uri, Configuration conf) {
        return qualified(new Path(new Path(uri), Checkpoints.MODEL_FILE), conf);
    }

    /** {@code path} with its file system's scheme and authority. */
    static Path qualified(Path path, Configuration conf) {
        try {
            return path.getFileSystem(conf).makeQualified(path);
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": cannot be opened: " + e.getMessage(), e);
        }
    }

    /** Whether {@code file} exists. */
    static boolean exists(Path file, Configuration conf) {
        try {
            return file.getFileSystem(conf).exists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Copies the pair just written to the target (nothing to do for a local directory). */
    void publish() {
        if (!remote) {
            return;
        }
        java.nio.file.Path model = local.resolve(Checkpoints.MODEL_FILE);
        try {
            fs.mkdirs(target);
            for (java.nio.file.Path f : List.of(Checkpoint.optimizerFileOf(model), model)) {
                fs.copyFromLocalFile(false, true, new Path(f.toUri()), new Path(target, f.getFileName().toString()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(new Path(target, Checkpoints.MODEL_FILE) + ": the checkpoint cannot be copied there: " + e.getMessage(), e);
        }
    }

    /**
     * A checkpoint {@code uri} as a local file, with its optimizer file beside it: itself on the
     * driver's file system, else both copied into a new temporary directory.
     */
    static java.nio.file.Path fetch(String uri, Configuration conf) {
        try {
            Path model = new Path(uri);
            FileSystem fs = model.getFileSystem(conf);
            if (fs instanceof LocalFileSystem) {
                return java.nio.file.Path.of(fs.makeQualified(model).toUri());
            }
            java.nio.file.Path dir = Files.createTempDirectory("vae-resume");
            java.nio.file.Path local = dir.resolve(model.getName());
            fs.copyToLocalFile(false, model, new Path(local.toUri()), true);
            java.nio.file.Path optimizer = Checkpoint.optimizerFileOf(local);
            Path remoteOptimizer = new Path(model.getParent(), optimizer.getFileName().toString());
            if (fs.exists(remoteOptimizer)) { // without it, reading the checkpoint says what is missing
                fs.copyToLocalFile(false, remoteOptimizer, new Path(optimizer.toUri()), true);
            }
            return local;
        } catch (IOException e) {
            throw new UncheckedIOException(uri + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Deletes the staging directory of a remote target. */
    @Override
    public void close() {
        if (!remote) {
            return;
        }
        try (Stream<java.nio.file.Path> p = Files.walk(local)) {
            p.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
