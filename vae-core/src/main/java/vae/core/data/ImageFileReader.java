package vae.core.data;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Serial;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes one PNG or JPEG file into an example of a given shape: converted to its channels by
 * {@link PixelRows}, resized by {@link ResampleAxis} (area averaging to shrink, bilinear to enlarge), rounded to
 * 8 bits and stored like {@link Dataset#fromUnsignedBytes} ({@code v / 255}, channel-major {@code [c][y][x]}).
 *
 * <p>The image's header is read first, and an image claiming more than the pixel cap is refused before any
 * pixel is decoded. Every failure, including an exception thrown inside Java's decoders, is a one-line
 * {@link DataException} naming the file.
 */
public final class ImageFileReader {

    private ImageFileReader() {
    }

    /**
     * Reads one image file as an example.
     *
     * @param file      a PNG or JPEG file
     * @param shape     the target shape, 1 or 3 channels
     * @param maxPixels refuse an image whose header claims more pixels than this
     * @return {@code shape.size()} values in {@code [0, 1]}, channel-major
     * @throws DataException if the file cannot be read or decoded, or is over the cap
     */
    public static float[] read(Path file, ExampleShape shape, long maxPixels) {
        byte[] pixels = new byte[shape.size()];
        decode(file, shape, maxPixels, pixels, 0);
        float[] features = new float[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            features[i] = (pixels[i] & 0xff) / 255f;
        }
        return features;
    }

    /** A file that could not be decoded; {@link BadImagePolicy#SKIP} leaves such files out. */
    static final class UndecodableImageException extends DataException {
        @Serial
        private static final long serialVersionUID = 1L;

        UndecodableImageException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The width and height an image's header claims. */
    record Size(int width, int height) {
    }

    /** Reads only the header of {@code file}. */
    static Size size(Path file, long maxPixels) {
        return withReader(open(file), file.toString(), maxPixels, (reader, size) -> size);
    }

    /** Decodes {@code file} into {@code shape.size()} bytes of {@code dest} from {@code offset}. */
    static void decode(Path file, ExampleShape shape, long maxPixels, byte[] dest, int offset) {
        withReader(open(file), file.toString(), maxPixels, (reader, size) -> {
            convert(reader.read(0), shape, dest, offset);
            return size;
        });
    }

    /** Decodes the bytes of an image file, named {@code name} in messages (for tests and fuzzing). */
    static void decode(byte[] bytes, String name, ExampleShape shape, long maxPixels, byte[] dest, int offset) {
        ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes));
        withReader(in, name, maxPixels, (reader, size) -> {
            convert(reader.read(0), shape, dest, offset);
            return size;
        });
    }

    private static ImageInputStream open(Path file) {
        try {
            ImageInputStream in = ImageIO.createImageInputStream(file.toFile());
            if (in == null) {
                throw new IOException("no image input stream");
            }
            return in;
        } catch (IOException | RuntimeException e) {
            throw new UndecodableImageException(file + ": cannot read: " + firstLine(e)
                    + ": check that the file exists and is readable", e);
        }
    }

    @FunctionalInterface
    private interface Use {
        Size apply(ImageReader reader, Size size) throws IOException;
    }

    private static Size withReader(ImageInputStream in, String name, long maxPixels, Use use) {
        ImageReader reader = null;
        try (in) {
            reader = pngOrJpegReader(in, name);
            reader.setInput(in, true, true);
            Size size = new Size(reader.getWidth(0), reader.getHeight(0));
            if (size.width() <= 0 || size.height() <= 0) {
                throw new IOException("its header claims " + size.width() + "x" + size.height() + " pixels");
            }
            long pixels = (long) size.width() * size.height();
            if (pixels > maxPixels) {
                throw new DataException(name + ": its header claims " + size.width() + "x" + size.height() + " = "
                        + pixels + " pixels, over the cap of " + maxPixels
                        + ": shrink the image or raise the pixel cap");
            }
            return use.apply(reader, size);
        } catch (DataException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Java's decoders throw unchecked exceptions on some malformed input; they are the file's fault too.
            throw new UndecodableImageException(name + ": cannot decode the image: " + firstLine(e)
                    + ": re-save it as PNG or JPEG or remove it", e);
        } finally {
            if (reader != null) {
                reader.dispose();
            }
        }
    }

    private static ImageReader pngOrJpegReader(ImageInputStream in, String name) {
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        String found = null;
        while (readers.hasNext()) {
            ImageReader reader = readers.next();
            String format = formatName(reader);
            if (format.equals("png") || format.equals("jpeg")) {
                return reader;
            }
            found = found == null ? format : found;
            reader.dispose();
        }
        throw new UndecodableImageException(name + (found == null
                ? ": not a PNG or JPEG image (its bytes match no known image format)"
                : ": holds a " + found.toUpperCase(Locale.ROOT) + " image, not PNG or JPEG")
                + ": re-save it as PNG or JPEG or remove it", null);
    }

    private static String formatName(ImageReader reader) {
        try {
            return reader.getFormatName().toLowerCase(Locale.ROOT);
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** Converts and resizes a decoded image into {@code dest}. */
    static void convert(BufferedImage image, ExampleShape shape, byte[] dest, int offset) {
        int channels = shape.channels();
        int sourceWidth = image.getWidth();
        ResampleAxis across = ResampleAxis.of(sourceWidth, shape.width());
        ResampleAxis down = ResampleAxis.of(image.getHeight(), shape.height());
        PixelRows rows = new PixelRows(image, channels);
        RowCache cache = new RowCache(rows, across, channels, sourceWidth);
        int plane = shape.height() * shape.width();
        double[] sum = new double[channels * shape.width()];
        for (int i = 0; i < shape.height(); i++) {
            java.util.Arrays.fill(sum, 0);
            double[] w = down.weights(i);
            for (int k = 0; k < w.length; k++) {
                double[] row = cache.row(down.first(i) + k);
                for (int v = 0; v < sum.length; v++) {
                    sum[v] += w[k] * row[v];
                }
            }
            for (int c = 0; c < channels; c++) {
                for (int x = 0; x < shape.width(); x++) {
                    double v = sum[c * shape.width() + x];
                    int level = (int) Math.round(Math.min(255, Math.max(0, v)));
                    dest[offset + c * plane + i * shape.width() + x] = (byte) level;
                }
            }
        }
    }

    /** The last two source rows, converted and resized across: consecutive output rows share source rows. */
    private static final class RowCache {
        private final PixelRows rows;
        private final ResampleAxis across;
        private final int channels;
        private final int sourceWidth;
        private final double[] chunk;
        private final int[] key = {-1, -1};
        private final double[][] resized;
        private int next;

        RowCache(PixelRows rows, ResampleAxis across, int channels, int sourceWidth) {
            this.rows = rows;
            this.across = across;
            this.channels = channels;
            this.sourceWidth = sourceWidth;
            this.chunk = new double[channels * PixelRows.CHUNK];
            this.resized = new double[2][channels * across.target()];
        }

        double[] row(int y) {
            for (int s = 0; s < 2; s++) {
                if (key[s] == y) {
                    return resized[s];
                }
            }
            int s = next;
            next = 1 - next;
            java.util.Arrays.fill(resized[s], 0);
            for (int x0 = 0; x0 < sourceWidth; x0 += PixelRows.CHUNK) {
                int n = Math.min(PixelRows.CHUNK, sourceWidth - x0);
                rows.read(y, x0, n, chunk);
                across.accumulate(chunk, x0, n, channels, resized[s]);
            }
            key[s] = y;
            return resized[s];
        }
    }

    private static String firstLine(Throwable e) {
        String message = e.getMessage();
        String text = message == null || message.isBlank() ? e.getClass().getSimpleName()
                : message.lines().findFirst().orElse("").strip();
        return text;
    }
}
