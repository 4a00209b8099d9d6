package vae.core.table;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import vae.core.data.DataException;

/**
 * A table's rows parted into training and test rows.
 *
 * @param train the training rows
 * @param test  the test rows (possibly none)
 */
public record TableSplit(Table train, Table test) {

    /**
     * Parts a table at random, stratified by label when it has one. Algorithm: the rows of each label value
     * (all rows when unlabelled), taken in label-value order, are shuffled by Fisher–Yates with one
     * {@code new SplittableRandom(seed)} ({@code j = nextInt(i + 1)} for {@code i} from the last index down to
     * 1); the first {@code Math.round(testFraction × n)} rows of each class go to the test part. Both parts
     * keep file order. The same table, fraction and seed give the same parts.
     *
     * @param testFraction the share of each class held out, in [0, 1)
     */
    public static TableSplit split(Table table, double testFraction, long seed) {
        if (!(testFraction >= 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be in [0, 1), not " + testFraction);
        }
        int n = table.rowCount();
        int classes = table.hasLabel() ? table.labelValues().size() : 1;
        int[] count = new int[classes];
        for (int r = 0; r < n; r++) {
            count[classOf(table, r)]++;
        }
        int[][] members = new int[classes][];
        for (int k = 0; k < classes; k++) {
            members[k] = new int[count[k]];
        }
        int[] filled = new int[classes];
        for (int r = 0; r < n; r++) {
            int k = classOf(table, r);
            members[k][filled[k]++] = r;
        }
        SplittableRandom random = new SplittableRandom(seed);
        boolean[] isTest = new boolean[n];
        for (int[] rows : members) {
            for (int i = rows.length - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = rows[i];
                rows[i] = rows[j];
                rows[j] = t;
            }
            long held = Math.round(testFraction * rows.length);
            for (int i = 0; i < held; i++) {
                isTest[rows[i]] = true;
            }
        }
        int[] train = new int[n];
        int[] test = new int[n];
        int nTrain = 0;
        int nTest = 0;
        for (int r = 0; r < n; r++) {
            if (isTest[r]) {
                test[nTest++] = r;
            } else {
                train[nTrain++] = r;
            }
        }
        return new TableSplit(table.rows(Arrays.copyOf(train, nTrain)), table.rows(Arrays.copyOf(test, nTest)));
    }

    private static int classOf(Table table, int row) {
        return table.hasLabel() ? table.labelCode(row) : 0;
    }

    /**
     * Reads training and test rows from two files with the same header: the test file is read with the
     * training file's column types ({@link Table#schema()}), so a column has one type in both; a column
     * inferred binary in training is read as categorical in the test file, so that a third value there is
     * a category never seen in training (a bad row to the transform) rather than a reading error.
     */
    public static TableSplit read(Path trainFile, Path testFile, TableOptions options) {
        Table train = TableReader.read(trainFile, options);
        TableSchema declared = options.schema();
        TableSchema types = train.schema().withBinaryAsCategorical(
                declared == null ? Set.of() : declared.columns().keySet());
        Table test = TableReader.read(testFile, options.withSchema(declared == null ? types
                : new TableSchema(types.columns(), declared.label(), declared.ignored())));
        if (!test.header().equals(train.header())) {
            throw new DataException(testFile + " line 1: the header " + TableErrors.list(test.header())
                    + " differs from " + trainFile + "'s " + TableErrors.list(train.header())
                    + "; give both files the same columns in the same order");
        }
        return new TableSplit(train, test);
    }
}
