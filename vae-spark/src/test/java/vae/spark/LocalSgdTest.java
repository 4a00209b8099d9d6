package vae.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import vae.api.TrainedVae;
import vae.core.data.ExampleShape;

/** Local SGD on local[2]: two partitions, averaged in partition order, give the same bits every time. */
class LocalSgdTest {
    private static final TrainOptions OPTIONS = TrainOptions.defaults().set("hidden", "32").set("latent", "4")
            .shape(new ExampleShape(1, 28, 28)).epochs(2).batchSize(32).syncEvery(3).seed(9);

    private static List<SparkEpoch> train(Path out) {
        return VaeSpark.train(SparkFixture.spark(), SparkFixture.arrayFrame(SparkFixture.trainImages(), 2), "pixels",
                SparkFixture.arrayFrame(SparkFixture.images(), 2), OPTIONS, out, "mnist");
    }

    @Test
    void aTwoPartitionRunIsTheSameBitsWhenRepeated() throws IOException {
        Path a = SparkFixture.dir().resolve("sgd-a");
        Path b = SparkFixture.dir().resolve("sgd-b");
        int built = LocalRound.Worker.built();
        List<SparkEpoch> first = train(a);
        // local[2] runs every task in this JVM: one model per partition, kept through the 6 rounds
        assertEquals(2, LocalRound.Worker.built() - built, "workers built");
        List<SparkEpoch> second = train(b);
        assertEquals(2, first.size());
        for (int e = 0; e < 2; e++) {
            assertTrue(Double.isFinite(first.get(e).testLoss()) && Double.isFinite(first.get(e).trainLoss()),
                    first.toString());
            assertEquals(first.get(e).testLoss(), second.get(e).testLoss());
            assertEquals(first.get(e).trainLoss(), second.get(e).trainLoss());
        }
        assertTrue(first.get(1).testLoss() < first.get(0).testLoss(), first.toString());
        for (String f : List.of("model.safetensors", "model.optimizer.safetensors")) {
            assertArrayEquals(Files.readAllBytes(a.resolve(f)), Files.readAllBytes(b.resolve(f)), f);
        }
        // an ordinary checkpoint: 256 rows per partition in rounds of 3 steps of 32 rows are rounds of
        // 96, 96 and 64 rows, 3 + 3 + 2 steps an epoch
        try (TrainedVae m = TrainedVae.load(a.resolve("model.safetensors"))) {
            assertEquals(2, m.metadata().epoch());
            assertEquals(2 * (3 + 3 + 2), m.metadata().globalStep());
            assertEquals(new ExampleShape(1, 28, 28), m.dataShape());
            assertEquals(first.get(1).testLoss(), m.metadata().testLoss());
        }
    }

    @Test
    void aRunWritesItsCheckpointsToAnotherFileSystemAndResumesFromThere() throws IOException {
        var conf = SparkFixture.spark().sparkContext().hadoopConfiguration();
        conf.set("fs.vaetest.impl", RemoteLikeFileSystem.class.getName());
        Path straight = SparkFixture.dir().resolve("sgd-straight-remote");
        train(straight);
        Path remote = SparkFixture.dir().resolve("sgd-remote");
        String uri = "vaetest://" + remote;
        VaeSpark.train(SparkFixture.spark(), SparkFixture.arrayFrame(SparkFixture.trainImages(), 2), "pixels",
                SparkFixture.arrayFrame(SparkFixture.images(), 2), OPTIONS.epochs(1), uri, "mnist");
        assertTrue(Files.isRegularFile(remote.resolve("model.safetensors")), "copied there after the epoch");
        VaeSpark.resume(SparkFixture.spark(), SparkFixture.arrayFrame(SparkFixture.trainImages(), 2), "pixels",
                SparkFixture.arrayFrame(SparkFixture.images(), 2), uri + "/model.safetensors", 2, null, uri);
        for (String f : List.of("model.safetensors", "model.optimizer.safetensors")) {
            assertArrayEquals(Files.readAllBytes(straight.resolve(f)), Files.readAllBytes(remote.resolve(f)), f);
        }
    }

    /** The resumed half builds its partitions' models afresh: so kept and new models take the same steps. */
    @Test
    void aResumedRunWritesTheCheckpointsOfTheRunThatNeverStopped() throws IOException {
        Path straight = SparkFixture.dir().resolve("sgd-straight");
        Path halves = SparkFixture.dir().resolve("sgd-halves");
        train(straight);
        VaeSpark.train(SparkFixture.spark(), SparkFixture.arrayFrame(SparkFixture.trainImages(), 2), "pixels",
                SparkFixture.arrayFrame(SparkFixture.images(), 2), OPTIONS.epochs(1), halves, "mnist");
        List<SparkEpoch> rest = VaeSpark.resume(SparkFixture.spark(),
                SparkFixture.arrayFrame(SparkFixture.trainImages(), 2), "pixels",
                SparkFixture.arrayFrame(SparkFixture.images(), 2), halves.resolve("model.safetensors"), 2, null, halves);
        assertEquals(1, rest.size());
        assertEquals(2, rest.getFirst().epoch());
        for (String f : List.of("model.safetensors", "model.optimizer.safetensors")) {
            assertArrayEquals(Files.readAllBytes(straight.resolve(f)), Files.readAllBytes(halves.resolve(f)), f);
        }
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> VaeSpark.resume(SparkFixture.spark(), SparkFixture.arrayFrame(SparkFixture.trainImages(), 3),
                        "pixels", null, halves.resolve("model.safetensors"), 3, null, halves));
        assertTrue(e.getMessage().contains("trained on 2 partitions and the input has 3"), e.getMessage());
    }
}
