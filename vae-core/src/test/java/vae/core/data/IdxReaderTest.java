package vae.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.core.data.IdxFiles.gzip;
import static vae.core.data.IdxFiles.idx;
import static vae.core.data.IdxFiles.ubyte;
import static vae.core.data.IdxFiles.write;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {

    @TempDir
    Path dir;

    @Test
    void rawFileIsReadWithItsDimensionsAndData() {
        Path file = write(dir.resolve("images"), ubyte(2, 3, 4));

        IdxArray array = IdxReader.read(file);

        assertArrayEquals(new int[] {2, 3, 4}, array.dims());
        assertEquals(24, array.data().length);
        assertEquals(23, array.unsigned(23));
    }

    @Test
    void gzipIsDetectedByMagicBytesNotByFileName() {
        Path file = write(dir.resolve("images.idx"), gzip(ubyte(5, 2)));

        IdxArray array = IdxReader.read(file);

        assertArrayEquals(new int[] {5, 2}, array.dims());
        assertEquals(9, array.unsigned(9));
    }

    @Test
    void bytesAboveOneTwentySevenReadAsUnsigned() {
        byte[] data = {(byte) 0, (byte) 128, (byte) 255};
        IdxArray array = IdxReader.read(new ByteArrayInputStream(idx(0x08, new int[] {3}, data)), "mem");

        assertEquals(128, array.unsigned(1));
        assertEquals(255, array.unsigned(2));
    }

    @Test
    void wrongMagicIsRejectedWithTheFileName() {
        byte[] bytes = ubyte(4);
        bytes[1] = 0x12;
        Path file = write(dir.resolve("weird.bin"), bytes);

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file));

        assertTrue(e.getMessage().startsWith(file + ": not an IDX file (bad magic 0x00120801"), e.getMessage());
    }

    @Test
    void emptyFileIsNotAnIdxFile() {
        Path file = write(dir.resolve("empty"), new byte[0]);

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file));

        assertTrue(e.getMessage().startsWith(file + ": not an IDX file"), e.getMessage());
    }

    @Test
    void truncatedRawDataReportsPromisedAndFoundBytes() {
        byte[] whole = ubyte(10, 28, 28);
        Path file = write(dir.resolve("cut"), Arrays.copyOf(whole, 16 + 1000));

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file));

        assertEquals(file + ": truncated IDX data: header promises 7840 bytes, found 1000", e.getMessage());
    }

    @Test
    void truncatedGzipStreamIsRejectedWithItsName() {
        byte[] gz = gzip(ubyte(100, 28, 28));
        Path file = write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file));

        assertTrue(e.getMessage().startsWith(file + ": truncated gzip stream"), e.getMessage());
        assertTrue(e.getMessage().contains("download it again"), e.getMessage());
    }

    @Test
    void gzipWithTruncatedIdxPayloadReportsPromisedAndFoundBytes() {
        byte[] whole = ubyte(10, 28, 28);
        Path file = write(dir.resolve("short.gz"), gzip(Arrays.copyOf(whole, 16 + 1000)));

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file));

        assertEquals(file + ": truncated IDX data: header promises 7840 bytes, found 1000", e.getMessage());
    }

    @Test
    void corruptGzipChecksumIsRejectedWithItsName() {
        byte[] gz = gzip(ubyte(3, 3));
        gz[gz.length - 8] ^= 0x55;
        Path file = write(dir.resolve("corrupt.gz"), gz);

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file));

        assertTrue(e.getMessage().startsWith(file + ": corrupt gzip data"), e.getMessage());
    }

    @Test
    void trailingBytesAfterTheDataAreRejected() {
        byte[] whole = ubyte(2, 2);
        Path file = write(dir.resolve("long"), Arrays.copyOf(whole, whole.length + 3));

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file));

        assertEquals(file + ": 3 unexpected bytes after the IDX data: header promises 4 bytes, found 7",
                e.getMessage());
    }

    @Test
    void unsupportedDataTypeIsNamed() {
        Path file = write(dir.resolve("floats"), idx(0x0d, new int[] {2}, new byte[8]));

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file));

        assertTrue(e.getMessage().startsWith(file + ": unsupported IDX data type 0x0d (float)"), e.getMessage());
    }

    @Test
    void dimensionCountOutsideOneToFourIsRejected() {
        Path none = write(dir.resolve("rank0"), idx(0x08, new int[0], new byte[0]));
        Path five = write(dir.resolve("rank5"), idx(0x08, new int[] {1, 1, 1, 1, 1}, new byte[1]));

        assertTrue(assertThrows(DataException.class, () -> IdxReader.read(none)).getMessage()
                .contains("unsupported IDX dimension count 0"));
        assertTrue(assertThrows(DataException.class, () -> IdxReader.read(five)).getMessage()
                .contains("unsupported IDX dimension count 5"));
    }

    @Test
    void zeroDimensionIsRejected() {
        Path file = write(dir.resolve("zero"), idx(0x08, new int[] {3, 0}, new byte[0]));

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file));

        assertTrue(e.getMessage().startsWith(file + ": invalid IDX dimension 1 = 0"), e.getMessage());
    }

    @Test
    void headerPromisingTwoGigabytesIsRejectedBeforeReadingData() {
        Path file = write(dir.resolve("huge"), idx(0x08, new int[] {65536, 32768}, new byte[10]));

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file));

        assertEquals(file + ": IDX data too large: dimensions [65536, 32768] exceed 2^31-1 bytes", e.getMessage());
    }

    @Test
    void truncatedHeaderIsRejected() {
        Path file = write(dir.resolve("header"), Arrays.copyOf(ubyte(60000, 28, 28), 10));

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file));

        assertEquals(file + ": truncated IDX header: 3 dimensions need 12 bytes, found 6", e.getMessage());
    }

    @Test
    void missingFileIsReportedWithItsName() {
        Path file = dir.resolve("absent");

        DataException e = assertThrows(DataException.class, () -> IdxReader.read(file));

        assertEquals(file + ": file not found", e.getMessage());
    }

    @Test
    void streamErrorsUseTheGivenSourceName() {
        DataException e = assertThrows(DataException.class,
                () -> IdxReader.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4}), "some/resource.gz"));

        assertTrue(e.getMessage().startsWith("some/resource.gz: not an IDX file"), e.getMessage());
    }
}
