package vae.core.checkpoint;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a safetensors file holds, validated.
 *
 * @param file     where it was read from, or null for bytes read from memory
 * @param source   what it is, for messages: the file, or the name the bytes were given
 * @param metadata the header's {@code __metadata__} (empty when absent)
 * @param tensors  every tensor by name, in the order of their data
 */
public record SafetensorsContent(Path file, String source, Map<String, String> metadata,
                                 Map<String, NamedTensor> tensors) {

    public SafetensorsContent {
        metadata = Map.copyOf(metadata);
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
    }

    /** The content of {@code file}. */
    public SafetensorsContent(Path file, Map<String, String> metadata, Map<String, NamedTensor> tensors) {
        this(file, file.toString(), metadata, tensors);
    }
}
