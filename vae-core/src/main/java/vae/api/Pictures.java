package vae.api;

import java.io.IOException;
import java.nio.file.Path;
import vae.core.data.Dataset;
import vae.core.data.ExampleShape;
import vae.core.image.ImageGrid;
import vae.core.train.EpochReport;

/**
 * The pictures pytorch/examples writes after each epoch, as a listener: {@code
 * reconstruction_<epoch>.png} (8 test images above their reconstructions at z = μ) and, for a
 * model with a prior, {@code sample_<epoch>.png} (64 decoded samples of p(z), 8×8; the same 64
 * latents every epoch, so successive files show the decoder learning; for a conditional model its
 * class-by-z grid, one row per class and the same 8 latents in each). {@link #every} thins them out
 * for long runs: every n-th epoch, the run's last epoch and the epoch it stopped at. The static
 * methods draw the same pictures from a trained model.
 */
public final class Pictures implements TrainingListener {
    /** Test images in an epoch's reconstruction picture. */
    public static final int RECONSTRUCTIONS = 8;
    /** Samples in an epoch's sample picture. */
    public static final int SAMPLES = 64;

    private final Path dir;
    private int every = 1;
    /** The last epoch trained and the last one drawn, so that a run stopped early still ends with its pictures. */
    private int lastEpoch;
    private int lastDrawn;

    private Pictures(Path dir) {
        this.dir = dir;
    }

    /**
     * Draws only after every {@code n}-th epoch (epochs n, 2n, …), the run's target epoch and the
     * epoch an early stop ends it at: a 3,280-epoch run writes a few hundred files, not 6,560.
     *
     * @throws IllegalArgumentException if n is less than 1
     */
    public Pictures every(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("pictures every n epochs needs n >= 1, got " + n);
        }
        this.every = n;
        return this;
    }

    /** Epoch pictures written into {@code dir}. */
    public static Pictures into(Path dir) {
        return new Pictures(dir);
    }

    @Override
    public void started(TrainingRun run) {
        Outputs.requireWritableDirectory(dir, "picture directory");
        lastEpoch = 0;
        lastDrawn = 0;
    }

    @Override
    public void epochEnded(TrainingRun run, EpochReport report) throws IOException {
        lastEpoch = report.epoch();
        if (report.epoch() % every == 0 || report.epoch() == run.epochs()) {
            draw(run, report.epoch());
        }
    }

    /**
     * A run stopped early (by {@link EarlyStopping}) ends with its last epoch's pictures; a run that
     * fails without a stop having been asked for draws nothing more.
     */
    @Override
    public void finished(TrainingRun run) throws IOException {
        if (run.stopReason() != null && lastEpoch > lastDrawn) {
            draw(run, lastEpoch);
        }
    }

    private void draw(TrainingRun run, int epoch) throws IOException {
        TrainedVae m = run.model();
        Dataset test = run.testSet();
        writeReconstructions(m, test, 0, Math.min(RECONSTRUCTIONS, test.size()),
                dir.resolve("reconstruction_" + epoch + ".png"));
        if (m.conditionClasses() > 0 && m.canSample()) {
            writeClassGrid(m, 8, run.vae().seed(), dir.resolve("sample_" + epoch + ".png"));
        } else if (m.canSample()) {
            writeSamples(m, SAMPLES, 8, run.vae().seed(), dir.resolve("sample_" + epoch + ".png"));
        }
        lastDrawn = epoch;
    }

    /** Examples {@code from .. from+n−1} in one row, their decoded means at z = μ in the row below. */
    public static void writeReconstructions(TrainedVae m, Dataset data, int from, int n, Path file) throws IOException {
        ExampleShape shape = data.shape();
        int d = shape.size();
        float[] images = new float[2 * n * d];
        data.copyRange(from, n, images);
        float[] means = m.decodeFlat(m.encodeMeansFlat(data, from, n), m.labelsFor(data, from, n), n);
        System.arraycopy(means, 0, images, n * d, n * d);
        ImageGrid.of(images, 2 * n, shape, n).writePng(file);
    }

    /** {@code n} decoded samples of p(z) from {@code seed}, {@code perRow} to a row. */
    public static void writeSamples(TrainedVae m, int n, int perRow, long seed, Path file) throws IOException {
        ImageGrid.of(m.sampleFlat(n, seed, null), n, m.dataShape(), perRow).writePng(file);
    }

    /**
     * {@code n} decoded samples of a conditional model's class {@code label} from {@code seed},
     * {@code perRow} to a row.
     */
    public static void writeSamples(TrainedVae m, int n, int perRow, long seed, int label, Path file)
            throws IOException {
        float[][] rows = m.sample(n, seed, label);
        int d = m.dataShape().size();
        float[] images = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(rows[i], 0, images, i * d, d);
        }
        ImageGrid.of(images, n, m.dataShape(), perRow).writePng(file);
    }

    /**
     * A conditional model's class-by-z grid ({@link TrainedVae#classGrid}): one row per class,
     * {@code perClass} latents from {@code seed}, the same latent down each column.
     */
    public static void writeClassGrid(TrainedVae m, int perClass, long seed, Path file) throws IOException {
        ImageGrid.of(m.classGridFlat(perClass, seed), m.conditionClasses() * perClass, m.dataShape(), perClass)
                .writePng(file);
    }

    /** Images given as flat rows, {@code perRow} to a row, as the bytes of a PNG. */
    public static byte[] gridPng(float[] images, int n, ExampleShape shape, int perRow) {
        return ImageGrid.of(images, n, shape, perRow).png();
    }

    /**
     * One row of images: example {@code a}, then {@code steps} decoded evenly spaced points of the straight line
     * from its latent mean to that of example {@code b} (both ends included), then example {@code b}.
     */
    public static float[] interpolation(TrainedVae m, Dataset data, int a, int b, int steps) {
        float[] za = m.encode(data, a, 1).mean()[0];
        float[] zb = m.encode(data, b, 1).mean()[0];
        int[] labels = null;
        if (m.conditionClasses() > 0) { // the line is drawn in example a's class
            labels = new int[steps];
            java.util.Arrays.fill(labels, data.label(a));
        }
        float[][] z = new float[steps][za.length];
        for (int s = 0; s < steps; s++) {
            float t = (float) s / (steps - 1);
            for (int j = 0; j < za.length; j++) {
                z[s][j] = (1 - t) * za[j] + t * zb[j];
            }
        }
        float[][] decoded = m.decode(z, labels);
        int d = data.dimension();
        float[] images = new float[(steps + 2) * d];
        data.copyRange(a, 1, images);
        for (int s = 0; s < steps; s++) {
            System.arraycopy(decoded[s], 0, images, (s + 1) * d, d);
        }
        float[] last = new float[d];
        data.copyRange(b, 1, last);
        System.arraycopy(last, 0, images, (steps + 1) * d, d);
        return images;
    }

    /** Images given as flat rows, {@code perRow} to a row. */
    public static void writeGrid(float[] images, int n, ExampleShape shape, int perRow, Path file) throws IOException {
        ImageGrid.of(images, n, shape, perRow).writePng(file);
    }
}
