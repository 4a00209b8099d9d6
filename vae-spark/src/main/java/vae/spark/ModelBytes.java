package vae.spark;

import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import vae.core.checkpoint.CheckpointException;

/**
 * The bytes of a checkpoint, read once on the driver from any file system Hadoop knows (a local
 * path, {@code file:}, {@code hdfs:}, {@code s3a:}, ...) and shipped to the executors in a
 * broadcast; the SHA-256 of the bytes names the model in each executor's cache.
 * (A class, not a record: Kryo, when a job sets it as Spark's serializer, cannot build records.)
 */
final class ModelBytes implements Serializable {
    private static final long serialVersionUID = 1L;
    /** The most one Java array holds. */
    private static final long MAX_BYTES = Integer.MAX_VALUE - 8;

    private final byte[] bytes;
    private final String source;
    private final String digest;

    private ModelBytes(byte[] bytes, String source, String digest) {
        this.bytes = bytes;
        this.source = source;
        this.digest = digest;
    }

    /** The bytes of a {@code model.safetensors}, named {@code source} in messages. */
    static ModelBytes of(byte[] bytes, String source) {
        try {
            return new ModelBytes(bytes, source, HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * Reads {@code uri} with the Hadoop configuration {@code conf}.
     *
     * @throws CheckpointException if it does not exist or cannot be read
     */
    static ModelBytes read(String uri, Configuration conf) {
        try {
            Path p = new Path(uri);
            FileSystem fs = p.getFileSystem(conf);
            if (!fs.exists(p)) {
                throw new CheckpointException(uri + " does not exist: pass the model.safetensors a 'vae train' run wrote");
            }
            long length = fs.getFileStatus(p).getLen();
            if (length > MAX_BYTES) {
                throw new CheckpointException(uri + " is " + length + " bytes, more than a checkpoint can be");
            }
            try (InputStream in = fs.open(p)) {
                return of(in.readAllBytes(), uri);
            }
        } catch (IOException e) {
            throw new CheckpointException(uri + ": cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(uri + " is not a path or URI Hadoop can read: " + e.getMessage(), e);
        }
    }

    byte[] bytes() {
        return bytes;
    }

    /** Where they were read from, for messages. */
    String source() {
        return source;
    }

    /** SHA-256 of the bytes, in hex. */
    String digest() {
        return digest;
    }

    @Override
    public String toString() {
        return source + " (" + bytes.length + " bytes, sha-256 " + digest + ")";
    }
}
