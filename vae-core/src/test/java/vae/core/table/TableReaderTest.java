package vae.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.core.table.Tables.read;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.core.data.DataException;

class TableReaderTest {

    private static String failure(String csv, TableOptions options) {
        String message = assertThrows(DataException.class, () -> read(csv, options)).getMessage();
        assertFalse(message.contains("\n"), () -> "one line: " + message);
        return message;
    }

    private static String failure(String csv) {
        return failure(csv, TableOptions.defaults());
    }

    @Test
    void infersNumericBinaryAndCategoricalColumns() {
        Table t = read("""
                x,flag,sex,color,code
                1.5,0,M,red,10
                -2,1,F,blue,9
                3e2,1,M,green,abc
                """);
        assertEquals(List.of(ColumnType.NUMERIC, ColumnType.BINARY, ColumnType.BINARY, ColumnType.CATEGORICAL,
                ColumnType.CATEGORICAL), t.columns().stream().map(TableColumn::type).toList());
        assertEquals(300f, t.column("x").number(2));
        assertEquals(List.of("0", "1"), t.column("flag").categories());
        assertEquals(List.of("F", "M"), t.column("sex").categories());
        assertEquals(List.of("blue", "green", "red"), t.column("color").categories());
        // the numbers seen before 'abc' became categories, numbers first by value
        assertEquals(List.of("9", "10", "abc"), t.column("code").categories());
        assertEquals(List.of("10", "9", "abc"), List.of(t.column("code").text(0), t.column("code").text(1),
                t.column("code").text(2)));
        assertEquals(List.of(2, 3, 4), List.of(t.line(0), t.line(1), t.line(2)));
    }

    @Test
    void sameNumberWrittenTwoWaysIsOneCategory() {
        Table t = read("a\n1\n1.0\nx\n01\n");
        assertEquals(List.of("1", "x"), t.column("a").categories());
        assertEquals(ColumnType.BINARY, t.column("a").type());
    }

    @Test
    void everyMissingTokenIsMissing() {
        Table t = read("a,b\n1,x\n,x\nNA,y\n NaN ,x\n?,y\n2,z\n3,z\n");
        TableColumn a = t.column("a");
        assertEquals(ColumnType.NUMERIC, a.type());
        for (int r = 1; r <= 4; r++) {
            assertTrue(a.isMissing(r), "row " + r);
        }
        assertEquals(2f, a.number(5));
        Table custom = read("a\n1\n-999\nNA\n", TableOptions.defaults().withMissingTokens(Set.of("-999")));
        assertTrue(custom.column("a").isMissing(1));
        assertEquals(List.of("1", "NA"), custom.column("a").categories()); // NA is now a value: not numeric
    }

    @Test
    void labelIsKeptAsideWithItsValues() {
        Table t = read("a,status,b\n1,ok,2\n3,bad,4\n5,ok,6\n", TableOptions.defaults().withLabelColumn("status"));
        assertEquals(List.of("a", "b"), t.columns().stream().map(TableColumn::name).toList());
        assertEquals(List.of("bad", "ok"), t.labelValues());
        assertEquals("ok", t.label(2));
        assertEquals(1, t.labelCode(0));
    }

    @Test
    void ignoredColumnsAreNotRead() {
        Table t = read("id,a\nx1,1\nx2,2\n", TableOptions.defaults().withIgnoredColumns(List.of("id")));
        assertEquals(List.of("a"), t.columns().stream().map(TableColumn::name).toList());
        assertEquals(List.of("id", "a"), t.header());
    }

    @Test
    void quotedFieldsAndByteOrderMarkAreRead() {
        Table t = read("\uFEFFname,v\n\"a, b\",1\n\"say \"\"hi\"\"\",2\n");
        assertEquals(List.of("a, b", "say \"hi\""), t.column("name").categories());
    }

    @Test
    void rowLimitStopsReading() {
        Table t = read("a\n1\n2\n3\nnot even read,,,\n", TableOptions.defaults().withRowLimit(3));
        assertEquals(3, t.rowCount());
    }

    @Test
    void wrongFieldCountNamesFileAndLine() {
        assertEquals("t.csv line 3: 1 fields but the header has 2; fix the line or skip such rows (on-bad-row skip)",
                failure("a,b\n1,2\n3\n"));
        assertTrue(failure("a,b\n1,2\n3,4,5\n").startsWith("t.csv line 3: 3 fields but the header has 2"));
    }

