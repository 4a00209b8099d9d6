package vae.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.api.Checkpoints;
import vae.api.Datasets;
import vae.api.TrainedVae;
import vae.api.Vae;
import vae.core.data.DataSplit;
import vae.core.data.Dataset;
import vae.core.eval.EvaluationSummary;

/** evaluate and score on several threads (a batch each) give one thread's numbers, bit for bit, for every kind of model. */
class ScoringThreadsTest {

    @Test
    void evaluateAndScoreDoNotDependOnTheThreadCount(@TempDir Path dir) {
        DataSplit data = Datasets.load("mnist", 200, 250);
        List<Vae.Builder> models = List.of(
                Vae.builder().set("latent", 3).set("hidden", 12),
                Vae.builder().prior("vamp").set("pseudo_inputs", 5).set("latent", 3).set("hidden", 12),
                Vae.builder().prior("hierarchical").set("latent", 3).set("hidden", 12),
                Vae.builder().posterior("planar").set("flows", 2).set("latent", 3).set("hidden", 12),
                Vae.builder().conditional().set("latent", 3).set("hidden", 12),
                Vae.builder().classifier(12).set("latent", 3).set("hidden", 12));
        for (int m = 0; m < models.size(); m++) {
            Path out = dir.resolve("m" + m);
            var trainer = models.get(m).seed(2).build(data).trainer().epochs(1).batchSize(50).trainLimit(200).testLimit(250);
            if (m == models.size() - 1) {
                trainer.labelled(10, 1);
            }
            Dataset test = trainer.listener(Checkpoints.into(out)).fit(data, "mnist").testSet();
            Path file = out.resolve(Checkpoints.MODEL_FILE);
            try (TrainedVae one = TrainedVae.load(file, "scalar", 1); TrainedVae three = TrainedVae.load(file, "scalar", 3)) {
                EvaluationSummary a = one.evaluate(test, 7);
                EvaluationSummary b = three.evaluate(test, 7);
                String what = "model " + m;
                assertEquals(a.negativeLogLikelihood(), b.negativeLogLikelihood(), 0.0, what);
                assertEquals(a.negativeElbo(), b.negativeElbo(), 0.0, what);
                assertEquals(a.kl(), b.kl(), 0.0, what);
                assertEquals(a.reconstructionAtMean(), b.reconstructionAtMean(), 0.0, what);
                assertEquals(a.marginalNegativeLogLikelihood(), b.marginalNegativeLogLikelihood(), 0.0, what);
                for (int j = 0; j < 3; j++) {
                    assertEquals(a.meanVarianceOfDimension(j), b.meanVarianceOfDimension(j), 0.0, what);
                }
                if (m < models.size() - 2) { // score(rows) takes no labels for a conditional model here
                    float[][] rows = new float[230][];
                    for (int i = 0; i < rows.length; i++) {
                        rows[i] = new float[test.dimension()];
                        test.copyRange(i, 1, rows[i]);
                    }
                    assertArrayEquals(one.score(rows, 5).negLogPx(), three.score(rows, 5).negLogPx(), what);
                }
            }
        }
    }
}
