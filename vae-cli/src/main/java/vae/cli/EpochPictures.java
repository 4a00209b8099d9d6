package vae.cli;

import java.io.IOException;
import java.nio.file.Path;
import vae.core.data.Dataset;
import vae.core.data.ExampleShape;
import vae.core.image.ImageGrid;
import vae.core.random.CounterRng;
import vae.core.random.RandomPurpose;
import vae.core.backend.Backend;
import vae.core.spi.Variant;

/**
 * The pictures pytorch/examples writes after each epoch: test images above their
 * reconstructions, and a grid of samples from the prior. The sample grid decodes the same 64
 * latents every epoch, so successive files show the decoder learning. The inference commands
 * ({@code vae sample}, {@code vae reconstruct}) draw the same pictures from a checkpoint.
 */
final class EpochPictures {
    static final int RECONSTRUCTIONS = 8;
    static final int SAMPLES = 64;

    private final Backend backend;
    private final Variant variant;
    private final CounterRng rng;
    private final ModelInference inference;

    EpochPictures(Backend backend, Variant variant, CounterRng rng) {
        this.backend = backend;
        this.variant = variant;
        this.rng = rng;
        this.inference = new ModelInference(backend, variant);
    }

    /** {@code reconstruction_<epoch>.png}: 8 test images (top) and their decoded means at z = μ (bottom). */
    void writeReconstruction(Dataset test, Path file) throws IOException {
        writeReconstruction(test, 0, Math.min(RECONSTRUCTIONS, test.size()), file);
    }

    /** Test images {@code from .. from+n-1} in one row, their decoded means at z = μ in the row below. */
    void writeReconstruction(Dataset test, int from, int n, Path file) throws IOException {
        ExampleShape shape = test.shape();
        int d = shape.size();
        float[] images = new float[2 * n * d];
        test.copyRange(from, n, images);
        float[] means = inference.decodeMeans(inference.encodeMeans(test, from, n), n);
        System.arraycopy(means, 0, images, n * d, n * d);
        ImageGrid.of(images, 2 * n, shape, n).writePng(file);
    }

    /** {@code sample_<epoch>.png}: 64 decoded means of z ~ N(0, I), 8 by 8. */
    void writeSamples(ExampleShape shape, Path file) throws IOException {
        writeSamples(shape, SAMPLES, 8, file);
    }

    /** {@code n} decoded means of z ~ N(0, I) from the generator's sample stream, {@code perRow} to a row. */
    void writeSamples(ExampleShape shape, int n, int perRow, Path file) throws IOException {
        float[] z = new float[n * variant.latentDim()];
        backend.fillGaussian(rng, RandomPurpose.SAMPLE.stream(0), 0, z, 0, z.length);
        ImageGrid.of(inference.decodeMeans(z, n), n, shape, perRow).writePng(file);
    }
}
