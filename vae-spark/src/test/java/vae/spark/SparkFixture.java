package vae.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import vae.api.Checkpoints;
import vae.api.Datasets;
import vae.api.Vae;
import vae.core.data.DataSplit;
import vae.core.data.ExampleShape;

/**
 * What the Spark tests share, made once per test JVM: a {@code local[2]} session, and two small
 * trained models with rows to score: MNIST images (a Bernoulli MLP VAE) and rows of 5 real values
 * (a Gaussian one).
 */
final class SparkFixture {
    static final int IMAGES = 300;
    static final int TABLE_ROWS = 200;
    static final int VALUES = 5;

    private static SparkSession spark;
    private static Path dir;
    private static Path mnistModel;
    private static float[][] images;
    private static float[][] trainImages;
    private static Path valuesModel;
    private static float[][] values;

    private SparkFixture() {
    }

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = builder("local[2]").getOrCreate();
        }
        return spark;
    }

    /**
     * A session on {@code master} whose executors start from {@code sparkHome} and load vae4j from
     * {@code jar}: for {@code local-cluster}, whose executors are JVMs of their own.
     */
    static synchronized SparkSession spark(String master, Path sparkHome, Path jar) {
        // A worker of local-cluster takes its Spark home from the JVM's spark.test.home when
        // spark.testing is set (and from SPARK_HOME otherwise), not from the session's settings.
        System.setProperty("spark.testing", "true");
        System.setProperty("spark.test.home", sparkHome.toString());
        spark = builder(master)
                .config("spark.jars", jar.toString())
                .config("spark.executor.memory", "1g")
                .getOrCreate();
        return spark;
    }

    private static SparkSession.Builder builder(String master) {
        return SparkSession.builder().master(master).appName("vae-spark tests")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2");
    }

    static synchronized Path dir() {
        if (dir == null) {
            try {
                dir = Files.createTempDirectory("vae-spark-test");
                Path made = dir;
                Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(made)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return dir;
    }

    private static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** A VAE (MLP, 32 hidden, 4 latent) trained one epoch on 512 MNIST images. */
    static synchronized Path mnistModel() {
        if (mnistModel == null) {
            DataSplit mnist = Datasets.load("mnist", 512, IMAGES);
            Path out = dir().resolve("mnist");
            Vae.builder().variant("vae").set("hidden", 32).set("latent", 4).seed(5).build(mnist)
                    .trainer().epochs(1).batchSize(64).threads(1).listener(Checkpoints.into(out)).fit(mnist);
            images = Datasets.rows(mnist.test(), 0, IMAGES);
            trainImages = Datasets.rows(mnist.train(), 0, 512);
            mnistModel = out.resolve(Checkpoints.MODEL_FILE);
        }
        return mnistModel;
    }

    /** The first 300 MNIST test images, the rows the MNIST model is scored on. */
    static float[][] images() {
        mnistModel();
        return images;
    }

    /** The 512 MNIST training images the MNIST model trained on. */
    static float[][] trainImages() {
        mnistModel();
        return trainImages;
    }

    /** A VAE with a Gaussian likelihood (MLP, 16 hidden, 2 latent) trained on rows of 5 correlated values. */
    static synchronized Path valuesModel() {
        if (valuesModel == null) {
            SplittableRandom r = new SplittableRandom(11);
            float[][] train = rows(r, 400);
            values = rows(r, TABLE_ROWS);
            ExampleShape shape = new ExampleShape(1, 1, VALUES);
            DataSplit split = new DataSplit(Datasets.of("values/train", shape, train), Datasets.of("values/test", shape,
                    values));
            Path out = dir().resolve("values");
            Vae.builder().variant("vae").likelihood("gaussian").set("hidden", 16).set("latent", 2).seed(2)
                    .build(split).trainer().epochs(3).batchSize(50).threads(1).listener(Checkpoints.into(out))
                    .fit(split, "values");
            valuesModel = out.resolve(Checkpoints.MODEL_FILE);
        }
        return valuesModel;
    }

    static float[][] values() {
        valuesModel();
        return values;
    }

    private static float[][] rows(SplittableRandom r, int n) {
        float[][] out = new float[n][VALUES];
        for (float[] row : out) {
            double a = r.nextGaussian();
            double b = r.nextGaussian();
            for (int j = 0; j < VALUES; j++) {
                row[j] = (float) (a * (j + 1) * 0.5 + b * (VALUES - j) * 0.2 + 0.1 * r.nextGaussian());
            }
        }
        return out;
    }

    /** {@code rows} as a DataFrame (id long, pixels array<float>) in {@code partitions} slices, in order. */
    static Dataset<Row> arrayFrame(float[][] rows, int partitions) {
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            list.add(RowFactory.create((long) i, rows[i].clone())); // a float[] is encoded without boxing
        }
        List<StructField> fields = List.of(DataTypes.createStructField("id", DataTypes.LongType, false),
                DataTypes.createStructField("pixels", DataTypes.createArrayType(DataTypes.FloatType), true));
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
        return spark().createDataFrame(jsc.parallelize(list, partitions), DataTypes.createStructType(fields));
    }

    /** {@code rows} as a DataFrame (id int, c0..c4 double) in {@code partitions} slices, in order. */
    static Dataset<Row> columnFrame(float[][] rows, int partitions) {
        List<Row> list = new ArrayList<>();
        for (int i = 0; i < rows.length; i++) {
            Object[] v = new Object[1 + rows[i].length];
            v[0] = i;
            for (int j = 0; j < rows[i].length; j++) {
                v[1 + j] = (double) rows[i][j];
            }
            list.add(RowFactory.create(v));
        }
        List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("row", DataTypes.IntegerType, false));
        for (int j = 0; j < VALUES; j++) {
            fields.add(DataTypes.createStructField("c" + j, DataTypes.DoubleType, true));
        }
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark().sparkContext());
        return spark().createDataFrame(jsc.parallelize(list, partitions), DataTypes.createStructType(fields));
    }
}
