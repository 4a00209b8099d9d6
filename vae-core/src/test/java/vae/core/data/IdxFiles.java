package vae.core.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small IDX files for tests, so no test depends on the real MNIST download. */
final class IdxFiles {

    private IdxFiles() {
    }

    /** Encodes an IDX file of the given type byte, dimensions and payload. */
    static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buffer.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            buffer.putInt(d);
        }
        return buffer.put(data).array();
    }

    /** Encodes a well-formed unsigned-byte IDX file whose payload is 0, 1, 2, ... */
    static byte[] ubyte(int... dims) {
        int total = 1;
        for (int d : dims) {
            total *= d;
        }
        byte[] data = new byte[total];
        for (int i = 0; i < total; i++) {
            data[i] = (byte) i;
        }
        return idx(IdxReader.UNSIGNED_BYTE, dims, data);
    }

    /** Encodes a one-dimensional label file. */
    static byte[] labels(int... values) {
        byte[] data = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            data[i] = (byte) values[i];
        }
        return idx(IdxReader.UNSIGNED_BYTE, new int[] {values.length}, data);
    }

    static byte[] gzip(byte[] raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Path write(Path file, byte[] content) {
        try {
            return Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the four MNIST-named files into {@code dir}: {@code trainCount} and {@code testCount} images of
     * {@code height × width} pixels with labels {@code i % 10}, gzipped with a {@code .gz} suffix or raw.
     */
    static void writeLayout(Path dir, int trainCount, int testCount, int height, int width, boolean gzipped) {
        writeFile(dir, DatasetCatalog.TRAIN_IMAGES, ubyte(trainCount, height, width), gzipped);
        writeFile(dir, DatasetCatalog.TRAIN_LABELS, labels(cycle(trainCount)), gzipped);
        writeFile(dir, DatasetCatalog.TEST_IMAGES, ubyte(testCount, height, width), gzipped);
        writeFile(dir, DatasetCatalog.TEST_LABELS, labels(cycle(testCount)), gzipped);
    }

    static Path writeFile(Path dir, String baseName, byte[] raw, boolean gzipped) {
        return gzipped
                ? write(dir.resolve(baseName + DatasetCatalog.GZIP_SUFFIX), gzip(raw))
                : write(dir.resolve(baseName), raw);
    }

    private static int[] cycle(int count) {
        int[] values = new int[count];
        for (int i = 0; i < count; i++) {
            values[i] = i % 10;
        }
        return values;
    }
}
