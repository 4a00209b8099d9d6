package vae.report;

import java.nio.file.Path;
import vae.api.Checkpoints;
import vae.api.Datasets;
import vae.api.History;
import vae.api.Pictures;
import vae.api.TrainingRun;
import vae.api.Vae;
import vae.core.data.DataSplit;

/** Small MNIST runs written the way {@code vae train} writes them, for the plot and report tests. */
final class TinyRuns {
    static final int TRAIN = 400;
    static final int TEST = 120;

    private TinyRuns() {
    }

    /** {@code epochs} epochs of {@code variant} with a {@code latent}-dimensional latent into {@code dir}. */
    static TrainingRun train(Path dir, String variant, int latent, int epochs) {
        DataSplit data = Datasets.load("mnist", TRAIN, TEST);
        Vae vae = Vae.builder().variant(variant).set("latent", latent).set("hidden", 64).seed(7).build(data);
        return vae.trainer().epochs(epochs).batchSize(50).trainLimit(TRAIN).testLimit(TEST)
                .listener(Checkpoints.into(dir)).listener(Pictures.into(dir)).listener(History.into(dir))
                .listener(RunPlots.into(dir)).fit(data, "mnist");
    }
}
