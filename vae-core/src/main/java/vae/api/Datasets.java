package vae.api;

import java.nio.file.Path;
import java.util.List;
import vae.core.data.DataSplit;
import vae.core.data.Dataset;
import vae.core.data.DatasetCatalog;
import vae.core.data.ExampleShape;
import vae.core.data.ImageFolderData;
import vae.core.data.ImageFolderOptions;
import vae.core.data.ImageFolderReader;
import vae.core.data.ImageFolderSource;
import vae.core.table.EncodedTable;
import vae.core.table.Table;
import vae.core.table.TableOptions;
import vae.core.table.TableReader;
import vae.core.table.TableSchema;
import vae.core.table.TableSplit;
import vae.core.table.TableTransform;

/** The data sets vae4j reads, and in-memory examples wrapped for the API. */
public final class Datasets {
    private Datasets() {
    }

    /** MNIST, 60,000 training and 10,000 test images of 1×28×28, shipped in a Maven Central artifact. */
    public static DataSplit mnist() {
        return DatasetCatalog.load(DatasetCatalog.MNIST);
    }

    /** Fashion-MNIST, from Debian's {@code dataset-fashion-mnist} package. */
    public static DataSplit fashionMnist() {
        return DatasetCatalog.load(DatasetCatalog.FASHION_MNIST);
    }

    /**
     * The data set a specification names: {@code mnist}, {@code fashion-mnist} or a directory of
     * the four IDX files (raw or gzipped).
     *
     * @throws vae.core.data.DataException with one line saying what is missing or malformed and the fix
     */
    public static DataSplit load(String spec) {
        return DatasetCatalog.load(spec);
    }

    /**
     * As {@link #load(String)}, keeping only the first {@code trainLimit} training and
     * {@code testLimit} test examples (0: all) in memory; the rest of each file is still read
     * through, so a damaged file is found all the same.
     */
    public static DataSplit load(String spec, int trainLimit, int testLimit) {
        return DatasetCatalog.load(spec, trainLimit, testLimit);
    }

    /**
     * A folder of PNG and JPEG images as a data set: one subfolder per class (labels are the sorted
     * folder names), or the images directly (unlabelled), or {@code train/} and {@code test/}
     * subfolders; converted to {@code options}' channels and size (see docs/images.md). The result's
     * {@code source().spec()} is what a checkpoint records to read the same images again.
     *
     * @throws vae.core.data.DataException with one line naming the file and the fix
     */
    public static ImageFolderData imageFolder(Path dir, ImageFolderOptions options) {
        return ImageFolderReader.read(dir, options);
    }

    /**
     * A CSV table ready to train on: {@code file} read with {@code options}, a fifth of its rows
     * (stratified by the label, if any) held out for testing with split seed 1; as
     * {@link #table(TableSource)} with {@code TableSource.split(file, 0.2, 1, options)}.
     *
     * @throws vae.core.data.DataException with one line naming file, line and column of a problem
     */
    public static TableData csv(Path file, TableOptions options) {
        return table(TableSource.split(file, 0.2, 1, options));
    }

    /**
     * A table read, split, and encoded for training: the rows of {@code source} (one file split by
     * its test fraction and seed, stratified by the label, or a training and a test file), the
     * transform fitted on the training rows, and both parts encoded with it.
     *
     * @throws vae.core.data.DataException with one line naming file, line and column of a problem
     */
    public static TableData table(TableSource source) {
        return table(source, null);
    }

    /**
     * As {@link #table(TableSource)}, encoding with {@code fitted} (a checkpoint's transform) when it
     * is not null, so a trained model sees its rows exactly as in training.
     */
    public static TableData table(TableSource source, TableTransform fitted) {
        TableSplit split = source.testFile() == null
                ? TableSplit.split(TableReader.read(source.file(), source.options()), source.testFraction(),
                        source.splitSeed())
                : TableSplit.read(source.file(), source.testFile(), source.options());
        // Test rows may carry labels the training rows lack (anomalies held out): they extend the label list.
        TableTransform transform = fitted != null ? fitted : TableTransform.fit(split.train()).withLabelsOf(split.test());
        Dataset train = encoded(transform, transform.encode(split.train(), source.options().onBadRow()),
                split.train().source() + (source.testFile() == null ? "/train" : ""));
        Dataset test = encoded(transform, transform.encode(split.test(), source.options().onBadRow()),
                split.test().source() + (source.testFile() == null ? "/test" : ""));
        return new TableData(new DataSplit(train, test), transform, source);
    }

