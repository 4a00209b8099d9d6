package vae.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.core.data.DataException;

class TableSchemaTest {

    @Test
    void readsTheDocumentedFormat(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("schema.json");
        Files.writeString(file, """
                {"label": "status", "ignore": ["id"],
                 "columns": {"age": "numeric", "zip": "CATEGORICAL",
                             "smoker": {"type": "binary", "categories": ["no", "yes"]}}}
                """);
        TableSchema s = TableSchema.read(file);
        assertEquals("status", s.label());
        assertEquals(List.of("id"), s.ignored());
        assertEquals(List.of("age", "zip", "smoker"), List.copyOf(s.columns().keySet()));
        assertEquals(TableSchema.Column.of(ColumnType.CATEGORICAL), s.columns().get("zip"));
        assertEquals(List.of("no", "yes"), s.columns().get("smoker").categories());
        assertEquals(s, TableSchema.parse(s.toJson(), "again"));
    }

    @Test
    void emptyObjectDeclaresNothing() {
        TableSchema s = TableSchema.parse("{}", "s.json");
        assertNull(s.label());
        assertTrue(s.columns().isEmpty());
    }

    @Test
    void badSchemasAreRefusedInOneLine() {
        List<String[]> cases = List.of(
                new String[] {"{", "s.json: not valid JSON"},
                new String[] {"[]", "s.json: the schema must be a JSON object"},
                new String[] {"{\"colums\": {}}", "s.json: the schema has unknown key \"colums\""},
                new String[] {"{\"columns\": {\"a\": \"text\"}}", "s.json: column 'a' has unknown type 'text'"},
                new String[] {"{\"columns\": {\"a\": 3}}", "s.json: column 'a' must be a type"},
                new String[] {"{\"columns\": {\"a\": {\"categories\": [\"x\"]}}}", "s.json: column 'a' has no \"type\""},
                new String[] {"{\"columns\": {\"a\": {\"type\": \"binary\", \"categories\": [\"x\"]}}}",
                        "s.json: column 'a': a binary column has exactly two categories, not 1"},
                new String[] {"{\"columns\": {\"a\": {\"type\": \"numeric\", \"categories\": [\"x\"]}}}",
                        "s.json: column 'a': a numeric column has no categories"},
                new String[] {"{\"columns\": {\"a\": {\"type\": \"categorical\", \"categories\": [\"1\", \"1.0\"]}}}",
                        "s.json: column 'a': category '1.0' is listed twice"},
                new String[] {"{\"ignore\": \"id\"}", "s.json: \"ignore\" must be an array of strings"},
                new String[] {"{\"label\": 5}", "s.json: \"label\" must be a string"});
        for (String[] c : cases) {
            String m = assertThrows(DataException.class, () -> TableSchema.parse(c[0], "s.json"), c[0]).getMessage();
            assertTrue(m.startsWith(c[1]) && m.endsWith("; fix the schema file") && !m.contains("\n"),
                    () -> c[0] + " -> " + m);
        }
    }

    @Test
    void missingSchemaFileIsOneLine(@TempDir Path dir) {
        Path file = dir.resolve("none.json");
        assertEquals(file + ": no such schema file; check the path",
                assertThrows(DataException.class, () -> TableSchema.read(file)).getMessage());
    }

    @Test
    void schemaLabelAndIgnoredColumnsApplyWhenReading() {
        TableSchema s = TableSchema.parse("{\"label\": \"y\", \"ignore\": [\"id\"], \"columns\": {\"x\": \"categorical\"}}",
                "s.json");
        Table t = Tables.read("id,x,y\n1,1,a\n2,2,b\n3,3,a\n", TableOptions.defaults().withSchema(s));
        assertEquals("y", t.labelColumn());
        assertEquals(List.of("x"), t.columns().stream().map(TableColumn::name).toList());
        assertEquals(ColumnType.CATEGORICAL, t.column("x").type());
        assertEquals(List.of("1", "2", "3"), t.column("x").categories());
    }
}
