package vae.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Colour conversion and resizing of single images ({@link ImageFileReader}, {@link ResampleAxis}). */
class ImageFolderPixelsTest {

    @TempDir
    Path dir;

    private static int[] levels(BufferedImage image, ExampleShape shape) {
        byte[] dest = new byte[shape.size()];
        ImageFileReader.convert(image, shape, dest, 0);
        int[] out = new int[dest.length];
        for (int i = 0; i < dest.length; i++) {
            out[i] = dest[i] & 0xff;
        }
        return out;
    }

    private static int[] constant(int n, int level) {
        int[] a = new int[n];
        Arrays.fill(a, level);
        return a;
    }

    private int[] decodedLevels(BufferedImage image, String format, ExampleShape shape) {
        Path file = ImageFixtures.write(image, format, dir.resolve("image." + format));
        float[] features = ImageFileReader.read(file, shape, ImageFolderOptions.DEFAULT_MAX_PIXELS);
        int[] out = new int[features.length];
        for (int i = 0; i < features.length; i++) {
            out[i] = Math.round(features[i] * 255);
            assertEquals(out[i] / 255f, features[i], "stored as v / 255");
        }
        return out;
    }

    @Test
    void greyFromRgbIsBt601Luma() {
        // 0.299·200 + 0.587·100 + 0.114·50 = 124.2
        assertArrayEquals(constant(4, 124), decodedLevels(ImageFixtures.rgb(2, 2, 0xc86432), "png",
                new ExampleShape(1, 2, 2)));
    }

    @Test
    void rgbKeepsTheChannelsInOrderChannelMajor() {
        assertArrayEquals(new int[] {200, 200, 100, 100, 50, 50}, decodedLevels(ImageFixtures.rgb(2, 1, 0xc86432),
                "png", new ExampleShape(3, 1, 2)));
    }

    @Test
    void greyToRgbRepeatsTheGreyLevel() {
        assertArrayEquals(constant(3, 77), decodedLevels(ImageFixtures.grey(1, 1, 77), "png", new ExampleShape(3, 1, 1)));
    }

    @Test
    void greyStaysGreyExactly() {
        assertArrayEquals(constant(1, 77), decodedLevels(ImageFixtures.grey(1, 1, 77), "png", new ExampleShape(1, 1, 1)));
    }

    @Test
    void alphaIsCompositedOverBlack() {
        // alpha 128: 200·128/255 = 100.4, 100·128/255 = 50.2, 50·128/255 = 25.1
        assertArrayEquals(new int[] {100, 50, 25}, decodedLevels(ImageFixtures.argb(1, 1, 0x80c86432), "png",
                new ExampleShape(3, 1, 1)));
        assertArrayEquals(new int[] {0, 0, 0}, decodedLevels(ImageFixtures.argb(1, 1, 0x00ffffff), "png",
                new ExampleShape(3, 1, 1)));
    }

    @Test
    void paletteEntriesAreLookedUp() {
        int[] colours = {0x000000, 0xc86432, 0x00ff00, 0xffffff};
        assertArrayEquals(new int[] {200, 100, 50}, decodedLevels(ImageFixtures.palette(1, 1, 1, colours), "png",
                new ExampleShape(3, 1, 1)));
    }

    @Test
    void sixteenBitIsScaledToEightBits() {
        // 32896 · 255 / 65535 = 128 exactly; 1000 · 255 / 65535 = 3.89
        assertArrayEquals(constant(1, 128), decodedLevels(ImageFixtures.grey16(1, 1, 32896), "png",
                new ExampleShape(1, 1, 1)));
        assertArrayEquals(constant(1, 4), decodedLevels(ImageFixtures.grey16(1, 1, 1000), "png",
                new ExampleShape(1, 1, 1)));
    }

    @Test
    void jpegDecodesCloseToItsColour() {
        int[] levels = decodedLevels(ImageFixtures.rgb(8, 8, 0xc86432), "jpg", new ExampleShape(3, 8, 8));
        for (int i = 0; i < levels.length; i++) {
            int expected = new int[] {200, 100, 50}[i / 64];
            assertTrue(Math.abs(levels[i] - expected) <= 4, "JPEG level " + levels[i] + " near " + expected);
        }
    }

    @Test
    void aConstantImageStaysConstantWhateverTheSize() {
        BufferedImage image = ImageFixtures.grey(5, 3, 77);
        for (int[] size : new int[][] {{2, 7}, {3, 5}, {1, 1}, {9, 2}, {10, 11}}) {
            ExampleShape shape = new ExampleShape(1, size[0], size[1]);
            assertArrayEquals(constant(shape.size(), 77), levels(image, shape), "resized to " + shape);
        }
    }

    @Test
    void twoByTwoToOneByOneIsTheMean() {
        assertArrayEquals(constant(1, 25), levels(ImageFixtures.grey(new int[][] {{10, 20}, {30, 40}}),
                new ExampleShape(1, 1, 1)));
    }

    @Test
    void oneByOneToThreeByThreeIsConstant() {
        assertArrayEquals(constant(9, 200), levels(ImageFixtures.grey(1, 1, 200), new ExampleShape(1, 3, 3)));
    }

