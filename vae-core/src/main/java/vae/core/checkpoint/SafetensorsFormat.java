package vae.core.checkpoint;

/**
 * The constants of the safetensors format (huggingface/safetensors): an 8-byte little-endian
 * header length N, N bytes of UTF-8 JSON (padded with spaces to a multiple of 8), then the
 * tensors' bytes, contiguous and in the order of their offsets.
 */
final class SafetensorsFormat {
    /** The largest header the reference implementation accepts (its {@code MAX_HEADER_SIZE}). */
    static final long MAX_HEADER_SIZE = 100_000_000L;
    /** Bytes of the header-length prefix. */
    static final int LENGTH_PREFIX = 8;
    /** The header key of the string-to-string metadata map. */
    static final String METADATA_KEY = "__metadata__";
    /** The only dtype vae4j writes and reads. */
    static final String F32 = "F32";
    /** Headers are padded to this alignment so the data starts aligned, as the reference writer does. */
    static final int HEADER_ALIGNMENT = 8;

    private SafetensorsFormat() {
    }
}
