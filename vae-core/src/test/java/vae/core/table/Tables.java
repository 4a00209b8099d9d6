package vae.core.table;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

/** Reading tables from text in tests. */
final class Tables {
    private Tables() {
    }

    static Table read(String csv, TableOptions options) {
        return TableReader.read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "t.csv", options);
    }

    static Table read(String csv) {
        return read(csv, TableOptions.defaults());
    }
}