    /**
     * The rows of {@code file} as a trained model sees them: read with the column types of its
     * transform (so a small file cannot read a numeric column as binary), encoded with it, labelled
     * by the model's label column when the file has it. At most {@code limit} rows (0: all).
     *
     * @throws vae.core.data.DataException with one line naming file, line and column of a problem
     */
    public static TableRows tableRows(Path file, TableTransform transform, TableOptions options, int limit) {
        return tableRows(file, transform, options, limit, false);
    }

    /**
     * As {@link #tableRows(Path, TableTransform, TableOptions, int)}; with {@code unseenAsMissing}, a
     * category never seen in training counts as a missing value instead of a bad row.
     */
    public static TableRows tableRows(Path file, TableTransform transform, TableOptions options, int limit,
                                      boolean unseenAsMissing) {
        boolean labelled = transform.labelColumn() != null
                && TableReader.header(file, options).contains(transform.labelColumn());
        TableSchema types = transform.readingSchema();
        TableOptions reading = options.withLabelColumn(labelled ? transform.labelColumn() : null)
                .withSchema(new TableSchema(types.columns(), labelled ? transform.labelColumn() : null, List.of()));
        if (limit > 0) {
            reading = reading.withRowLimit(limit);
        }
        Table table = TableReader.read(file, reading);
        EncodedTable encoded = transform.encodeFeatures(table, options.onBadRow(), unseenAsMissing);
        Dataset examples = new Dataset(table.source(), new ExampleShape(1, 1, transform.width()), encoded.values(),
                encoded.labels());
        return new TableRows(examples, labelled ? table.labelValues() : List.of(), table, encoded.tableRows());
    }

    private static Dataset encoded(TableTransform transform, EncodedTable e, String name) {
        return new Dataset(name, new ExampleShape(1, 1, transform.width()), e.values(), e.labels());
    }

    /** True for the names of the built-in data sets ({@code mnist}, {@code fashion-mnist}). */
    public static boolean isBuiltIn(String spec) {
        return spec.equals(DatasetCatalog.MNIST) || spec.equals(DatasetCatalog.FASHION_MNIST);
    }

    /** A specification as checkpoints record it: a directory becomes absolute, so a run resumes from anywhere. */
    public static String canonical(String spec) {
        if (isBuiltIn(spec) || TableSource.isSpec(spec) || ImageFolderSource.isSpec(spec)) {
            return spec;
        }
        return Path.of(spec).toAbsolutePath().normalize().toString();
    }

    /**
     * Examples given as rows of values in [0, 1] (or real values for a Gaussian likelihood), each of
     * {@code shape.size()} values in channel, row, column order.
     */
    public static Dataset of(String name, ExampleShape shape, float[][] rows) {
        int d = shape.size();
        float[] flat = new float[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException(name + ": example " + i + " has " + rows[i].length
                        + " values but the shape " + shape + " needs " + d);
            }
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return new Dataset(name, shape, flat, null);
    }

    /** Examples {@code from .. from+count−1} of {@code data} as rows of {@code shape.size()} values. */
    public static float[][] rows(Dataset data, int from, int count) {
        if (from < 0 || count < 0 || from + count > data.size()) {
            throw new IllegalArgumentException(data.name() + " has " + data.size() + " examples; examples " + from
                    + ".." + (from + count - 1) + " do not exist");
        }
        int d = data.shape().size();
        float[] flat = new float[count * d];
        data.copyRange(from, count, flat);
        float[][] rows = new float[count][];
        for (int i = 0; i < count; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return rows;
    }
}
