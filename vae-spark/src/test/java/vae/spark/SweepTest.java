package vae.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vae.api.Checkpoints;
import vae.api.Datasets;
import vae.api.TableData;
import vae.api.TableSource;
import vae.api.TrainingRun;
import vae.api.Vae;
import vae.core.checkpoint.SafetensorsReader;
import vae.core.data.DataSplit;
import vae.core.table.TableOptions;

/** A sweep of 4 small models (and of 2 on a table), one per task, each the run vae train makes with its settings. */
class SweepTest {

    @Test
    void aGridOfFourModelsTrainsOnePerTaskAsOneMachineWould() throws IOException {
        Path out = SparkFixture.dir().resolve("sweep");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = SweepJob.run(SparkFixture.spark(), new String[] {"--dataset", "mnist", "--out", out.toString(),
                "--grid", "hidden=16,32", "--grid", "latent=2,4", "--epochs", "1", "--batch-size", "64",
                "--train-limit", "256", "--test-limit", "64"}, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String err = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, err);
        assertTrue(err.contains("run 3  {hidden=32, latent=4}  test ") && err.endsWith("SweepJob: 4 models; summary in "
                + out + "/summary.csv\n"), err);
        assertTrue(Files.isDirectory(out.resolve("summary.csv")), "Spark writes the summary as a directory");
        // run 0 is hidden=16, latent=2: the same bits as training it here
        Path direct = SparkFixture.dir().resolve("sweep-direct");
        DataSplit data = Datasets.load("mnist", 256, 64);
        TrainingRun run = Vae.builder().variant("vae").seed(1).set("hidden", "16").set("latent", "2").build(data)
                .trainer().epochs(1).batchSize(64).threads(1).listener(Checkpoints.into(direct)).fit(data, "mnist");
        assertTrue(Double.isFinite(run.reports().get(0).test().objective()));
        var swept = SafetensorsReader.read(out.resolve("run-0").resolve(Checkpoints.MODEL_FILE));
        var here = SafetensorsReader.read(direct.resolve(Checkpoints.MODEL_FILE));
        assertEquals(here.metadata(), swept.metadata());
        for (String name : here.tensors().keySet()) {
            assertArrayEquals(here.tensors().get(name).data(), swept.tensors().get(name).data(), name);
        }
        for (int i = 0; i < 4; i++) {
            assertTrue(Files.isRegularFile(out.resolve("run-" + i).resolve("model.optimizer.safetensors")));
        }
    }

    @Test
    void aTableSweepTrainsEachModelAsVaeTrainDoesOnTheCsvFile() throws IOException {
        Path csv = SparkFixture.dir().resolve("sweep-table.csv");
        Files.writeString(csv, TableColumnsTest.rows(new java.util.SplittableRandom(6), 300));
        Path out = SparkFixture.dir().resolve("sweep-table");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int code = SweepJob.run(SparkFixture.spark(), new String[] {"--dataset", csv.toString(), "--out", out.toString(),
                "--grid", "latent=2,3", "--grid", "hidden=8", "--epochs", "2", "--batch-size", "32", "--seed", "4"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8));
        assertEquals(0, code, bytes.toString(StandardCharsets.UTF_8));
        // run 1 is latent=3: vae train --dataset FILE --seed 4 reads and splits the file so
        TableData data = Datasets.table(TableSource.split(csv, 0.2, 4, TableOptions.defaults()));
        Path direct = SparkFixture.dir().resolve("sweep-table-direct");
        Vae.builder().variant("vae").seed(4).set("latent", "3").set("hidden", "8").build(data).trainer().epochs(2)
                .batchSize(32).threads(1).listener(Checkpoints.into(direct)).fit(data);
        var swept = SafetensorsReader.read(out.resolve("run-1").resolve(Checkpoints.MODEL_FILE));
        var here = SafetensorsReader.read(direct.resolve(Checkpoints.MODEL_FILE));
        assertEquals(here.metadata(), swept.metadata());
        for (String name : here.tensors().keySet()) {
            assertArrayEquals(here.tensors().get(name).data(), swept.tensors().get(name).data(), name);
        }
        bytes.reset();
        assertEquals(2, SweepJob.run(SparkFixture.spark(), new String[] {"--dataset", csv.toString(), "--out",
            out.toString(), "--grid", "latent=2", "--train-limit", "10"}, new PrintStream(bytes, true,
                StandardCharsets.UTF_8)));
        assertEquals("SweepJob: training and test limits apply to image data sets; a table is used whole, so give 0 "
                + "for both\n", bytes.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theGridIsTheProductOfItsLines() {
        assertEquals(List.of(Map.of("a", "1", "b", "x"), Map.of("a", "1", "b", "y"), Map.of("a", "2", "b", "x"),
                Map.of("a", "2", "b", "y")), SweepJob.grid(List.of("a=1,2", "b=x,y")));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(2, SweepJob.run(SparkFixture.spark(), new String[] {"--dataset", "mnist", "--out", "x"},
                new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        assertEquals("SweepJob: --grid is required: key=v1,v2,... (once per hyperparameter)\n",
                bytes.toString(StandardCharsets.UTF_8));
    }
}
