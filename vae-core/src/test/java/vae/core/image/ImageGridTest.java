package vae.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.core.data.ExampleShape;

class ImageGridTest {

    private static final ExampleShape TWO_BY_THREE = new ExampleShape(1, 2, 3);

    @TempDir
    Path dir;

    /** Image k (k = 0, 1, ...) holds byte value 10 * (k + 1) + pixel index, so every pixel is traceable. */
    private static float[] numberedImages(int count, ExampleShape shape) {
        float[] images = new float[count * shape.size()];
        for (int k = 0; k < count; k++) {
            for (int i = 0; i < shape.size(); i++) {
                images[k * shape.size() + i] = (10 * (k + 1) + i) / 255f;
            }
        }
        return images;
    }

    @Test
    void fiveImagesInRowsOfThreeFormATwoByThreeGrid() {
        ImageGrid grid = ImageGrid.of(numberedImages(5, TWO_BY_THREE), 5, TWO_BY_THREE, 3);

        assertEquals(3, grid.columns());
        assertEquals(2, grid.rows());
        assertEquals(3 * (3 + 2) + 2, grid.width());
        assertEquals(2 * (2 + 2) + 2, grid.height());
        assertEquals(1, grid.channels());
    }

    @Test
    void imagesArePlacedRowMajorBetweenTwoPixelBorders() {
        ImageGrid grid = ImageGrid.of(numberedImages(5, TWO_BY_THREE), 5, TWO_BY_THREE, 3);

        for (int y = 0; y < grid.height(); y++) {
            for (int x = 0; x < grid.width(); x++) {
                int cellX = (x - 2) % 5;
                int cellY = (y - 2) % 4;
                int k = (y - 2) / 4 * 3 + (x - 2) / 5;
                boolean inImage = x >= 2 && y >= 2 && cellX < 3 && cellY < 2 && k < 5;
                int expected = inImage ? 10 * (k + 1) + cellY * 3 + cellX : 0;
                assertEquals(expected, grid.pixel(x, y, 0), "pixel (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void fewerImagesThanNrowMakeASingleRow() {
        ImageGrid grid = ImageGrid.of(numberedImages(2, TWO_BY_THREE), 2, TWO_BY_THREE, 8);

        assertEquals(2, grid.columns());
        assertEquals(1, grid.rows());
        assertEquals(12, grid.width());
        assertEquals(6, grid.height());
    }

    @Test
    void onlyTheFirstCountImagesAreUsed() {
        float[] images = new float[4 * TWO_BY_THREE.size()];
        Arrays.fill(images, 1f);

        ImageGrid grid = ImageGrid.of(images, 1, TWO_BY_THREE, 4);

        assertEquals(7, grid.width());
        assertEquals(255, grid.pixel(2, 2, 0));
    }

    @Test
    void valuesAreClampedAndRoundedHalfUpLikeTorchvision() {
        assertEquals(0, ImageGrid.toByte(-0.5f));
        assertEquals(0, ImageGrid.toByte(0f));
        assertEquals(0, ImageGrid.toByte(0.0019f));
        assertEquals(1, ImageGrid.toByte(0.002f));
        assertEquals(1, ImageGrid.toByte(1 / 255f));
        assertEquals(51, ImageGrid.toByte(0.2f));
        assertEquals(128, ImageGrid.toByte(0.5f));
        assertEquals(254, ImageGrid.toByte(0.998f));
        assertEquals(255, ImageGrid.toByte(0.999f));
        assertEquals(255, ImageGrid.toByte(1f));
        assertEquals(255, ImageGrid.toByte(7f));
        assertEquals(255, ImageGrid.toByte(Float.POSITIVE_INFINITY));
        assertEquals(0, ImageGrid.toByte(Float.NEGATIVE_INFINITY));
        assertEquals(0, ImageGrid.toByte(Float.NaN));
    }

    @Test
    void everyByteValueRoundTripsFromItsScaledFloat() {
        for (int b = 0; b < 256; b++) {
            assertEquals(b, ImageGrid.toByte(b / 255f), "byte " + b);
        }
    }

    @Test
    void gridPixelsAreClamped() {
        ImageGrid grid = ImageGrid.of(new float[] {-1f, 0.5f, 2f}, 1, new ExampleShape(1, 1, 3), 1);

        assertEquals(0, grid.pixel(2, 2, 0));
        assertEquals(128, grid.pixel(3, 2, 0));
        assertEquals(255, grid.pixel(4, 2, 0));
    }

    @Test
    void rgbPlanesAreInterleavedPerPixel() {
        ExampleShape rgb = new ExampleShape(3, 1, 2);
        // Planes: red {1, 0}, green {0, 1}, blue {0.2, 0.2}.
        float[] image = {1f, 0f, 0f, 1f, 0.2f, 0.2f};

        ImageGrid grid = ImageGrid.of(image, 1, rgb, 1);

        assertEquals(3, grid.channels());
        assertArrayEquals(new int[] {255, 0, 51},
                new int[] {grid.pixel(2, 2, 0), grid.pixel(2, 2, 1), grid.pixel(2, 2, 2)});
        assertArrayEquals(new int[] {0, 255, 51},
                new int[] {grid.pixel(3, 2, 0), grid.pixel(3, 2, 1), grid.pixel(3, 2, 2)});
        assertArrayEquals(new int[] {0, 0, 0},
                new int[] {grid.pixel(1, 2, 0), grid.pixel(1, 2, 1), grid.pixel(1, 2, 2)});
    }

    @Test
    void grayscaleGridIsWrittenAsADecodablePng() throws IOException, DataFormatException {
        ImageGrid grid = ImageGrid.of(numberedImages(5, TWO_BY_THREE), 5, TWO_BY_THREE, 3);
        Path file = dir.resolve("out/grid.png");

        grid.writePng(file);

        PngDecoder.Image image = PngDecoder.decode(Files.readAllBytes(file));
        assertEquals(grid.width(), image.width());
        assertEquals(grid.height(), image.height());
        assertEquals(0, image.colourType());
        assertArrayEquals(grid.pixels(), image.pixels());
    }

    @Test
    void rgbGridIsWrittenAsAnRgbPng() throws IOException, DataFormatException {
        ExampleShape rgb = new ExampleShape(3, 2, 2);
        ImageGrid grid = ImageGrid.of(numberedImages(3, rgb), 3, rgb, 2);
        Path file = dir.resolve("rgb.png");

        grid.writePng(file);

        PngDecoder.Image image = PngDecoder.decode(Files.readAllBytes(file));
        assertEquals(2, image.colourType());
        assertEquals(2 * 4 + 2, image.width());
        assertEquals(2 * 4 + 2, image.height());
        // Image 1, green plane, row 1, column 1: 10 * 2 + (plane 4 + row 2 + column 1).
        assertEquals(20 + 4 + 2 + 1, image.pixel(7, 3, 1));
        assertArrayEquals(grid.pixels(), image.pixels());
    }

    @Test
    void invalidArgumentsAreRejected() {
        float[] images = new float[8];
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(images, 1, new ExampleShape(2, 2, 2), 1));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(images, 3, new ExampleShape(1, 2, 2), 1));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(images, 0, new ExampleShape(1, 2, 2), 1));
        assertThrows(IllegalArgumentException.class, () -> ImageGrid.of(images, 1, new ExampleShape(1, 2, 2), 0));
    }
}
