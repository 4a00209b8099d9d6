package vae.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vae.core.data.DataException;

class TableTransformTest {
    private static final String CSV = """
            age,color,smoker,status
            30,red,no,ok
            50,blue,yes,bad
            NA,green,no,ok
            40,,yes,ok
            """;

    private static Table table() {
        return Tables.read(CSV, TableOptions.defaults().withLabelColumn("status"));
    }

    @Test
    void layoutPlacesEachColumn() {
        TableTransform t = TableTransform.fit(table());
        assertEquals(5, t.width());
        List<TableTransform.EncodedColumn> l = t.layout();
        assertEquals(new TableTransform.EncodedColumn("age", ColumnType.NUMERIC, 0, 1, List.of(), 40,
                Math.sqrt(200.0 / 3), true), l.get(0), "ages are whole numbers");
        assertEquals(new TableTransform.EncodedColumn("color", ColumnType.CATEGORICAL, 1, 3,
                List.of("blue", "green", "red"), 0, 1), l.get(1));
        assertEquals(new TableTransform.EncodedColumn("smoker", ColumnType.BINARY, 4, 1, List.of("no", "yes"), 0, 1),
                l.get(2));
        assertEquals(List.of("bad", "ok"), t.labelValues());
    }

    @Test
    void encodesStandardisedOneHotBinaryAndMissing() {
        Table table = table();
        TableTransform t = TableTransform.fit(table);
        EncodedTable e = t.encode(table);
        float s = (float) Math.sqrt(200.0 / 3);
        assertArrayEquals(new float[] {
            (float) (-10 / Math.sqrt(200.0 / 3)), 0, 0, 1, 0,
            (float) (10 / Math.sqrt(200.0 / 3)), 1, 0, 0, 1,
            Float.NaN, 0, 1, 0, 0,
            0, Float.NaN, Float.NaN, Float.NaN, 1}, e.values());
        assertTrue(s > 0);
        assertArrayEquals(new int[] {1, 0, 1, 1}, e.labels());
        assertArrayEquals(new int[] {0, 1, 2, 3}, e.tableRows());
        assertEquals("bad", t.labelName(e.labels()[1]));
    }

    @Test
    void aColumnOfWholeNumbersDecodesToWholeNumbersAndSaysSoInJson() {
        TableTransform t = TableTransform.fit(table());
        float[] between = {(float) (0.26 / Math.sqrt(200.0 / 3)), 0, 1, 0, 0}; // age 40.26
        assertEquals("40", t.decode(between)[0]);
        assertTrue(t.toJson().contains("\"integer\":true"), t.toJson());
        assertTrue(TableTransform.fromJson(t.toJson()).layout().get(0).integer());
        Table decimals = Tables.read("x\n0.5\n1.25\n2\n", TableOptions.defaults());
        assertFalse(TableTransform.fit(decimals).layout().get(0).integer());
    }

    @Test
    void decodeGivesTheOriginalValuesBack() {
        Table table = table();
        TableTransform t = TableTransform.fit(table);
        EncodedTable e = t.encode(table);
        assertArrayEquals(new String[] {"30", "red", "no"}, t.decode(e.values(), 0));
        assertArrayEquals(new String[] {"50", "blue", "yes"}, t.decode(e.values(), 1));
        assertArrayEquals(new String[] {"", "green", "no"}, t.decode(e.values(), 2));
        assertArrayEquals(new String[] {"40", "", "yes"}, t.decode(e.values(), 3));
        assertArrayEquals(new String[] {"40", "green", "yes"}, t.decode(new float[] {0, 0.1f, 0.7f, 0.2f, 0.6f}));
    }

