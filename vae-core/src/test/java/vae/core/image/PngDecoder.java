package vae.core.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes the subset of PNG that {@link PngWriter} produces, checking every structural detail on the way,
 * so the writer is verified against the format rather than against itself.
 */
final class PngDecoder {

    /** A decoded image: pixels rows top to bottom, channels interleaved. */
    record Image(int width, int height, int colourType, byte[] pixels) {
        int channels() {
            return colourType == 2 ? 3 : 1;
        }

        int pixel(int x, int y, int channel) {
            return Byte.toUnsignedInt(pixels[(y * width + x) * channels() + channel]);
        }
    }

    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngDecoder() {
    }

    static Image decode(byte[] png) throws DataFormatException {
        ByteBuffer in = ByteBuffer.wrap(png);
        byte[] signature = new byte[8];
        in.get(signature);
        assertArrayEquals(SIGNATURE, signature, "PNG signature");

        ByteBuffer header = ByteBuffer.wrap(readChunk(in, "IHDR"));
        assertEquals(13, header.capacity(), "IHDR length");
        int width = header.getInt();
        int height = header.getInt();
        assertEquals(8, header.get(), "bit depth");
        int colourType = header.get();
        assertEquals(0, header.get(), "compression method");
        assertEquals(0, header.get(), "filter method");
        assertEquals(0, header.get(), "interlace method");

        ByteArrayOutputStream idat = new ByteArrayOutputStream();
        String type;
        do {
            int start = in.position();
            int length = in.getInt(start);
            type = new String(png, start + 4, 4, StandardCharsets.US_ASCII);
            byte[] data = readChunk(in, type);
            if (type.equals("IDAT")) {
                idat.writeBytes(data);
            }
            if (type.equals("IEND")) {
                assertEquals(0, length, "IEND length");
            }
        } while (!type.equals("IEND"));
        assertEquals(png.length, in.position(), "no bytes after IEND");

        int channels = colourType == 2 ? 3 : 1;
        int stride = width * channels;
        byte[] raw = inflate(idat.toByteArray(), height * (stride + 1));
        byte[] pixels = new byte[height * stride];
        for (int y = 0; y < height; y++) {
            assertEquals(0, raw[y * (stride + 1)], "filter type of row " + y);
            System.arraycopy(raw, y * (stride + 1) + 1, pixels, y * stride, stride);
        }
        return new Image(width, height, colourType, pixels);
    }

    private static byte[] readChunk(ByteBuffer in, String expectedType) {
        int length = in.getInt();
        byte[] type = new byte[4];
        in.get(type);
        assertEquals(expectedType, new String(type, StandardCharsets.US_ASCII), "chunk type");
        byte[] data = new byte[length];
        in.get(data);
        CRC32 crc = new CRC32();
        crc.update(type);
        crc.update(data);
        assertEquals((int) crc.getValue(), in.getInt(), "CRC of " + expectedType);
        return data;
    }

    private static byte[] inflate(byte[] compressed, int expectedLength) throws DataFormatException {
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(compressed);
            byte[] out = new byte[expectedLength + 1];
            int n = inflater.inflate(out);
            assertEquals(expectedLength, n, "inflated length");
            assertTrue(inflater.finished(), "zlib stream complete");
            return Arrays.copyOf(out, n);
        } finally {
            inflater.end();
        }
    }
}
