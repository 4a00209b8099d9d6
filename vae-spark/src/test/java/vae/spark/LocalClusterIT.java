package vae.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import vae.api.Encoded;
import vae.api.Scores;
import vae.api.TrainedVae;

/**
 * Scoring and encoding (images, and a table's raw columns) on {@code local-cluster[2,1,1024]}: a master and two workers in this JVM,
 * each worker starting an executor JVM of its own, which gets vae4j only from the shaded -all jar
 * (so this runs after {@code package}, in the integration-test phase). Spark starts executors from a
 * Spark distribution; without one, this test lays out the smallest that its launcher accepts (a
 * {@code RELEASE} file and {@code jars/} linking Spark's jars from this test's class path).
 */
class LocalClusterIT {

    @Test
    void scoresAndLatentsFromSeparateExecutorJvmsEqualTheInProcessOnes() throws IOException {
        Path model = SparkFixture.mnistModel();
        float[][] rows = SparkFixture.images();
        Scores expected;
        Encoded q;
        try (TrainedVae m = TrainedVae.load(model)) {
            expected = m.score(rows, 10);
            q = m.encode(rows);
        }
        Path table = TableColumnsTest.model();
        double[][] tableScores;
        try (TrainedVae m = TrainedVae.load(table)) {
            tableScores = TableColumnsTest.cliScores(m, TableColumnsTest.scored(), 10, false);
        }
        SparkSession spark = SparkFixture.spark("local-cluster[2,1,1024]", sparkHome(), allJar());
        try {
            List<Row> scores = new ArrayList<>(VaeSpark.score(spark, SparkFixture.arrayFrame(rows, 4), "pixels",
                    model.toString(), ScoringOptions.defaults().samples(10).idColumn("id")).collectAsList());
            scores.sort(Comparator.comparingLong(r -> r.getLong(0)));
            assertEquals(rows.length, scores.size());
            for (int i = 0; i < rows.length; i++) {
                assertEquals(expected.negLogPx()[i], scores.get(i).getDouble(1), "row " + i);
                assertEquals(expected.negElbo()[i], scores.get(i).getDouble(2), "row " + i);
                assertEquals(expected.squaredError()[i], scores.get(i).getDouble(6), "row " + i);
            }
            List<Row> latents = new ArrayList<>(VaeSpark.encode(spark, SparkFixture.arrayFrame(rows, 4), "pixels",
                    model.toString(), ScoringOptions.defaults()).collectAsList());
            latents.sort(Comparator.comparingLong(r -> r.getLong(0)));
            for (int i = 0; i < rows.length; i++) {
                assertEquals(q.mean()[i][0], latents.get(i).getFloat(1), "row " + i);
                assertEquals(q.logVariance()[i][3], latents.get(i).getFloat(8), "row " + i);
            }
            // a table's raw columns, encoded in the executors with the model's transform
            org.apache.spark.sql.Dataset<Row> csv = spark.read().option("header", "true").option("inferSchema", "true")
                    .csv(TableColumnsTest.scored().toString()).repartition(3);
            TableColumnsTest.assertScores(tableScores, TableColumnsTest.sorted(VaeSpark.score(spark, csv,
                    table.toString(), ScoringOptions.defaults().samples(10).idColumn("id"))));
            // the tasks ran in the executors' JVMs, not here
            assertEquals(2, spark.sparkContext().getExecutorMemoryStatus().size() - 1, "two executors besides the driver");
        } finally {
            spark.stop();
        }
    }

    /** vae-spark-*-all.jar, which the package phase built. */
    private static Path allJar() throws IOException {
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "vae-spark-*-all.jar")) {
            for (Path p : jars) {
                return p.toAbsolutePath();
            }
        }
        throw new IllegalStateException("no target/vae-spark-*-all.jar: run this test after 'package' (mvn verify)");
    }

    /**
     * A directory the Spark launcher takes for a distribution: {@code RELEASE}, {@code jars/} (links
     * to the jars of this class path but vae4j's own, which the executors take from the -all jar)
     * and {@code launcher/target/scala-2.13}, by which it tells the Scala version.
     */
    private static Path sparkHome() throws IOException {
        Path home = SparkFixture.dir().resolve("spark-home");
        Path jars = home.resolve("jars");
        Files.createDirectories(jars);
        Files.createDirectories(home.resolve("launcher/target/scala-2.13"));
        Files.writeString(home.resolve("RELEASE"), "Spark 4.2.0 (laid out by vae-spark's LocalClusterIT)\n");
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path jar = Path.of(entry);
            String name = jar.getFileName().toString();
            if (Files.isRegularFile(jar) && name.endsWith(".jar") && !name.startsWith("vae-")
                    && !name.startsWith("junit-") && !name.startsWith("surefire") && !name.startsWith("rapaio")
                    && !name.startsWith("fastcsv")) {
                Path link = jars.resolve(name);
                if (!Files.exists(link)) {
                    Files.createSymbolicLink(link, jar.toAbsolutePath());
                }
            }
        }
        assertTrue(Files.exists(jars.resolve("spark-core_2.13-4.2.0.jar")), "Spark's jars are on the test class path");
        return home;
    }
}
