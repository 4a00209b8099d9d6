package vae.core.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import vae.core.fuzz.FuzzBounds;

/**
 * Any bytes given to the IDX reader (raw or gzipped) give an {@link IdxArray} or a
 * {@link DataException}: never another exception, an input taking over two seconds, or an
 * allocation beyond what the bytes hold (see {@link FuzzBounds}). {@code ./mvnw verify} replays
 * the corpus in {@code IdxReaderFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes (see docs/errors.md).
 */
class IdxReaderFuzzTest {
    @FuzzTest(maxDuration = "3m")
    void readsOrRefusesInOneLine(byte[] bytes) throws Exception {
        FuzzBounds.check(bytes.length, () -> {
            try {
                IdxArray a = IdxReader.read(new ByteArrayInputStream(bytes), "fuzz");
                if (a.data().length > (long) bytes.length * 1100 + 64) { // gzip inflates at most ~1032:1
                    throw new AssertionError("read " + a.data().length + " values from " + bytes.length + " bytes");
                }
            } catch (DataException expected) {
                // the reader's one-line refusal
            }
        });
    }
}
