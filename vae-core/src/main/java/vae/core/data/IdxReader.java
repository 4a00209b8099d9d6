package vae.core.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Reads IDX files, the format of the MNIST distribution: two zero bytes, a data type byte, a dimension count
 * byte, the dimensions as big-endian 32-bit integers, then the data.
 *
 * <p>Gzip compression is recognised by its magic bytes, not by file name, so renamed or raw files both work.
 * Only the unsigned byte type ({@code 0x08}) is supported. Every failure is reported as a {@link DataException}
 * whose message starts with the source name.
 */
public final class IdxReader {

    /** The IDX type code for unsigned bytes, the only type image and label files use. */
    public static final int UNSIGNED_BYTE = 0x08;

    /** The largest number of dimensions accepted; images with channels need four. */
    public static final int MAX_DIMENSIONS = 4;

    private static final int GZIP_MAGIC_0 = 0x1f;
    private static final int GZIP_MAGIC_1 = 0x8b;
    private static final int BUFFER_SIZE = 1 << 16;
    /** The first buffer for the data; it doubles as data arrives, so a lying header costs nothing up front. */
    private static final int FIRST_CHUNK = 1 << 20;

    private IdxReader() {
    }

    /**
     * Reads a whole IDX file, gzipped or raw.
     *
     * @param file the file to read
     * @return its dimensions and data
     * @throws DataException if the file is missing, unreadable or not a well-formed unsigned-byte IDX file
     */
    public static IdxArray read(Path file) {
        return readFirst(file, 0).array();
    }

    /**
     * Reads the first {@code maxItems} items (all when 0) of an IDX file, gzipped or raw: only those
     * are kept in memory; the rest is read through to check the file is whole.
     *
     * @return the items kept and how many the file holds
     * @throws DataException if the file is missing, unreadable or not a well-formed unsigned-byte IDX file
     */
    public static IdxPrefix readFirst(Path file, int maxItems) {
        String source = file.toString();
        InputStream in;
        try {
            in = Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new DataException(source + ": file not found", e);
        } catch (AccessDeniedException e) {
            throw new DataException(source + ": permission denied: make the file readable", e);
        } catch (IOException e) {
            throw new DataException(source + ": cannot open: " + e.getMessage(), e);
        }
        return readFirst(in, source, maxItems);
    }

    /**
     * Reads a whole IDX stream, gzipped or raw, and closes it.
     *
     * @param in     the stream, positioned at the first byte of the file
     * @param source the name used in error messages, usually the file name
     * @return its dimensions and data
     * @throws DataException if the stream is unreadable or not a well-formed unsigned-byte IDX file
     */
    public static IdxArray read(InputStream in, String source) {
        return readFirst(in, source, 0).array();
    }

