package vae.core.table;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.core.data.DataException;

class TableSplitTest {

    /** 700 rows labelled a, 200 b, 100 c; x is the row number. */
    private static Table labelled() {
        StringBuilder csv = new StringBuilder("x,y\n");
        for (int i = 0; i < 1000; i++) {
            csv.append(i).append(',').append(i % 10 < 7 ? "a" : i % 10 < 9 ? "b" : "c").append('\n');
        }
        return Tables.read(csv.toString(), TableOptions.defaults().withLabelColumn("y"));
    }

    private static int[] xs(Table t) {
        return IntStream.range(0, t.rowCount()).map(r -> (int) t.column("x").number(r)).toArray();
    }

    private static long count(Table t, String label) {
        return IntStream.range(0, t.rowCount()).filter(r -> t.label(r).equals(label)).count();
    }

    @Test
    void stratifiedSplitHoldsOutTheFractionOfEachClass() {
        TableSplit s = TableSplit.split(labelled(), 0.2, 5);
        assertEquals(140, count(s.test(), "a"));
        assertEquals(40, count(s.test(), "b"));
        assertEquals(20, count(s.test(), "c"));
        assertEquals(800, s.train().rowCount());
        int[] train = xs(s.train());
        int[] test = xs(s.test());
        assertTrue(IntStream.range(1, train.length).allMatch(i -> train[i - 1] < train[i]), "file order");
        assertTrue(IntStream.range(1, test.length).allMatch(i -> test[i - 1] < test[i]), "file order");
        assertEquals(1000, IntStream.concat(IntStream.of(train), IntStream.of(test)).distinct().count());
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Table t = labelled();
        assertArrayEquals(xs(TableSplit.split(t, 0.3, 11).test()), xs(TableSplit.split(t, 0.3, 11).test()));
        assertNotEquals(java.util.Arrays.toString(xs(TableSplit.split(t, 0.3, 11).test())),
                java.util.Arrays.toString(xs(TableSplit.split(t, 0.3, 12).test())));
    }

    @Test
    void unlabelledSplitAndZeroFraction() {
        Table t = Tables.read("x\n1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n");
        assertEquals(3, TableSplit.split(t, 0.25, 1).test().rowCount()); // round(2.5) = 3
        assertEquals(0, TableSplit.split(t, 0, 1).test().rowCount());
        assertThrows(IllegalArgumentException.class, () -> TableSplit.split(t, 1, 1));
    }

    @Test
    void twoFilesAreReadWithTheTrainingTypes(@TempDir Path dir) throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), "n,c\n1.5,x\n2,y\n7,z\n");
        Path test = Files.writeString(dir.resolve("test.csv"), "n,c\n0,x\n1,y\n");
        TableSplit s = TableSplit.read(train, test, TableOptions.defaults());
        assertEquals(ColumnType.NUMERIC, s.test().column("n").type()); // alone it would read as binary
        assertEquals(ColumnType.CATEGORICAL, s.test().column("c").type());
        Path other = Files.writeString(dir.resolve("other.csv"), "c,n\nx,1\n");
        String m = assertThrows(DataException.class, () -> TableSplit.read(train, other, TableOptions.defaults()))
                .getMessage();
        assertTrue(m.startsWith(other + " line 1: "), m);
    }
}