    @Test
    void randomNumbersSurviveTheRoundTrip() {
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder csv = new StringBuilder("v,w\n");
        float[] v = new float[500];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * 1000 + 5);
            csv.append(v[i]).append(',').append(random.nextInt(100)).append('\n');
        }
        Table table = Tables.read(csv.toString());
        TableTransform t = TableTransform.fit(table);
        EncodedTable e = t.encode(table);
        double std = t.layout().get(0).std();
        for (int i = 0; i < v.length; i++) {
            float back = Float.parseFloat(t.decode(e.values(), i)[0]);
            // the standardised value is a float: its rounding, scaled back by std, plus the final rounding
            double tolerance = Math.ulp(e.values()[i * 2]) * std + Math.ulp(v[i]);
            assertEquals(v[i], back, tolerance, "row " + i);
        }
        Table exact = Tables.read("v\n0.5\n1.25\n-3\n");
        TableTransform small = TableTransform.fit(exact);
        EncodedTable se = small.encode(exact);
        assertEquals(List.of("0.5", "1.25", "-3"), List.of(small.decode(se.values(), 0)[0],
                small.decode(se.values(), 1)[0], small.decode(se.values(), 2)[0]));
    }

    @Test
    void unseenCategoryFailsOrIsSkipped() {
        TableTransform t = TableTransform.fit(table());
        Table other = Tables.read("age,color,smoker,status\n1,red,no,ok\n2,pink,no,ok\n3,red,no,new\n",
                TableOptions.defaults().withLabelColumn("status").withSchema(t.schema()));
        assertEquals("t.csv line 3, column 'color': 'pink' was not seen in training [blue, green, red];"
                + " fix the value or skip such rows (on-bad-row skip)",
                assertThrows(DataException.class, () -> t.encode(other)).getMessage());
        EncodedTable e = t.encode(other, BadRowPolicy.SKIP);
        assertEquals(1, e.rows());
        assertEquals(2, e.skippedRows());
        assertArrayEquals(new int[] {0}, e.tableRows());
        assertEquals(5, e.values().length);
        Table newLabel = other.rows(new int[] {2});
        assertTrue(assertThrows(DataException.class, () -> t.encode(newLabel)).getMessage()
                .startsWith("t.csv line 4, label column 'status': 'new' was not a label in training [bad, ok]"));
    }

    @Test
    void jsonRoundTripIsBitExact() {
        SplittableRandom random = new SplittableRandom(9);
        StringBuilder csv = new StringBuilder("a,b,c\n");
        for (int i = 0; i < 300; i++) {
            csv.append(random.nextDouble() * 1e-3).append(',').append(random.nextGaussian() * 1e6).append(',')
                    .append("k").append(random.nextInt(4)).append('\n');
        }
        TableTransform t = TableTransform.fit(Tables.read(csv.toString()));
        TableTransform back = TableTransform.fromJson(t.toJson());
        assertEquals(t.layout(), back.layout()); // record equality compares the doubles' bits
        for (int i = 0; i < 2; i++) {
            assertEquals(Double.doubleToRawLongBits(t.layout().get(i).mean()),
                    Double.doubleToRawLongBits(back.layout().get(i).mean()));
            assertEquals(Double.doubleToRawLongBits(t.layout().get(i).std()),
                    Double.doubleToRawLongBits(back.layout().get(i).std()));
        }
        assertEquals(t.toJson(), back.toJson());
        TableTransform labelled = TableTransform.fit(table());
        assertEquals(labelled.labelValues(), TableTransform.fromJson(labelled.toJson()).labelValues());
        assertEquals("status", TableTransform.fromJson(labelled.toJson()).labelColumn());
    }

    @Test
    void damagedJsonIsOneLine() {
        for (String json : List.of("", "{", "[]", "{\"format\": \"x\"}",
                "{\"format\": \"vae4j-table-transform\", \"version\": 2, \"columns\": []}",
                "{\"format\": \"vae4j-table-transform\", \"version\": 1, \"columns\": []}",
                "{\"format\": \"vae4j-table-transform\", \"version\": 1, \"columns\": [{\"name\": \"a\","
                        + " \"type\": \"numeric\", \"mean\": 1, \"std\": 0}]}",
                "{\"format\": \"vae4j-table-transform\", \"version\": 1, \"columns\": [{\"name\": \"a\","
                        + " \"type\": \"binary\", \"categories\": [\"x\", \"y\", \"z\"]}]}")) {
            String m = assertThrows(DataException.class, () -> TableTransform.fromJson(json, "m.safetensors"), json)
                    .getMessage();
            assertTrue(m.startsWith("m.safetensors: the table transform is damaged (")
                    && m.endsWith("); train the model again") && !m.contains("\n"), m);
        }
    }

    @Test
    void typeMismatchAtEncodeTimeIsOneLine() {
        TableTransform t = TableTransform.fit(Tables.read("a\n1.5\n2\n3\n"));
        assertEquals("t.csv, column 'a': reads as binary but was numeric in training; read the file with the"
                + " training column types (schema)",
                assertThrows(DataException.class, () -> t.encode(Tables.read("a\n0\n1\n"))).getMessage());
        assertEquals(ColumnType.NUMERIC, Tables.read("a\n0\n1\n", TableOptions.defaults().withSchema(t.schema()))
                .column("a").type());
    }
}
