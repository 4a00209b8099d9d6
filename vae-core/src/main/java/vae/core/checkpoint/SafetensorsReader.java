package vae.core.checkpoint;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a safetensors file of float32 tensors, validating it as the reference implementation
 * does and more: the header length is bounded and inside the file, the header is UTF-8 JSON
 * whose root is an object, every entry has a known dtype, a non-negative shape and offsets whose
 * byte count matches it, the offsets tile the data exactly (no overlap, no hole, nothing
 * after), and the file is as long as they say. Only data is read; nothing is ever executed.
 */
public final class SafetensorsReader {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** The most values one tensor may hold: its bytes must fit one Java array. */
    private static final long MAX_VALUES = (Integer.MAX_VALUE - 8) / 4;
    private static final String DAMAGED = "; the file is damaged or not a safetensors file";

    private SafetensorsReader() {
    }

    /**
     * Reads and validates {@code file}.
     *
     * @throws CheckpointException with a one-line message naming the file and the problem
     */
    public static SafetensorsContent read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(new ChannelSource(ch), file, file.toString());
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + " does not exist: pass the model.safetensors a 'vae train' run wrote", e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Reads and validates a safetensors file held in memory (fetched from a URL, a distributed file
     * system or a broadcast), with every check {@link #read(Path)} makes.
     *
     * @param source what the bytes are, for messages (e.g. the URI they came from)
     * @throws CheckpointException with a one-line message naming {@code source} and the problem
     */
    public static SafetensorsContent read(byte[] bytes, String source) {
        try {
            return read(new ArraySource(bytes), null, source);
        } catch (IOException e) {
            throw new CheckpointException(source + ": cannot be read: " + e.getMessage(), e); // never: memory
        }
    }

    private static SafetensorsContent read(Source in, Path file, String source) throws IOException {
        long size = in.size();
        JsonNode root = header(source, in, size);
        long dataStart = SafetensorsFormat.LENGTH_PREFIX + readLong(in); // checked by header()
        Map<String, String> metadata = metadata(source, root);
        List<Entry> entries = entries(source, root);
        checkTiling(source, entries, size - dataStart);
        Map<String, NamedTensor> tensors = new LinkedHashMap<>();
        for (Entry e : entries) {
            tensors.put(e.name, new NamedTensor(e.name, e.shape, readFloats(in, dataStart + e.begin, e.end - e.begin)));
        }
        return new SafetensorsContent(file, source, metadata, tensors);
    }

    /**
     * Reads the {@code __metadata__} of {@code file} alone, from its header, without the tensors
     * (whose checks {@link #read} makes).
     *
     * @throws CheckpointException with a one-line message naming the file and the problem
     */
    public static Map<String, String> readMetadata(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return metadata(file.toString(), header(file.toString(), new ChannelSource(ch), ch.size()));
        } catch (NoSuchFileException e) {
            throw new CheckpointException(file + " does not exist: pass the model.safetensors a 'vae train' run wrote", e);
        } catch (IOException e) {
            throw new CheckpointException(file + ": cannot be read: " + e.getMessage(), e);
        }
    }

    /** Random access to the bytes of a safetensors file: on disk, or in memory. */
    private interface Source {
        long size() throws IOException;

        /** Fills {@code b} from {@code position} on, or throws at the end of the data. */
        void readFully(long position, ByteBuffer b) throws IOException;
    }

    private record ChannelSource(FileChannel ch) implements Source {
        @Override
        public long size() throws IOException {
            return ch.size();
        }

        @Override
        public void readFully(long position, ByteBuffer b) throws IOException {
            long at = position;
            while (b.hasRemaining()) {
                int n = ch.read(b, at);
                if (n < 0) {
                    throw new IOException("unexpected end of file");
                }
                at += n;
            }
        }
    }

    private record ArraySource(byte[] bytes) implements Source {
        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public void readFully(long position, ByteBuffer b) throws IOException {
            if (position < 0 || position + b.remaining() > bytes.length) {
                throw new IOException("unexpected end of data");
            }
            b.put(bytes, (int) position, b.remaining());
        }
    }

    /** The header's JSON (it starts after the 8-byte length; the data after the header). */
    private static JsonNode header(String file, Source in, long size) throws IOException {
        if (size < SafetensorsFormat.LENGTH_PREFIX) {
            throw fail(file, "is " + size + " bytes long, too short for the 8-byte header length" + DAMAGED);
        }
        long headerLength = readLong(in);
        if (headerLength < 0 || headerLength > SafetensorsFormat.MAX_HEADER_SIZE) {
            throw fail(file, "declares a header of " + Long.toUnsignedString(headerLength)
                    + " bytes, more than the safetensors limit of 100,000,000" + DAMAGED);
        }
        if (headerLength > size - SafetensorsFormat.LENGTH_PREFIX) {
            throw fail(file, "declares a header of " + headerLength + " bytes but only "
                    + (size - SafetensorsFormat.LENGTH_PREFIX) + " follow: the file is truncated");
        }
        ByteBuffer header = ByteBuffer.allocate((int) headerLength);
        in.readFully(SafetensorsFormat.LENGTH_PREFIX, header);
        return parseHeader(file, header.array());
    }

