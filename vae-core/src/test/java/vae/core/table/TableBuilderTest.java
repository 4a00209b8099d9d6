package vae.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vae.core.data.DataException;

class TableBuilderTest {
    private static final String TRAIN = """
            age,colour,smoker,zip
            30,red,no,10
            50.5,blue,yes,20
            NA,green,no,10
            40,,yes,30
            """;
    private static final String SCORED = """
            age,colour,smoker,zip
            35, green ,yes,20.0
            ?,red,no,
            41.25,NA,yes,30
            """;

    private static TableTransform transform() {
        // zip as categorical: its numbers are category names, matched by value (20.0 is 20)
        TableSchema schema = new TableSchema(new java.util.LinkedHashMap<>(java.util.Map.of(
                "zip", TableSchema.Column.of(ColumnType.CATEGORICAL))), null, java.util.List.of());
        return TableTransform.fit(Tables.read(TRAIN, TableOptions.defaults().withSchema(schema)));
    }

    private static TableBuilder builder(TableTransform t, TableOptions options) {
        return new TableBuilder("input", t.readingSchema(), options);
    }

    @Test
    void rowsGivenAsTextOrNumbersEncodeAsTheSameCsvLinesRead() {
        TableTransform t = transform();
        Table read = Tables.read(SCORED, TableOptions.defaults().withSchema(t.readingSchema()));
        float[] expected = t.encodeFeatures(read, BadRowPolicy.FAIL).values();

        TableBuilder b = builder(t, TableOptions.defaults());
        String[][] text = {{"35", " green ", "yes", "20.0"}, {"?", "red", "no", null}, {"41.25", "NA", "yes", "30"}};
        for (int r = 0; r < text.length; r++) {
            for (int c = 0; c < 4; c++) {
                if (text[r][c] == null) {
                    b.missing(c);
                } else {
                    b.text(c, text[r][c]);
                }
            }
            assertTrue(b.endRow(100 + r));
        }
        assertArrayEquals(expected, t.encodeFeatures(b.build(), BadRowPolicy.FAIL).values());

        // numbers given as numbers (NaN missing), a categorical number as its text
        float[] ages = {35, Float.NaN, 41.25f};
        for (int r = 0; r < 3; r++) {
            b.number(0, ages[r]);
            for (int c = 1; c < 4; c++) {
                if (text[r][c] == null) {
                    b.missing(c);
                } else {
                    b.text(c, c == 3 ? Float.toString(Float.parseFloat(text[r][c])) : text[r][c]);
                }
            }
            b.endRow(r);
        }
        assertArrayEquals(expected, t.encodeFeatures(b.build(), BadRowPolicy.FAIL).values());
    }

    @Test
    void aBadRowIsNamedByItsIdOrSkipped() {
        TableTransform t = transform();
        TableBuilder b = builder(t, TableOptions.defaults());
        b.text(0, "old");
        b.text(1, "red");
        b.text(2, "no");
        b.text(3, "10");
        assertEquals("input row 7, column 'age': 'old' is not a number (the schema says numeric); fix the value, make"
                + " it a missing-value token or skip such rows (on-bad-row skip)",
                assertThrows(DataException.class, () -> b.endRow(7)).getMessage());

        TableBuilder skipping = builder(t, TableOptions.defaults().withOnBadRow(BadRowPolicy.SKIP));
        String[][] rows = {{"1", "red", "no", "10"}, {"x", "red", "no", "10"}, {"3", "purple", "no", "10"}};
        for (int r = 0; r < rows.length; r++) {
            for (int c = 0; c < 4; c++) {
                skipping.text(c, rows[r][c]);
            }
            assertEquals(r != 1, skipping.endRow(r));
        }
        Table kept = skipping.build();
        assertEquals(2, kept.rowCount());
        assertEquals(1, kept.skippedRows());
        // an unseen category is the transform's to judge: named by the row's id
        assertEquals("input row 2, column 'colour': 'purple' was not seen in training [blue, green, red]; fix the"
                + " value or skip such rows (on-bad-row skip)", assertThrows(DataException.class,
                () -> t.encodeFeatures(kept, BadRowPolicy.FAIL)).getMessage());
        EncodedTable e = t.encodeFeatures(kept, BadRowPolicy.FAIL, true);
        assertTrue(Float.isNaN(e.values()[t.width() + 1]), "unseen as missing");
        assertEquals(0, skipping.build().rowCount(), "build starts afresh");
    }

    @Test
    void onlyANumericColumnTakesNumbers() {
        TableBuilder b = builder(transform(), TableOptions.defaults());
        assertThrows(IllegalArgumentException.class, () -> b.number(1, 2f));
        b.number(0, Float.POSITIVE_INFINITY);
        b.text(1, "red");
        b.text(2, "no");
        b.text(3, "10");
        assertTrue(assertThrows(DataException.class, () -> b.endRow(0)).getMessage()
                .startsWith("input row 0, column 'age': 'Infinity' is not a number"));
    }
}
