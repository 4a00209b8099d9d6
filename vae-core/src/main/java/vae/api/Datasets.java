package vae.api;

import java.nio.file.Path;
import vae.core.data.DataSplit;
import vae.core.data.Dataset;
import vae.core.data.DatasetCatalog;
import vae.core.data.ExampleShape;

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

    /** A specification as checkpoints record it: a directory becomes absolute, so a run resumes from anywhere. */
    public static String canonical(String spec) {
        if (spec.equals(DatasetCatalog.MNIST) || spec.equals(DatasetCatalog.FASHION_MNIST)) {
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
