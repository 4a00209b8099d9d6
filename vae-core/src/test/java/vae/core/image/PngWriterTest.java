package vae.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PngWriterTest {

    @TempDir
    Path dir;

    @Test
    void grayscalePngDecodesToTheSamePixels() throws IOException, DataFormatException {
        byte[] pixels = {0, 1, 2, (byte) 127, (byte) 128, (byte) 200, (byte) 254, (byte) 255, 9, 10, 11, 12};
        Path file = dir.resolve("gray.png");

        PngWriter.write(file, 4, 3, 1, pixels);

        PngDecoder.Image image = PngDecoder.decode(Files.readAllBytes(file));
        assertEquals(4, image.width());
        assertEquals(3, image.height());
        assertEquals(0, image.colourType());
        assertArrayEquals(pixels, image.pixels());
    }

    @Test
    void rgbPngDecodesToTheSamePixels() throws DataFormatException {
        byte[] pixels = new byte[5 * 2 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 37);
        }

        PngDecoder.Image image = PngDecoder.decode(PngWriter.encode(5, 2, 3, pixels));

        assertEquals(5, image.width());
        assertEquals(2, image.height());
        assertEquals(2, image.colourType());
        assertArrayEquals(pixels, image.pixels());
    }

    @Test
    void missingParentDirectoriesAreCreated() throws IOException {
        Path file = dir.resolve("a/b/c/img.png");

        PngWriter.write(file, 1, 1, 1, new byte[] {7});

        assertTrue(Files.isRegularFile(file));
    }

    @Test
    void writingOverAnExistingFileReplacesItAndLeavesNoTempFiles() throws IOException, DataFormatException {
        Path file = dir.resolve("samples.png");
        PngWriter.write(file, 2, 1, 1, new byte[] {1, 2});

        PngWriter.write(file, 1, 2, 1, new byte[] {3, 4});

        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(List.of(file), entries.toList());
        }
        PngDecoder.Image image = PngDecoder.decode(Files.readAllBytes(file));
        assertArrayEquals(new byte[] {3, 4}, image.pixels());
    }

    @Test
    void unsupportedChannelCountsAndWrongPixelLengthsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> PngWriter.encode(1, 1, 2, new byte[2]));
        assertThrows(IllegalArgumentException.class, () -> PngWriter.encode(1, 1, 4, new byte[4]));
        assertThrows(IllegalArgumentException.class, () -> PngWriter.encode(2, 2, 1, new byte[3]));
        assertThrows(IllegalArgumentException.class, () -> PngWriter.encode(0, 2, 1, new byte[0]));
    }

    @Test
    void failedWriteLeavesNoTempFileBehind() throws IOException {
        Path target = Files.createDirectory(dir.resolve("occupied"));
        Files.writeString(target.resolve("keep"), "x");

        // Renaming a file over a non-empty directory fails, which exercises the clean-up path.
        assertThrows(IOException.class, () -> PngWriter.write(target, 1, 1, 1, new byte[] {1}));

        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(List.of(target), entries.toList());
        }
    }
}
