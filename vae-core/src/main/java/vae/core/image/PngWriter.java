package vae.core.image;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import vae.core.io.AtomicFiles;

/**
 * Encodes 8-bit grayscale or RGB images as PNG using only {@code java.util.zip}, so the module needs no
 * {@code java.desktop}.
 *
 * <p>Files are written atomically: the PNG goes to a temporary file in the target directory which is then
 * renamed over the target, so a reader never sees a half-written image.
 */
public final class PngWriter {

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int COLOUR_TYPE_GRAY = 0;
    private static final int COLOUR_TYPE_RGB = 2;
    private static final int BIT_DEPTH = 8;
    private static final int FILTER_NONE = 0;

    private PngWriter() {
    }

    /**
     * Encodes pixels as a complete PNG file.
     *
     * @param width    image width in pixels, positive
     * @param height   image height in pixels, positive
     * @param channels 1 for grayscale (PNG colour type 0) or 3 for RGB (colour type 2)
     * @param pixels   {@code height × width × channels} bytes, rows top to bottom, channels interleaved
     * @return the PNG bytes
     * @throws IllegalArgumentException if the dimensions, channel count or pixel length are invalid
     */
    public static byte[] encode(int width, int height, int channels, byte[] pixels) {
        int colourType = colourType(channels);
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("PNG size must be positive, got " + width + "x" + height);
        }
        long expected = (long) width * height * channels;
        if (pixels.length != expected) {
            throw new IllegalArgumentException(width + "x" + height + "x" + channels + " PNG needs " + expected
                    + " pixel bytes, got " + pixels.length);
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(SIGNATURE);
        byte[] header = new byte[13];
        putInt(header, 0, width);
        putInt(header, 4, height);
        header[8] = BIT_DEPTH;
        header[9] = (byte) colourType;
        // Bytes 10..12 stay zero: deflate compression, adaptive filtering, no interlace.
        writeChunk(png, "IHDR", header);
        writeChunk(png, "IDAT", compress(width, height, channels, pixels));
        writeChunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    /**
     * Writes pixels as a PNG file, creating parent directories and replacing any existing file atomically.
     *
     * @param file     the target file
     * @param width    image width in pixels, positive
     * @param height   image height in pixels, positive
     * @param channels 1 for grayscale or 3 for RGB
     * @param pixels   {@code height × width × channels} bytes, rows top to bottom, channels interleaved
     * @throws IOException              if the file cannot be written
     * @throws IllegalArgumentException if the dimensions, channel count or pixel length are invalid
     */
    public static void write(Path file, int width, int height, int channels, byte[] pixels) throws IOException {
        byte[] png = encode(width, height, channels, pixels);
        AtomicFiles.write(file, out -> out.write(png));
    }

    private static int colourType(int channels) {
        return switch (channels) {
            case 1 -> COLOUR_TYPE_GRAY;
            case 3 -> COLOUR_TYPE_RGB;
            default -> throw new IllegalArgumentException("PNG needs 1 (gray) or 3 (RGB) channels, got " + channels);
        };
    }

    private static byte[] compress(int width, int height, int channels, byte[] pixels) {
        int stride = width * channels;
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try (OutputStream out = new DeflaterOutputStream(compressed, deflater)) {
            for (int y = 0; y < height; y++) {
                out.write(FILTER_NONE);
                out.write(pixels, y * stride, stride);
            }
        } catch (IOException e) {
            throw new IllegalStateException("in-memory compression failed", e);
        } finally {
            deflater.end();
        }
        return compressed.toByteArray();
    }

    private static void writeChunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        byte[] length = new byte[4];
        putInt(length, 0, data.length);
        png.writeBytes(length);
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        byte[] checksum = new byte[4];
        putInt(checksum, 0, (int) crc.getValue());
        png.writeBytes(checksum);
    }

    private static void putInt(byte[] b, int offset, int value) {
        b[offset] = (byte) (value >>> 24);
        b[offset + 1] = (byte) (value >>> 16);
        b[offset + 2] = (byte) (value >>> 8);
        b[offset + 3] = (byte) value;
    }
}