    @Test
    void nonNumberInDeclaredNumericColumnNamesLineAndColumn() {
        TableOptions numeric = TableOptions.defaults()
                .withSchema(TableSchema.of(Map.of("b", TableSchema.Column.of(ColumnType.NUMERIC))));
        String m = failure("a,b\n1,2\n3,x\n", numeric);
        assertTrue(m.startsWith("t.csv line 3, column 'b': 'x' is not a number (the schema says numeric)"), m);
    }

    @Test
    void valueOutsideDeclaredCategoriesIsABadRow() {
        TableOptions options = TableOptions.defaults().withSchema(TableSchema.of(Map.of("c",
                new TableSchema.Column(ColumnType.CATEGORICAL, List.of("red", "blue")))));
        String m = failure("c\nred\npink\n", options);
        assertTrue(m.startsWith("t.csv line 3, column 'c': 'pink' is not one of the schema's categories [red, blue]"), m);
        Table t = read("c\nblue\nred\nblue\n", options);
        assertEquals(List.of("red", "blue"), t.column("c").categories()); // declared order kept
        assertTrue(t.column("c").categoriesDeclared());
    }

    @Test
    void missingLabelIsABadRow() {
        TableOptions options = TableOptions.defaults().withLabelColumn("y");
        assertEquals("t.csv line 3: the label ('y') is missing; fill it in or skip such rows (on-bad-row skip)",
                failure("x,y\n1,a\n2,NA\n", options));
    }

    @Test
    void skipPolicyDropsBadRowsAndCountsThem() {
        TableOptions options = TableOptions.defaults().withLabelColumn("y").withOnBadRow(BadRowPolicy.SKIP)
                .withSchema(TableSchema.of(Map.of("x", TableSchema.Column.of(ColumnType.NUMERIC))));
        Table t = read("x,y\n1,a\n2\nzz,b\n3,\n4,b\n5,a,6\n", options);
        assertEquals(4, t.skippedRows());
        assertEquals(2, t.rowCount());
        assertEquals(List.of(2, 6), List.of(t.line(0), t.line(1)));
        assertEquals(List.of("a", "b"), t.labelValues());
        assertEquals("t.csv: all 1 data rows are bad and were skipped; fix them",
                failure("x,y\n1\n", options));
    }

    @Test
    void headerProblemsAreOneLine() {
        assertEquals("t.csv line 1, column 2: empty column name; name every column in the header",
                failure("a,,c\n1,2,3\n"));
        assertEquals("t.csv line 1, column 3: column name 'a' is also column 1; give each column its own name",
                failure("a,b,a\n1,2,3\n"));
        assertEquals("t.csv line 1: no column 'zz' (the label column) in the header [a, b]; check the column name",
                failure("a,b\n1,2\n", TableOptions.defaults().withLabelColumn("zz")));
        assertTrue(failure("a,b\n1,2\n", TableOptions.defaults().withIgnoredColumns(List.of("q")))
                .startsWith("t.csv line 1: no column 'q' (the ignored column)"));
        assertTrue(failure("a,b\n1,2\n", TableOptions.defaults().withSchema(
                TableSchema.of(Map.of("c", TableSchema.Column.of(ColumnType.NUMERIC)))))
                .startsWith("t.csv line 1: no column 'c' (the schema column)"));
    }

    @Test
    void emptyFilesAndHeaderOnlyFilesAreRefused() {
        assertEquals("t.csv is empty; a table needs a header line and data rows", failure(""));
        assertEquals("t.csv is empty; a table needs a header line and data rows", failure("\n\n"));
        assertEquals("t.csv has a header but no data rows; add rows", failure("a,b\n"));
    }

    @Test
    void allMissingColumnIsRefusedByName() {
        assertEquals("t.csv, column 'b': no values, every one is missing; ignore the column (ignore-columns)",
                failure("a,b\n1,\n2,NA\n"));
    }

    @Test
    void tooManyCategoriesIsRefused() {
        StringBuilder csv = new StringBuilder("id\n");
        for (int i = 0; i < 6; i++) {
            csv.append("id").append(i).append('\n');
        }
        String m = failure(csv.toString(), TableOptions.defaults().withMaxCategories(5));
        assertEquals("t.csv line 7, column 'id': more than 5 distinct values; ignore the column (ignore-columns)"
                + " or declare it numeric in a schema", m);
        StringBuilder numbers = new StringBuilder("v\n");
        for (int i = 0; i < 8; i++) {
            numbers.append(i).append('\n');
        }
        numbers.append("oops\n");
        assertTrue(failure(numbers.toString(), TableOptions.defaults().withMaxCategories(5))
                .startsWith("t.csv line 10, column 'v': 'oops' is not a number but the column has more than 5"));
        assertEquals(ColumnType.NUMERIC,
                read(numbers.substring(0, numbers.length() - 5), TableOptions.defaults().withMaxCategories(5))
                        .column("v").type());
    }

