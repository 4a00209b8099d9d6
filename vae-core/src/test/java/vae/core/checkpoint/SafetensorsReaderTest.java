package vae.core.checkpoint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors layout, and every kind of damage the reader must reject with one clear line. */
class SafetensorsReaderTest {
    @TempDir
    Path tmp;

    private static final NamedTensor W = new NamedTensor("fc.weight", new int[] {2, 3}, new float[] {1, -2, 3.5f, 0, 1e-30f, -0f});
    private static final NamedTensor B = new NamedTensor("fc.bias", new int[] {2}, new float[] {0.25f, -7});

    private static byte[] valid() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SafetensorsWriter.write(out, Map.of("format", "test"), List.of(W, B));
        return out.toByteArray();
    }

    /** A file of the given header text and data bytes, with a correct length prefix. */
    private static byte[] withHeader(String header, int dataBytes) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h);
        return b.array();
    }

    private Path save(byte[] bytes) throws IOException {
        Path f = tmp.resolve("model.safetensors");
        Files.write(f, bytes);
        return f;
    }

    /** Reads damaged bytes and returns the one-line message, which must name the file. */
    private String rejection(byte[] bytes) throws IOException {
        Path f = save(bytes);
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsReader.read(f));
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        // The same bytes from memory are refused with the same line, naming the source given.
        CheckpointException m = assertThrows(CheckpointException.class,
                () -> SafetensorsReader.read(bytes, "hdfs:///models/m.safetensors"));
        assertEquals(e.getMessage().replace(f.toString(), "hdfs:///models/m.safetensors"), m.getMessage());
        return e.getMessage();
    }

    @Test
    void writtenFileFollowsTheLayoutAndReadsBackBitForBit() throws IOException {
        byte[] bytes = valid();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = b.getLong(0);
        assertEquals(0, n % 8, "header padded to 8 bytes");
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertTrue(header.startsWith("{\"__metadata__\":{\"format\":\"test\"}"), header);
        assertTrue(header.contains("\"fc.weight\":{\"dtype\":\"F32\",\"shape\":[2,3],\"data_offsets\":[0,24]}"), header);
        assertTrue(header.contains("\"fc.bias\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[24,32]}"), header);
        assertEquals(8 + n + 32, bytes.length);
        assertEquals(-2f, b.getFloat((int) (8 + n + 4)), "little-endian float32");

        for (SafetensorsContent c : List.of(SafetensorsReader.read(save(bytes)), SafetensorsReader.read(bytes, "mem"))) {
            assertEquals(Map.of("format", "test"), c.metadata());
            assertEquals(List.of("fc.weight", "fc.bias"), List.copyOf(c.tensors().keySet()));
            for (NamedTensor t : List.of(W, B)) {
                NamedTensor r = c.tensors().get(t.name());
                assertArrayEquals(t.shape(), r.shape());
                for (int i = 0; i < t.data().length; i++) {
                    assertEquals(Float.floatToRawIntBits(t.data()[i]), Float.floatToRawIntBits(r.data()[i]));
                }
            }
        }
        assertEquals("mem", SafetensorsReader.read(bytes, "mem").source());
        assertEquals(null, SafetensorsReader.read(bytes, "mem").file());
    }

    @Test
    void readsAFileWrittenByTheReferenceImplementation() throws IOException {
        // reference.safetensors: written by huggingface safetensors 0.8.0 (safetensors.numpy.save_file), which
        // orders tensors by name; the same tensors and metadata as valid().
        byte[] bytes;
        try (var in = SafetensorsReaderTest.class.getResourceAsStream("reference.safetensors")) {
            bytes = in.readAllBytes();
        }
        SafetensorsContent c = SafetensorsReader.read(save(bytes));
        assertEquals(Map.of("format", "test"), c.metadata());
        for (NamedTensor t : List.of(W, B)) {
            NamedTensor r = c.tensors().get(t.name());
            assertArrayEquals(t.shape(), r.shape());
            for (int i = 0; i < t.data().length; i++) {
                assertEquals(Float.floatToRawIntBits(t.data()[i]), Float.floatToRawIntBits(r.data()[i]));
            }
        }
    }

    @Test
    void tensorsMayBeListedInAnyOrderAsLongAsTheirBytesTileTheData() throws IOException {
        String header = "{\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[],\"data_offsets\":[0,4]}}";
        SafetensorsContent c = SafetensorsReader.read(save(withHeader(header, 8)));
        assertEquals(List.of("a", "b"), List.copyOf(c.tensors().keySet()));
    }

    @Test
    void missingFileIsNamed() {
        Path f = tmp.resolve("nope.safetensors");
        CheckpointException e = assertThrows(CheckpointException.class, () -> SafetensorsReader.read(f));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void emptyFileIsRejected() throws IOException {
        assertTrue(rejection(new byte[0]).contains("too short"));
    }

    @Test
    void truncatedLengthPrefixIsRejected() throws IOException {
        assertTrue(rejection(Arrays.copyOf(valid(), 5)).contains("too short"));
    }

    @Test
    void headerLengthBeyondTheFileIsRejected() throws IOException {
        byte[] bytes = valid();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, bytes.length);
        assertTrue(rejection(bytes).contains("truncated"));
    }

    @Test
    void headerLengthBeyondTheBoundIsRejected() throws IOException {
        byte[] bytes = valid();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 100_000_001L);
        assertTrue(rejection(bytes).contains("limit"));
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);
        assertTrue(rejection(bytes).contains("18446744073709551615"));
    }

    @Test
    void invalidUtf8IsRejected() throws IOException {
        byte[] bytes = withHeader("{\"x\":1}   ", 0);
        bytes[8 + 2] = (byte) 0xC3; // a lead byte without its continuation
        assertTrue(rejection(bytes).contains("UTF-8"));
    }

    @Test
    void invalidJsonIsRejected() throws IOException {
        assertTrue(rejection(withHeader("{\"a\":{\"dtype\":", 0)).contains("not valid JSON"));
        assertTrue(rejection(withHeader("{\"a\":1,\"a\":2}", 0)).contains("not valid JSON"), "duplicate keys");
    }

    @Test
    void headerThatIsNotAnObjectIsRejected() throws IOException {
        assertTrue(rejection(withHeader("[1, 2, 3]", 0)).contains("not a JSON object"));
    }

    @Test
    void entryWithoutItsFieldsIsRejected() throws IOException {
        String m = rejection(withHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4));
        assertTrue(m.contains("'w'") && m.contains("data_offsets"), m);
    }

    @Test
    void unknownDtypeIsRejected() throws IOException {
        assertTrue(rejection(withHeader("{\"w\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4))
                .contains("only F32"));
        assertTrue(rejection(withHeader("{\"w\":{\"dtype\":\"pickle\",\"shape\":[1],\"data_offsets\":[0,4]}}", 4))
                .contains("only F32"));
    }

    @Test
    void negativeOrAbsurdShapeIsRejected() throws IOException {
        assertTrue(rejection(withHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 4))
                .contains("impossible shape"));
        assertTrue(rejection(withHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,4]}}", 4))
                .contains("absurd shape"));
        assertTrue(rejection(withHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[1.5],\"data_offsets\":[0,4]}}", 4))
                .contains("impossible shape"));
    }

    @Test
    void offsetsOutsideTheDataAreRejected() throws IOException {
        assertTrue(rejection(withHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 4))
                .contains("truncated"));
        assertTrue(rejection(withHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,4]}}", 4))
                .contains("begin <= end"));
    }

    @Test
    void overlappingOffsetsAreRejected() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";
        assertTrue(rejection(withHeader(header, 12)).contains("overlapping"));
    }

    @Test
    void holeBetweenTensorsIsRejected() throws IOException {
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[8,12]}}";
        assertTrue(rejection(withHeader(header, 12)).contains("hole"));
    }

    @Test
    void byteCountNotMatchingTheShapeIsRejected() throws IOException {
        String m = rejection(withHeader("{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8));
        assertTrue(m.contains("12 bytes") && m.contains("span 8 bytes"), m);
    }

    @Test
    void truncatedDataIsRejected() throws IOException {
        byte[] bytes = valid();
        assertTrue(rejection(Arrays.copyOf(bytes, bytes.length - 3)).contains("truncated"));
    }

    @Test
    void bytesAfterTheLastTensorAreRejected() throws IOException {
        byte[] bytes = valid();
        assertTrue(rejection(Arrays.copyOf(bytes, bytes.length + 4)).contains("after its last tensor"));
    }

    @Test
    void metadataWithNonStringValuesIsRejected() throws IOException {
        assertTrue(rejection(withHeader("{\"__metadata__\":{\"epoch\":3}}", 0)).contains("not a string"));
    }

    @Test
    void writerRefusesNonFiniteValuesAndRepeatedNames() {
        NamedTensor nan = new NamedTensor("w", new int[] {1}, new float[] {Float.NaN});
        assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(new ByteArrayOutputStream(), Map.of(), List.of(nan)));
        assertThrows(IllegalArgumentException.class,
                () -> SafetensorsWriter.write(new ByteArrayOutputStream(), Map.of(), List.of(B, B)));
    }
}
