package vae.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.api.Checkpoints;
import vae.api.Datasets;
import vae.api.TableData;
import vae.api.TableRows;
import vae.api.TrainedVae;
import vae.api.Vae;
import vae.core.optim.AdamConfig;
import vae.core.table.TableOptions;
import vae.core.table.TableTransform;

/** Tables from Java: read, build, train, load, impute and sample, as the README shows. */
class TableApiTest {
    @TempDir
    Path tmp;

    @Test
    void aTableTrainsAndTheLoadedModelImputesAndSamples() throws IOException {
        Path csv = tmp.resolve("t.csv");
        SplittableRandom r = new SplittableRandom(5);
        StringBuilder b = new StringBuilder("a,b,kind\n");
        for (int i = 0; i < 200; i++) {
            double a = r.nextGaussian();
            b.append(String.format(Locale.ROOT, "%.4f,%.4f,%s%n", a, -a + 0.05 * r.nextGaussian(), a > 0 ? "up" : "down"));
        }
        Files.writeString(csv, b);
        TableData data = Datasets.csv(csv, TableOptions.defaults());
        assertEquals(160, data.data().train().size());
        assertEquals(3, data.transform().width()); // a, b and kind (binary: up or down)
        Vae vae = Vae.builder().set("hidden", 16).set("latent", 2).seed(3).build(data);
        assertEquals("mixed", vae.spec().likelihood().name());
        vae.trainer().epochs(60).batchSize(32).adam(AdamConfig.defaults().withLr(5e-3)).threads(1).listener(Checkpoints.into(tmp.resolve("run"))).fit(data);

        try (TrainedVae m = TrainedVae.load(tmp.resolve("run/model.safetensors"))) {
            TableTransform t = m.table().orElseThrow();
            Path gaps = tmp.resolve("gaps.csv");
            Files.writeString(gaps, "a,b,kind\n1.5,,up\n-1.0,,down\n");
            TableRows rows = m.tableRows(gaps, 0);
            float[][] filled = m.impute(rows.examples(), 200);
            double b0 = Double.parseDouble(t.decode(filled[0])[1]);
            double b1 = Double.parseDouble(t.decode(filled[1])[1]);
            // b follows -a (the mean of b, 0, would be what a model that ignored a imputes)
            assertTrue(b0 < -0.5 && b1 > 0.5, "b follows -a: " + b0 + ", " + b1);
            float[][] synthetic = m.sampleRows(50, 9);
            assertEquals(50, synthetic.length);
            assertArrayEquals(synthetic[7], m.sampleRows(50, 9)[7]);
            assertFalse(List.of(t.decode(synthetic[0])).contains(""));
        }
    }
}
