package vae.core.image;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Objects;
import vae.core.data.ExampleShape;

/**
 * A grid of images laid out like torchvision's {@code make_grid} / {@code save_image} with
 * {@code padding=2, pad_value=0}: images fill rows of {@code nrow} left to right, with a 2-pixel black border
 * around and between them.
 *
 * <p>For {@code count} images of {@code H × W} pixels and {@code ncols = min(nrow, count)},
 * {@code nrows = ceil(count / ncols)}, the grid is {@code ncols × (W + 2) + 2} pixels wide and
 * {@code nrows × (H + 2) + 2} pixels high. Values are clamped to {@code [0, 1]} and converted to bytes as
 * {@code min(255, floor(v × 255 + 0.5))} in single precision, matching torchvision's
 * {@code mul(255).add_(0.5).clamp_(0, 255)}.
 */
public final class ImageGrid {

    /** Border width in pixels around and between images. */
    public static final int PADDING = 2;

    private final int width;
    private final int height;
    private final int channels;
    private final int columns;
    private final int rows;
    private final byte[] pixels;

    private ImageGrid(int width, int height, int channels, int columns, int rows, byte[] pixels) {
        this.width = width;
        this.height = height;
        this.channels = channels;
        this.columns = columns;
        this.rows = rows;
        this.pixels = pixels;
    }

    /**
     * Lays out images in a grid.
     *
     * @param images the first {@code count × shape.size()} values are used: {@code count} images, each
     *               channel-major ({@code [c][y][x]}), values nominally in {@code [0, 1]}
     * @param count  how many images to place, positive
     * @param shape  the shape of each image; 1 (grayscale) or 3 (RGB) channels
     * @param nrow   images per grid row, positive (torchvision's {@code nrow})
     * @return the grid
     * @throws IllegalArgumentException if an argument is out of range or {@code images} is too short
     */
    public static ImageGrid of(float[] images, int count, ExampleShape shape, int nrow) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(shape, "shape");
        int channels = shape.channels();
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("image grids need 1 or 3 channels, got " + shape);
        }
        if (count <= 0 || nrow <= 0) {
            throw new IllegalArgumentException("count and nrow must be positive, got " + count + " and " + nrow);
        }
        int imageSize = shape.size();
        if ((long) count * imageSize > images.length) {
            throw new IllegalArgumentException(count + " images of " + shape + " need "
                    + (long) count * imageSize + " values, got " + images.length);
        }
        int columns = Math.min(nrow, count);
        int rows = (count + columns - 1) / columns;
        int cellWidth = shape.width() + PADDING;
        int cellHeight = shape.height() + PADDING;
        long gridWidth = (long) columns * cellWidth + PADDING;
        long gridHeight = (long) rows * cellHeight + PADDING;
        if (gridWidth * gridHeight * channels > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("a " + gridWidth + "x" + gridHeight + " grid is too large");
        }
        int width = (int) gridWidth;
        int height = (int) gridHeight;
        // Zero-initialised, which is exactly the black padding.
        byte[] pixels = new byte[width * height * channels];
        int plane = shape.height() * shape.width();
        for (int k = 0; k < count; k++) {
            int left = (k % columns) * cellWidth + PADDING;
            int top = (k / columns) * cellHeight + PADDING;
            int base = k * imageSize;
            for (int c = 0; c < channels; c++) {
                for (int y = 0; y < shape.height(); y++) {
                    int src = base + c * plane + y * shape.width();
                    int dst = ((top + y) * width + left) * channels + c;
                    for (int x = 0; x < shape.width(); x++) {
                        pixels[dst + x * channels] = (byte) toByte(images[src + x]);
                    }
                }
            }
        }
        return new ImageGrid(width, height, channels, columns, rows, pixels);
    }

    /**
     * Converts an intensity to a byte value the way torchvision saves images.
     *
     * @param value an intensity, nominally in {@code [0, 1]}; NaN becomes 0
     * @return {@code clamp(floor(value × 255 + 0.5), 0, 255)} computed in single precision
     */
    public static int toByte(float value) {
        // Kept in float, like torch's float32 tensor ops, so values on a rounding boundary agree bit for bit.
        float scaled = value * 255f + 0.5f;
        return (int) Math.min(255f, Math.max(0f, scaled));
    }

    /**
     * Returns the grid width in pixels.
     *
     * @return {@code columns() × (W + 2) + 2}
     */
    public int width() {
        return width;
    }

    /**
     * Returns the grid height in pixels.
     *
     * @return {@code rows() × (H + 2) + 2}
     */
    public int height() {
        return height;
    }

    /**
     * Returns the number of channels per pixel.
     *
     * @return 1 for grayscale, 3 for RGB
     */
    public int channels() {
        return channels;
    }

    /**
     * Returns the number of image columns.
     *
     * @return {@code min(nrow, count)}
     */
    public int columns() {
        return columns;
    }

    /**
     * Returns the number of image rows.
     *
     * @return {@code ceil(count / columns())}
     */
    public int rows() {
        return rows;
    }

    /**
     * Returns one pixel channel value.
     *
     * @param x       column, {@code 0 ≤ x < width()}
     * @param y       row, {@code 0 ≤ y < height()}
     * @param channel channel, {@code 0 ≤ channel < channels()}
     * @return the value in {@code 0..255}
     * @throws IndexOutOfBoundsException if a coordinate is out of range
     */
    public int pixel(int x, int y, int channel) {
        Objects.checkIndex(x, width);
        Objects.checkIndex(y, height);
        Objects.checkIndex(channel, channels);
        return Byte.toUnsignedInt(pixels[(y * width + x) * channels + channel]);
    }

    /**
     * Returns a copy of the pixels as PNG expects them.
     *
     * @return {@code height() × width() × channels()} bytes, rows top to bottom, channels interleaved
     */
    public byte[] pixels() {
        return pixels.clone();
    }

    /** The grid as the bytes of an 8-bit grayscale or RGB PNG. */
    public byte[] png() {
        return PngWriter.encode(width, height, channels, pixels);
    }

    /**
     * Writes the grid as an 8-bit grayscale or RGB PNG, atomically, creating parent directories.
     *
     * @param file the target file
     * @throws IOException if the file cannot be written
     */
    public void writePng(Path file) throws IOException {
        PngWriter.write(file, width, height, channels, pixels);
    }
}
