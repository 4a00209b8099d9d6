package vae.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.api.History;
import vae.api.TrainedVae;
import vae.api.Vae;
import vae.api.Checkpoints;
import vae.core.data.Dataset;

class RunPlotsTest {

    @Test
    void aRunWritesItsLossCurveEachEpochAndTheLatentAndKlPlotsAtTheEnd(@TempDir Path dir) throws Exception {
        TinyRuns.train(dir, "vae", 2, 2);
        for (String file : new String[] {RunPlots.LOSS_FILE, RunPlots.LATENT_FILE, RunPlots.KL_FILE}) {
            BufferedImage image = ImageIO.read(dir.resolve(file).toFile());
            assertTrue(image.getWidth() >= 600 && image.getHeight() >= 400, file + " is a picture of a plot");
            assertFalse(isBlank(image), file + " has something drawn on it");
        }
        RunHistory history = RunHistory.read(History.fileIn(dir));
        assertEquals(2, history.epochs().size());
        assertEquals(java.util.List.of("recon", "kl"), history.termNames());
    }

    @Test
    void aPlotThatCannotBeDrawnIsReportedOnceAndTheRunGoesOn(@TempDir Path dir) {
        java.util.List<String> told = new java.util.ArrayList<>();
        vae.core.data.DataSplit data = vae.api.Datasets.load("mnist", TinyRuns.TRAIN, TinyRuns.TEST);
        var run = Vae.builder().set("latent", 2).set("hidden", 16).seed(2).build(data).trainer().epochs(2)
                .batchSize(50).trainLimit(TinyRuns.TRAIN).testLimit(TinyRuns.TEST).listener(Checkpoints.into(dir))
                .listener(RunPlots.into(dir).labelNames(label -> {
                    throw new IllegalStateException("no fonts");
                }).onDrawingFailure(told::add)).fit(data, "mnist");
        assertEquals(2, run.reports().size(), "both epochs trained");
        assertTrue(Files.isRegularFile(dir.resolve(Checkpoints.MODEL_FILE)));
        assertEquals(1, told.size(), told.toString());
        assertTrue(told.getFirst().contains("no fonts") && told.getFirst().contains("fonts-dejavu-core"));
        assertFalse(Files.exists(dir.resolve(RunPlots.LATENT_FILE)));
    }

    @Test
    void anAutoencoderHasNoKlPlot(@TempDir Path dir) throws Exception {
        TinyRuns.train(dir, "ae", 2, 1);
        assertTrue(Files.isRegularFile(dir.resolve(RunPlots.LATENT_FILE)));
        assertFalse(Files.exists(dir.resolve(RunPlots.KL_FILE)));
    }

    @Test
    void aMixturePriorsDimensionsAreShownByTheirActivityNotAKlTheyDoNotHave(@TempDir Path dir) {
        vae.core.data.DataSplit data = vae.api.Datasets.load("mnist", TinyRuns.TRAIN, TinyRuns.TEST);
        Vae.builder().prior("mog").set("components", 3).set("latent", 3).set("hidden", 16).seed(2).build(data)
                .trainer().epochs(1).batchSize(50).trainLimit(TinyRuns.TRAIN).testLimit(TinyRuns.TEST)
                .listener(Checkpoints.into(dir)).listener(RunPlots.into(dir)).fit(data, "mnist");
        try (TrainedVae m = TrainedVae.load(dir.resolve(Checkpoints.MODEL_FILE))) {
            KlPerDimension k = KlPerDimension.of(m, m.testSet(null), 50);
            assertFalse(k.hasKl());
            assertArrayEquals(k.variance(), k.bars());
            assertTrue(Files.isRegularFile(dir.resolve(RunPlots.KL_FILE)));
        }
    }

    @Test
    void aTwoDimensionalLatentIsMappedAsItIs(@TempDir Path dir) {
        TinyRuns.train(dir, "vae", 2, 1);
        try (TrainedVae m = TrainedVae.load(dir.resolve(Checkpoints.MODEL_FILE))) {
            Dataset test = m.testSet(null);
            LatentMap map = LatentMap.of(m, test, 50);
            float[][] mu = m.encode(test, 0, 50).mean();
            for (int i = 0; i < 50; i++) {
                assertArrayEquals(new double[] {mu[i][0], mu[i][1]}, new double[] {map.x()[i], map.y()[i]});
                assertEquals(test.label(i), map.labels()[i]);
            }
            assertEquals("z1", map.xLabel());
        }
    }

    @Test
    void aWiderLatentIsMappedOnItsPrincipalComponentsWhoseVariancesDescend(@TempDir Path dir) {
        TinyRuns.train(dir, "vae", 6, 1);
        try (TrainedVae m = TrainedVae.load(dir.resolve(Checkpoints.MODEL_FILE))) {
            LatentMap map = LatentMap.of(m, m.testSet(null), TinyRuns.TEST);
            assertTrue(map.xLabel().startsWith("PC1 ("), map.xLabel());
            assertEquals(0, mean(map.x()), 1e-6, "projections of centred means are centred");
            assertTrue(variance(map.x()) >= variance(map.y()) - 1e-9, "PC1 carries at least PC2's variance");
        }
    }

    @Test
    void aResumedRunKeepsTheEpochsBeforeItAndAFreshRunStartsOver(@TempDir Path dir) {
        TinyRuns.train(dir, "vae", 2, 2);
        Vae.resume(dir.resolve(Checkpoints.MODEL_FILE)).trainer().epochs(3)
                .listener(Checkpoints.into(dir)).listener(History.into(dir)).listener(RunPlots.into(dir))
                .fit(vae.api.Datasets.load("mnist", TinyRuns.TRAIN, TinyRuns.TEST), "mnist");
        try {
            RunHistory h = RunHistory.read(History.fileIn(dir));
            assertEquals(java.util.List.of(1, 2, 3), h.epochs().stream().map(RunHistory.Epoch::epoch).toList());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean isBlank(BufferedImage image) {
        int first = image.getRGB(0, 0);
        for (int y = 0; y < image.getHeight(); y += 3) {
            for (int x = 0; x < image.getWidth(); x += 3) {
                if (image.getRGB(x, y) != first) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    private static double variance(double[] v) {
        double m = mean(v);
        double s = 0;
        for (double x : v) {
            s += (x - m) * (x - m);
        }
        return s / v.length;
    }
}
