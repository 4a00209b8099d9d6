package vae.core.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes tensors as a safetensors file that {@code safetensors.torch.load_file} reads: the
 * header is built with Jackson, padded with spaces to 8 bytes, and the tensors follow in the
 * order given, contiguous, as little-endian float32.
 */
public final class SafetensorsWriter {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CHUNK_FLOATS = 1 << 16;

    private SafetensorsWriter() {
    }

    /**
     * Writes {@code tensors} with {@code metadata} (the header's {@code __metadata__}) to {@code out}.
     *
     * @throws IllegalArgumentException if a name repeats or is the reserved {@code __metadata__},
     *                                  or a value is not finite (a diverged model is never saved)
     */
    public static void write(OutputStream out, Map<String, String> metadata, List<NamedTensor> tensors) throws IOException {
        byte[] header = header(metadata, tensors);
        ByteBuffer prefix = ByteBuffer.allocate(SafetensorsFormat.LENGTH_PREFIX).order(ByteOrder.LITTLE_ENDIAN);
        prefix.putLong(header.length);
        out.write(prefix.array());
        out.write(header);
        ByteBuffer chunk = ByteBuffer.allocate(4 * CHUNK_FLOATS).order(ByteOrder.LITTLE_ENDIAN);
        for (NamedTensor t : tensors) {
            float[] data = t.data();
            for (int from = 0; from < data.length; from += CHUNK_FLOATS) {
                int count = Math.min(CHUNK_FLOATS, data.length - from);
                chunk.clear();
                chunk.asFloatBuffer().put(data, from, count);
                out.write(chunk.array(), 0, 4 * count);
            }
        }
    }

    /** The header bytes: JSON, then spaces up to a multiple of 8. */
    static byte[] header(Map<String, String> metadata, List<NamedTensor> tensors) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(SafetensorsFormat.METADATA_KEY);
            metadata.forEach(meta::put);
        }
        Set<String> names = new HashSet<>();
        long offset = 0;
        for (NamedTensor t : tensors) {
            if (t.name().equals(SafetensorsFormat.METADATA_KEY) || !names.add(t.name())) {
                throw new IllegalArgumentException("tensor name '" + t.name() + "' is reserved or repeated");
            }
            checkFinite(t);
            ObjectNode entry = root.putObject(t.name());
            entry.put("dtype", SafetensorsFormat.F32);
            ArrayNode shape = entry.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(offset).add(offset + t.byteCount());
            offset += t.byteCount();
        }
        byte[] json = root.toString().getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + SafetensorsFormat.HEADER_ALIGNMENT - 1) / SafetensorsFormat.HEADER_ALIGNMENT
                * SafetensorsFormat.HEADER_ALIGNMENT;
        byte[] header = new byte[padded];
        System.arraycopy(json, 0, header, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            header[i] = ' ';
        }
        if (header.length > SafetensorsFormat.MAX_HEADER_SIZE) {
            throw new IllegalArgumentException("a header of " + header.length + " bytes exceeds the safetensors limit");
        }
        return header;
    }

    private static void checkFinite(NamedTensor t) {
        for (float v : t.data()) {
            if (!Float.isFinite(v)) {
                throw new IllegalArgumentException("tensor " + t.name() + " holds " + v
                        + ": refusing to save a diverged model");
            }
        }
    }
}
