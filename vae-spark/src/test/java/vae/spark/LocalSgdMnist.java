package vae.spark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import vae.api.Datasets;
import vae.core.data.DataSplit;
import vae.core.data.ExampleShape;

/**
 * Not a test: trains MNIST's {@code vae} by local SGD on {@code local[P]} with P partitions and
 * prints each epoch's losses and speed, to compare with {@code vae train} on one machine.
 *
 * <pre>{@code java <spark JVM options> -cp <test class path> vae.spark.LocalSgdMnist [epochs] [partitions] [H]}</pre>
 */
public final class LocalSgdMnist {
    private LocalSgdMnist() {
    }

    public static void main(String[] args) throws Exception {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int h = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        DataSplit mnist = Datasets.mnist();
        SparkSession spark = SparkSession.builder().master("local[" + partitions + "]").appName("local SGD")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1")
                .config("spark.driver.bindAddress", "127.0.0.1").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        Path out = Files.createTempDirectory("local-sgd");
        TrainOptions o = TrainOptions.defaults().shape(new ExampleShape(1, 28, 28)).epochs(epochs).syncEvery(h).seed(1);
        List<SparkEpoch> history = VaeSpark.train(spark,
                SparkFixture.arrayFrame(Datasets.rows(mnist.train(), 0, mnist.train().size()), partitions), "pixels",
                SparkFixture.arrayFrame(Datasets.rows(mnist.test(), 0, mnist.test().size()), partitions), o, out,
                "mnist");
        System.out.printf(Locale.ROOT, "local SGD: %d partitions, H = %d, batch 128, lr 1e-3 x %d%n", partitions, h,
                partitions);
        for (SparkEpoch e : history) {
            System.out.printf(Locale.ROOT, "epoch %d  train %.2f  test %.2f  %.1f s  %,.0f images/s per partition%n",
                    e.epoch(), e.trainLoss(), e.testLoss(), e.seconds(), e.examplesPerSecondPerPartition());
        }
        spark.stop();
    }
}