    /** As {@link #readFirst(Path, int)}, from a stream, which it closes. */
    public static IdxPrefix readFirst(InputStream in, String source, int maxItems) {
        if (maxItems < 0) {
            throw new IllegalArgumentException("maxItems must be 0 (all) or positive, got " + maxItems);
        }
        try (InputStream decoded = decompressIfGzipped(new BufferedInputStream(in, BUFFER_SIZE))) {
            return parse(decoded, source, maxItems);
        } catch (EOFException e) {
            // GZIPInputStream signals a cut-off download this way; the raw path never throws it.
            throw new DataException(source + ": truncated gzip stream (" + e.getMessage()
                    + "): the file is incomplete, download it again", e);
        } catch (ZipException e) {
            throw new DataException(source + ": corrupt gzip data (" + e.getMessage()
                    + "): download the file again", e);
        } catch (IOException e) {
            throw new DataException(source + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static InputStream decompressIfGzipped(BufferedInputStream in) throws IOException {
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        if (b0 == GZIP_MAGIC_0 && b1 == GZIP_MAGIC_1) {
            return new GZIPInputStream(in, BUFFER_SIZE);
        }
        return in;
    }

    private static IdxPrefix parse(InputStream in, String source, int maxItems) throws IOException {
        byte[] magic = in.readNBytes(4);
        if (magic.length < 4) {
            throw new DataException(source + ": not an IDX file (only " + magic.length
                    + " bytes, an IDX header needs at least 4)");
        }
        if (magic[0] != 0 || magic[1] != 0) {
            throw new DataException(source + ": not an IDX file (bad magic 0x" + hex(magic)
                    + ", expected 0x0000 followed by type and rank): check the file is an MNIST-style IDX file");
        }
        int type = Byte.toUnsignedInt(magic[2]);
        if (type != UNSIGNED_BYTE) {
            throw new DataException(source + ": unsupported IDX data type 0x" + String.format("%02x", type)
                    + " (" + typeName(type) + "): only 0x08 (unsigned byte) is supported");
        }
        int rank = Byte.toUnsignedInt(magic[3]);
        if (rank < 1 || rank > MAX_DIMENSIONS) {
            throw new DataException(source + ": unsupported IDX dimension count " + rank
                    + ": expected 1 to " + MAX_DIMENSIONS);
        }
        byte[] header = in.readNBytes(4 * rank);
        if (header.length < 4 * rank) {
            throw new DataException(source + ": truncated IDX header: " + rank + " dimensions need "
                    + 4 * rank + " bytes, found " + header.length);
        }
        int[] dims = new int[rank];
        long total = 1;
        for (int i = 0; i < rank; i++) {
            dims[i] = bigEndianInt(header, 4 * i);
            if (dims[i] <= 0) {
                throw new DataException(source + ": invalid IDX dimension " + i + " = "
                        + Integer.toUnsignedLong(dims[i]) + ": dimensions must be positive and below 2^31");
            }
            total *= dims[i];
            // Checked per step: four dimensions below 2^31 could otherwise overflow a long.
            if (total > Integer.MAX_VALUE) {
                throw new DataException(source + ": IDX data too large: dimensions " + describe(dims, i + 1)
                        + " exceed 2^31-1 bytes");
            }
        }
        int items = dims[0];
        int kept = maxItems == 0 ? items : Math.min(items, maxItems);
        long keptBytes = total / items * kept;
        byte[] data = readData(in, (int) keptBytes);
        // The rest is counted, not kept: a limit bounds the memory, and a damaged file is still found.
        long rest = data.length < keptBytes ? 0 : in.transferTo(OutputStream.nullOutputStream());
        long found = data.length + rest;
        if (found < total) {
            throw new DataException(source + ": truncated IDX data: header promises " + total
                    + " bytes, found " + found);
        }
        if (found > total) {
            throw new DataException(source + ": " + (found - total) + " unexpected bytes after the IDX data: header "
                    + "promises " + total + " bytes, found " + found);
        }
        int[] keptDims = dims.clone();
        keptDims[0] = kept;
        return new IdxPrefix(new IdxArray(keptDims, data), items);
    }

    // Allocates by what has arrived, never by what the header promises: at most twice the bytes read.
    private static byte[] readData(InputStream in, int total) throws IOException {
        byte[] data = new byte[Math.min(total, FIRST_CHUNK)];
        int read = 0;
        while (true) {
            int n = in.readNBytes(data, read, data.length - read);
            read += n;
            if (read < data.length) {
                return Arrays.copyOf(data, read); // the stream ended early: truncated
            }
            if (read == total) {
                return data;
            }
            data = Arrays.copyOf(data, (int) Math.min(total, 2L * data.length));
        }
    }

    private static int bigEndianInt(byte[] b, int offset) {
        return (b[offset] & 0xff) << 24 | (b[offset + 1] & 0xff) << 16
                | (b[offset + 2] & 0xff) << 8 | (b[offset + 3] & 0xff);
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (byte b : bytes) {
            sb.append(String.format("%02x", b));
        }
        return sb.toString();
    }

    private static String describe(int[] dims, int count) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            sb.append(i == 0 ? "" : ", ").append(Integer.toUnsignedLong(dims[i]));
        }
        return sb.append(count < dims.length ? ", ...]" : "]").toString();
    }

    private static String typeName(int type) {
        return switch (type) {
            case 0x08 -> "unsigned byte";
            case 0x09 -> "signed byte";
            case 0x0b -> "short";
            case 0x0c -> "int";
            case 0x0d -> "float";
            case 0x0e -> "double";
            default -> "unknown type";
        };
    }
}