    @Test
    void aCheckerboardHalvedIsGrey() {
        int[][] board = new int[8][8];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                board[y][x] = (x + y) % 2 == 0 ? 0 : 255;
            }
        }
        // 127.5 rounds up
        assertArrayEquals(constant(16, 128), levels(ImageFixtures.grey(board), new ExampleShape(1, 4, 4)));
    }

    @Test
    void enlargingIsBilinearWithCentresAligned() {
        // u = (j + ½)·2/4 − ½ = −¼, ¼, ¾, 1¼, clamped at the edges
        assertArrayEquals(new int[] {0, 64, 191, 255}, levels(ImageFixtures.grey(new int[][] {{0, 255}}),
                new ExampleShape(1, 1, 4)));
    }

    @Test
    void shrinkingByAThirdAveragesOverlaps() {
        // 3 → 2: output 0 covers source [0, 1.5): (1·0 + ½·90) / 1.5 = 30; output 1 (½·90 + 1·180) / 1.5 = 150
        assertArrayEquals(new int[] {30, 150}, levels(ImageFixtures.grey(new int[][] {{0, 90, 180}}),
                new ExampleShape(1, 1, 2)));
    }

    @Test
    void rowsWiderThanAChunkAreResizedWhole() {
        int width = 2 * PixelRows.CHUNK + 6;
        int[][] halves = new int[1][width];
        for (int x = width / 2; x < width; x++) {
            halves[0][x] = 254;
        }
        assertArrayEquals(new int[] {0, 254}, levels(ImageFixtures.grey(halves), new ExampleShape(1, 1, 2)));
        assertArrayEquals(new int[] {0, 0, 254, 254}, levels(ImageFixtures.grey(halves), new ExampleShape(1, 1, 4)));
        assertArrayEquals(constant(3, 127), levels(ImageFixtures.grey(halves), new ExampleShape(3, 1, 1)));
    }

    @Test
    void axisWeightsSumToOne() {
        for (int source = 1; source < 40; source += 3) {
            for (int target = 1; target < 40; target += 5) {
                ResampleAxis axis = ResampleAxis.of(source, target);
                for (int j = 0; j < target; j++) {
                    double sum = Arrays.stream(axis.weights(j)).sum();
                    assertEquals(1, sum, 1e-12, source + " -> " + target + " at " + j);
                    assertTrue(axis.first(j) >= 0 && axis.first(j) + axis.weights(j).length <= source);
                }
            }
        }
    }

    @Test
    void aTinyPngClaimingTenBillionPixelsIsRefusedFromItsHeader() throws Exception {
        byte[] png = ImageFixtures.pngClaiming(100_000, 100_000);
        assertTrue(png.length < 100, "the file is " + png.length + " bytes");
        Path file = Files.write(dir.resolve("huge.png"), png);
        DataException e = assertThrows(DataException.class,
                () -> ImageFileReader.read(file, new ExampleShape(1, 8, 8), ImageFolderOptions.DEFAULT_MAX_PIXELS));
        assertEquals(file + ": its header claims 100000x100000 = 10000000000 pixels, over the cap of 67108864:"
                + " shrink the image or raise the pixel cap", e.getMessage());
    }

    @Test
    void thePixelCapCountsWidthTimesHeight() {
        Path file = ImageFixtures.write(ImageFixtures.grey(10, 10, 1), "png", dir.resolve("a.png"));
        ImageFileReader.read(file, new ExampleShape(1, 2, 2), 100);
        assertThrows(DataException.class, () -> ImageFileReader.read(file, new ExampleShape(1, 2, 2), 99));
    }

    @Test
    void aGifNamedPngIsRefusedByName() {
        Path file = ImageFixtures.write(ImageFixtures.grey(2, 2, 1), "gif", dir.resolve("a.png"));
        DataException e = assertThrows(DataException.class,
                () -> ImageFileReader.read(file, new ExampleShape(1, 2, 2), 100));
        assertEquals(file + ": holds a GIF image, not PNG or JPEG: re-save it as PNG or JPEG or remove it",
                e.getMessage());
    }

    @Test
    void garbageIsRefusedByName() throws Exception {
        Path file = Files.writeString(dir.resolve("a.png"), "not an image");
        DataException e = assertThrows(DataException.class,
                () -> ImageFileReader.read(file, new ExampleShape(1, 2, 2), 100));
        assertEquals(file + ": not a PNG or JPEG image (its bytes match no known image format):"
                + " re-save it as PNG or JPEG or remove it", e.getMessage());
    }

    @Test
    void aTruncatedPngIsRefusedByName() throws Exception {
        byte[] png = ImageFixtures.bytes(ImageFixtures.rgb(16, 16, 0x123456), "png");
        Path file = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 2));
        DataException e = assertThrows(DataException.class,
                () -> ImageFileReader.read(file, new ExampleShape(1, 2, 2), 1000));
        assertTrue(e.getMessage().startsWith(file + ": cannot decode the image: "), e.getMessage());
        assertTrue(e.getMessage().endsWith(": re-save it as PNG or JPEG or remove it"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }
}