    private record Entry(String name, int[] shape, long begin, long end) {
    }

    private static JsonNode parseHeader(String file, byte[] bytes) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw fail(file, "has a header that is not valid UTF-8" + DAMAGED);
        }
        if (!text.startsWith("{")) {
            throw fail(file, "has a header that is not a JSON object (it must start with '{')" + DAMAGED);
        }
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw fail(file, "has a header that is not valid JSON (" + firstLine(e.getOriginalMessage()) + ")" + DAMAGED);
        }
    }

    private static Map<String, String> metadata(String file, JsonNode root) {
        JsonNode meta = root.get(SafetensorsFormat.METADATA_KEY);
        Map<String, String> metadata = new LinkedHashMap<>();
        if (meta == null) {
            return metadata;
        }
        if (!meta.isObject()) {
            throw fail(file, "has a __metadata__ that is not an object of strings" + DAMAGED);
        }
        for (Map.Entry<String, JsonNode> e : meta.properties()) {
            if (!e.getValue().isTextual()) {
                throw fail(file, "has __metadata__ entry '" + e.getKey() + "' that is not a string" + DAMAGED);
            }
            metadata.put(e.getKey(), e.getValue().textValue());
        }
        return metadata;
    }

    private static List<Entry> entries(String file, JsonNode root) {
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : root.properties()) {
            String name = e.getKey();
            if (name.equals(SafetensorsFormat.METADATA_KEY)) {
                continue;
            }
            JsonNode t = e.getValue();
            String where = "tensor '" + name + "'";
            if (!t.isObject() || !t.has("dtype") || !t.has("shape") || !t.has("data_offsets")) {
                throw fail(file, "has " + where + " without dtype, shape and data_offsets" + DAMAGED);
            }
            JsonNode dtype = t.get("dtype");
            if (!dtype.isTextual() || !dtype.textValue().equals(SafetensorsFormat.F32)) {
                throw fail(file, "has " + where + " of dtype " + dtype + "; vae4j reads only F32 tensors");
            }
            int[] shape = shape(file, where, t.get("shape"));
            JsonNode offsets = t.get("data_offsets");
            if (!offsets.isArray() || offsets.size() != 2 || !isNonNegativeLong(offsets.get(0))
                    || !isNonNegativeLong(offsets.get(1)) || offsets.get(1).longValue() < offsets.get(0).longValue()) {
                throw fail(file, "has " + where + " whose data_offsets " + offsets
                        + " are not two non-negative integers [begin, end] with begin <= end" + DAMAGED);
            }
            long begin = offsets.get(0).longValue();
            long end = offsets.get(1).longValue();
            long count = 1;
            for (int d : shape) {
                count *= d;
            }
            if (end - begin != 4 * count) {
                throw fail(file, "has " + where + " of shape " + Arrays.toString(shape) + " (" + 4 * count
                        + " bytes of F32) whose data_offsets span " + (end - begin) + " bytes" + DAMAGED);
            }
            entries.add(new Entry(name, shape, begin, end));
        }
        return entries;
    }

    private static int[] shape(String file, String where, JsonNode shape) {
        if (!shape.isArray()) {
            throw fail(file, "has " + where + " whose shape " + shape + " is not a list of sizes" + DAMAGED);
        }
        int[] dims = new int[shape.size()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shape.get(i);
            if (!d.canConvertToInt() || !d.isIntegralNumber() || d.intValue() < 0) {
                throw fail(file, "has " + where + " with an impossible shape " + shape + DAMAGED);
            }
            dims[i] = d.intValue();
            count *= dims[i];
            if (count > MAX_VALUES) {
                throw fail(file, "has " + where + " with an absurd shape " + shape + " (more than 2^29 values)" + DAMAGED);
            }
        }
        return dims;
    }

    private static boolean isNonNegativeLong(JsonNode n) {
        return n != null && n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0;
    }

    /** The offsets, sorted, must cover [0, dataLength) exactly, as the reference implementation requires. */
    private static void checkTiling(String file, List<Entry> entries, long dataLength) {
        entries.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin < expected) {
                throw fail(file, "has tensor '" + e.name + "' at bytes [" + e.begin + ", " + e.end
                        + ") overlapping the tensor before it" + DAMAGED);
            }
            if (e.begin > expected) {
                throw fail(file, "has a hole in its data: bytes [" + expected + ", " + e.begin
                        + ") belong to no tensor" + DAMAGED);
            }
            expected = e.end;
        }
        if (expected > dataLength) {
            throw fail(file, "is truncated: its tensors need " + expected + " bytes of data but " + dataLength
                    + " follow the header");
        }
        if (expected < dataLength) {
            throw fail(file, "has " + (dataLength - expected) + " bytes after its last tensor" + DAMAGED);
        }
    }

    private static long readLong(Source in) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        in.readFully(0, b);
        return b.getLong(0);
    }

    private static float[] readFloats(Source in, long position, long bytes) throws IOException {
        ByteBuffer b = ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
        in.readFully(position, b);
        float[] values = new float[(int) (bytes / 4)];
        b.flip();
        b.asFloatBuffer().get(values);
        return values;
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "unreadable";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static CheckpointException fail(String file, String problem) {
        return new CheckpointException(file + " " + problem);
    }
}
