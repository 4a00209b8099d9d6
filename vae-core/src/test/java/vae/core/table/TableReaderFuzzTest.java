package vae.core.table;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import vae.core.data.DataException;
import vae.core.fuzz.FuzzBounds;

/**
 * Any bytes given to the table reader (raw or gzipped), under the default options and under SKIP with a
 * small category cap, give a {@link Table} or a {@link DataException}: never another exception, an input
 * taking over two seconds or allocating too much (see {@link FuzzBounds}), or more rows than the bytes hold. A table that reads is also fitted, encoded, decoded and its transform
 * sent through JSON. {@code ./mvnw verify} replays the corpus in {@code TableReaderFuzzTestInputs};
 * {@code JAZZER_FUZZ=1} fuzzes (see docs/errors.md).
 */
class TableReaderFuzzTest {
    private static final TableOptions SKIPPING = TableOptions.defaults().withOnBadRow(BadRowPolicy.SKIP)
            .withMaxCategories(3);

    @FuzzTest(maxDuration = "5m")
    void readsOrRefusesInOneLine(byte[] bytes) throws Exception {
        FuzzBounds.check(bytes.length, () -> {
            readAndUse(bytes, TableOptions.defaults());
            readAndUse(bytes, SKIPPING);
        });
    }

    private static void readAndUse(byte[] bytes, TableOptions options) {
        try {
            Table t = TableReader.read(new ByteArrayInputStream(bytes), "fuzz", options);
            if (t.rowCount() > (long) bytes.length * 1100 + 64) { // gzip inflates at most ~1032:1
                throw new AssertionError("read " + t.rowCount() + " rows from " + bytes.length + " bytes");
            }
            TableTransform transform = TableTransform.fit(t);
            EncodedTable e = transform.encode(t);
            transform.decode(e.values(), e.rows() - 1);
            if (!TableTransform.fromJson(transform.toJson()).toJson().equals(transform.toJson())) {
                throw new AssertionError("transform JSON does not round-trip: " + transform.toJson());
            }
        } catch (DataException expected) {
            // the reader's one-line refusal
        }
    }
}