    @Test
    void nulBytesAndBadUtf8AreNotText() {
        byte[] nul = "a\n1\n2\u0000\n".getBytes(StandardCharsets.UTF_8);
        String m = assertThrows(DataException.class,
                () -> TableReader.read(new ByteArrayInputStream(nul), "t.csv", TableOptions.defaults())).getMessage();
        assertEquals("t.csv line 3: a NUL byte, so this is not a text file; give a CSV file (UTF-8 text)", m);
        byte[] latin1 = {'a', '\n', (byte) 0xE9, '\n'};
        assertTrue(assertThrows(DataException.class,
                () -> TableReader.read(new ByteArrayInputStream(latin1), "t.csv", TableOptions.defaults()))
                .getMessage().startsWith("t.csv: not UTF-8 text (a bad byte on line 3 or before)"), () -> latin1Message(latin1));
    }

    private static String latin1Message(byte[] bytes) {
        try {
            TableReader.read(new ByteArrayInputStream(bytes), "t.csv", TableOptions.defaults());
            return "no exception";
        } catch (RuntimeException e) {
            return e.toString();
        }
    }

    @Test
    void malformedQuotingIsOneLine() {
        assertTrue(failure("a,b\n\"x\"y,1\n").startsWith("t.csv line 2: malformed CSV"));
    }

    @Test
    void gzipFilesAreReadByTheirMagicBytes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("r.csv.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write("a,b\n1,x\n2,y\n3,z\n".getBytes(StandardCharsets.UTF_8));
        }
        Table t = TableReader.read(file, TableOptions.defaults());
        assertEquals(3, t.rowCount());
        assertEquals(file.toString(), t.source());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write("a,b\n1,x\n2,y\n3,z\n".getBytes(StandardCharsets.UTF_8));
        }
        byte[] cut = java.util.Arrays.copyOf(bytes.toByteArray(), bytes.size() - 12);
        String m = assertThrows(DataException.class,
                () -> TableReader.read(new ByteArrayInputStream(cut), "t.csv.gz", TableOptions.defaults()))
                .getMessage();
        assertTrue(m.startsWith("t.csv.gz: the gzip data"), m);
    }

    @Test
    void missingFileIsOneLine(@TempDir Path dir) {
        Path file = dir.resolve("nope.csv");
        assertEquals(file + ": no such file; check the path",
                assertThrows(DataException.class, () -> TableReader.read(file, TableOptions.defaults())).getMessage());
    }

    @Test
    void manyRowsCrossChunkBoundaries() {
        StringBuilder csv = new StringBuilder("a,b\n");
        int n = IntChunks.CHUNK * 2 + 77;
        for (int i = 0; i < n; i++) {
            csv.append(i).append(',').append(i % 3 == 0 ? "x" : "y").append('\n');
        }
        Table t = read(csv.toString());
        assertEquals(n, t.rowCount());
        assertEquals(n - 1f, t.column("a").number(n - 1));
        assertEquals(IntChunks.CHUNK + 5f, t.column("a").number(IntChunks.CHUNK + 5));
        assertEquals((n - 1) % 3 == 0 ? "x" : "y", t.column("b").text(n - 1));
        assertEquals(n + 1, t.line(n - 1));
    }

    @Test
    void columnTurningCategoricalKeepsEarlierValuesAndMissingOnes() {
        Table t = read("v\n2.5\nNA\n-0\n0\n2.50\nhigh\n");
        TableColumn v = t.column("v");
        assertEquals(ColumnType.CATEGORICAL, v.type());
        assertEquals(List.of("-0", "2.5", "high"), v.categories()); // -0 and 0 are one number
        assertEquals(java.util.Arrays.asList("2.5", null, "-0", "-0", "2.5", "high"),
                java.util.stream.IntStream.range(0, 6).mapToObj(v::text).toList());
    }

    @Test
    void otherDelimitersAreRead() {
        Table t = read("a;b\n1,5;x\n2;y\n3;z\n", TableOptions.defaults().withDelimiter(';'));
        assertEquals(List.of("2", "3", "1,5"), t.column("a").categories()); // a decimal comma is text
    }

    @Test
    void optionsRefuseNonsense() {
        TableOptions d = TableOptions.defaults();
        assertThrows(IllegalArgumentException.class, () -> d.withRowLimit(0));
        assertThrows(IllegalArgumentException.class, () -> d.withDelimiter('"'));
        assertThrows(IllegalArgumentException.class, () -> d.withMaxCategories(1));
        assertEquals(Set.of("NA"), d.withMissingTokens(Set.of(" NA ")).missingTokens());
    }
}
