package vae.core.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Resolves a data set specification to a train/test split.
 *
 * <p>A specification is one of:
 * <ul>
 *   <li>{@value #MNIST} (the default): the original MNIST files shipped in the {@code rapaio.datasets} module
 *       ({@code io.github.padreati:rapaio-datasets}), read from the module path or, failing that, the class
 *       path;</li>
 *   <li>{@value #FASHION_MNIST}: the files of the Debian package {@code dataset-fashion-mnist} in
 *       {@link #FASHION_MNIST_DIR};</li>
 *   <li>any other string: a directory holding {@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 *       {@code t10k-images-idx3-ubyte} and {@code t10k-labels-idx1-ubyte}, each gzipped with a {@code .gz}
 *       suffix or raw without one. A directory that happens to be called {@code mnist} is reached as
 *       {@code ./mnist}.</li>
 * </ul>
 * Image files hold {@code [count, height, width]} or {@code [count, channels, height, width]} unsigned bytes,
 * which become features in {@code [0, 1]}; label files hold {@code [count]} unsigned bytes. Every problem is
 * reported as a {@link DataException} naming the file concerned.
 */
public final class DatasetCatalog {

    /** The specification of the original MNIST digits, bundled with {@code rapaio.datasets}. */
    public static final String MNIST = "mnist";

    /** The specification of Fashion-MNIST, installed by the Debian package {@code dataset-fashion-mnist}. */
    public static final String FASHION_MNIST = "fashion-mnist";

    /** The specification used when the user names none. */
    public static final String DEFAULT = MNIST;

    /** Where the Debian package {@code dataset-fashion-mnist} installs its files. */
    public static final Path FASHION_MNIST_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    static final String RAPAIO_MODULE = "rapaio.datasets";
    static final String MNIST_RESOURCE_DIR = "rapaio/provider/datasets/mnist/";
    static final String TRAIN_IMAGES = "train-images-idx3-ubyte";
    static final String TRAIN_LABELS = "train-labels-idx1-ubyte";
    static final String TEST_IMAGES = "t10k-images-idx3-ubyte";
    static final String TEST_LABELS = "t10k-labels-idx1-ubyte";
    static final String GZIP_SUFFIX = ".gz";

    private DatasetCatalog() {
    }

    /**
     * Loads the train and test sets named by a specification.
     *
     * @param spec {@value #MNIST}, {@value #FASHION_MNIST} or a directory of IDX files
     * @return the split, train and test sharing one example shape
     * @throws DataException if the data cannot be found or is malformed; the message says how to fix it
     */
    public static DataSplit load(String spec) {
        return load(spec, 0, 0);
    }

    /**
     * Loads at most the first {@code trainLimit} training and {@code testLimit} test examples
     * (0: all) of a specification, keeping only those in memory; the rest of each file is read
     * through to check that it is whole.
     *
     * @throws DataException if the data cannot be found or is malformed; the message says how to fix it
     */
    public static DataSplit load(String spec, int trainLimit, int testLimit) {
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("limits must be 0 (all) or positive, got " + trainLimit + " and "
                    + testLimit);
        }
        Limits limits = new Limits(trainLimit, testLimit);
        if (spec == null || spec.isBlank()) {
            throw new DataException("no dataset given: pass " + MNIST + ", " + FASHION_MNIST
                    + " or a directory holding the four IDX files");
        }
        if (ImageFolderSource.isSpec(spec)) {
            ImageFolderSource recorded = ImageFolderSource.parse(spec);
            ImageFolderOptions o = recorded.options();
            return new ImageFolderSource(recorded.directory(), trainLimit == 0 && testLimit == 0 ? o
                    : o.withLimits(trainLimit, testLimit)).read().data();
        }
        return switch (spec) {
            case MNIST -> loadMnist(limits);
            case FASHION_MNIST -> loadFashionMnist(FASHION_MNIST_DIR, limits);
            default -> {
                Path dir = toDirectory(spec);
                yield isImageFolder(dir)
                        ? ImageFolderReader.read(dir, ImageFolderOptions.defaults().withLimits(trainLimit, testLimit)).data()
                        : loadDirectory(dir, limits);
            }
        };
    }

    /** Tells whether {@code dir} is read as a folder of images: a directory holding no IDX file. */
    public static boolean isImageFolder(Path dir) {
        return Files.isDirectory(dir) && !isIdxDirectory(dir);
    }

    /** Tells whether a directory holds IDX files (any of the four, raw or gzipped). */
    private static boolean isIdxDirectory(Path dir) {
        for (String file : new String[] {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS}) {
            if (Files.exists(dir.resolve(file)) || Files.exists(dir.resolve(file + GZIP_SUFFIX))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Loads the four IDX files of a directory, each gzipped ({@code .gz}) or raw.
     *
     * @param dir the directory holding {@code train-images-idx3-ubyte[.gz]}, {@code train-labels-idx1-ubyte[.gz]},
     *            {@code t10k-images-idx3-ubyte[.gz]} and {@code t10k-labels-idx1-ubyte[.gz]}
     * @return the split, named after the directory
     * @throws DataException if the directory or a file is missing or malformed
     */
    public static DataSplit loadDirectory(Path dir) {
        return loadDirectory(dir, Limits.NONE);
    }

    private static DataSplit loadDirectory(Path dir, Limits limits) {
        if (!Files.isDirectory(dir)) {
            throw new DataException(dir + (Files.exists(dir) ? " is not a directory" : " does not exist")
                    + ": pass a directory holding " + TRAIN_IMAGES + ", " + TRAIN_LABELS + ", " + TEST_IMAGES
                    + " and " + TEST_LABELS + " (each raw or with " + GZIP_SUFFIX + ")");
        }
        Path fileName = dir.toAbsolutePath().normalize().getFileName();
        String name = fileName == null ? dir.toString() : fileName.toString();
        return assemble(name, (file, limit) -> NamedIdx.read(findInDirectory(dir, file), limit), limits);
    }

    static DataSplit loadFashionMnist(Path dir) {
        return loadFashionMnist(dir, Limits.NONE);
    }

    private static DataSplit loadFashionMnist(Path dir, Limits limits) {
        for (String file : new String[] {TRAIN_IMAGES, TRAIN_LABELS, TEST_IMAGES, TEST_LABELS}) {
            if (!Files.isRegularFile(dir.resolve(file + GZIP_SUFFIX))) {
                String missing = Files.isDirectory(dir) ? " (missing " + file + GZIP_SUFFIX + ")" : "";
                throw new DataException(FASHION_MNIST + " not found in " + dir + missing
                        + ": install it with 'apt-get install -y dataset-fashion-mnist' or use a directory holding the four IDX files");
            }
        }
        return assemble(FASHION_MNIST, (file, limit) -> NamedIdx.read(dir.resolve(file + GZIP_SUFFIX), limit), limits);
    }

    private static DataSplit loadMnist(Limits limits) {
        return assemble(MNIST, (file, limit) -> {
            IdxPrefix p = readMnistResource(file, limit);
            return new NamedIdx(mnistSource(file), p.array(), p.fileItems());
        }, limits);
    }

    /**
     * Reads one of the MNIST files bundled in {@code rapaio.datasets}.
     *
     * @param file the base name, without {@code .gz}
     */
    static IdxArray readMnistResource(String file) {
        return readMnistResource(file, 0).array();
    }

    private static IdxPrefix readMnistResource(String file, int limit) {
        String resource = MNIST_RESOURCE_DIR + file + GZIP_SUFFIX;
        InputStream in = openMnistResource(resource);
        if (in == null) {
            throw new DataException(MNIST + " not found: the " + RAPAIO_MODULE
                    + " module (io.github.padreati:rapaio-datasets:8.1.0) is missing from the module path,"
                    + " so " + resource + " cannot be read: add its jar to the module path, or use a directory holding the four IDX files");
        }
        return IdxReader.readFirst(in, mnistSource(file), limit);
    }

    private static String mnistSource(String file) {
        return RAPAIO_MODULE + "/" + MNIST_RESOURCE_DIR + file + GZIP_SUFFIX;
    }

    private static InputStream openMnistResource(String resource) {
        Module self = DatasetCatalog.class.getModule();
        if (self.isNamed()) {
            ModuleLayer layer = self.getLayer() != null ? self.getLayer() : ModuleLayer.boot();
            Optional<Module> rapaio = layer.findModule(RAPAIO_MODULE);
            if (rapaio.isPresent()) {
                try {
                    InputStream in = rapaio.get().getResourceAsStream(resource);
                    if (in != null) {
                        return in;
                    }
                } catch (IOException e) {
                    throw new DataException(RAPAIO_MODULE + "/" + resource + ": cannot read: " + e.getMessage(), e);
                }
            }
        }
        // On the class path (some test and IDE setups) the module graph is absent but the jar is still visible.
        ClassLoader loader = DatasetCatalog.class.getClassLoader();
        return loader != null ? loader.getResourceAsStream(resource) : ClassLoader.getSystemResourceAsStream(resource);
    }

    private static Path toDirectory(String spec) {
        Path dir;
        try {
            dir = Path.of(spec);
        } catch (InvalidPathException e) {
            throw new DataException("unknown dataset '" + spec + "': not " + MNIST + " or " + FASHION_MNIST
                    + " and not a valid directory path: " + e.getReason(), e);
        }
        if (!Files.exists(dir)) {
            throw new DataException("unknown dataset '" + spec + "': not " + MNIST + " or " + FASHION_MNIST
                    + ", and no directory " + dir.toAbsolutePath().normalize()
                    + " exists: pass mnist, fashion-mnist or a directory holding the four IDX files");
        }
        return dir;
    }

    private static Path findInDirectory(Path dir, String file) {
        Path gzipped = dir.resolve(file + GZIP_SUFFIX);
        if (Files.isRegularFile(gzipped)) {
            return gzipped;
        }
        Path raw = dir.resolve(file);
        if (Files.isRegularFile(raw)) {
            return raw;
        }
        throw new DataException(dir + ": missing " + file + ": looked for " + gzipped + " and " + raw);
    }

    private static DataSplit assemble(String name, IdxSource source, Limits limits) {
        Part train = loadPart(name + "/train", source, TRAIN_IMAGES, TRAIN_LABELS, limits.train());
        Part test = loadPart(name + "/test", source, TEST_IMAGES, TEST_LABELS, limits.test());
        ExampleShape trainShape = train.dataset().shape();
        ExampleShape testShape = test.dataset().shape();
        if (!trainShape.equals(testShape)) {
            throw new DataException(test.imagesSource() + " holds " + testShape + " images but "
                    + train.imagesSource() + " holds " + trainShape
                    + ": use train and test files from the same data set");
        }
        return new DataSplit(train.dataset(), test.dataset());
    }

    // Returns only the file name with the data set, so the raw bytes can be collected before the next part loads.
    private static Part loadPart(String name, IdxSource source, String imagesFile, String labelsFile, int limit) {
        NamedIdx images = source.read(imagesFile, limit);
        NamedIdx labels = source.read(labelsFile, limit);
        return new Part(toDataset(name, images, labels), images.source());
    }

    private static Dataset toDataset(String name, NamedIdx imagesFile, NamedIdx labelsFile) {
        IdxArray images = imagesFile.array();
        ExampleShape shape = switch (images.rank()) {
            case 3 -> new ExampleShape(1, images.dim(1), images.dim(2));
            case 4 -> new ExampleShape(images.dim(1), images.dim(2), images.dim(3));
            default -> throw new DataException(imagesFile.source() + ": expected images as [count, height, width] or"
                    + " [count, channels, height, width], found " + images.describeDims()
                    + ": check the file is an image file");
        };
        IdxArray labelArray = labelsFile.array();
        if (labelArray.rank() != 1) {
            throw new DataException(labelsFile.source() + ": expected labels as [count], found "
                    + labelArray.describeDims() + ": check the file is a label file");
        }
        int count = images.dim(0);
        if (labelsFile.fileItems() != imagesFile.fileItems()) {
            throw new DataException(labelsFile.source() + " has " + labelsFile.fileItems() + " labels but "
                    + imagesFile.source()
                    + " has " + imagesFile.fileItems() + " images: use the label file that belongs to these images");
        }
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = labelArray.unsigned(i);
        }
        return Dataset.ownUnsignedBytes(name, shape, images.data(), labels);
    }

    /** Reads one of the four IDX files of a layout by its base name. */
    @FunctionalInterface
    private interface IdxSource {
        NamedIdx read(String file, int limit);
    }

    /** How many training and test examples to keep (0: all). */
    private record Limits(int train, int test) {
        static final Limits NONE = new Limits(0, 0);
    }

    /** A loaded data set with the name of its image file, for messages comparing train and test. */
    private record Part(Dataset dataset, String imagesSource) {
    }

    /** An IDX array with the name of where it came from, so validation messages can name the file. */
    private record NamedIdx(String source, IdxArray array, int fileItems) {
        static NamedIdx read(Path file, int limit) {
            IdxPrefix p = IdxReader.readFirst(file, limit);
            return new NamedIdx(file.toString(), p.array(), p.fileItems());
        }
    }
}
