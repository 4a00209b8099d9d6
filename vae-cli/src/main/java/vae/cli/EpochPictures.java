package vae.cli;

import java.io.IOException;
import java.nio.file.Path;
import vae.core.data.Dataset;
import vae.core.data.ExampleShape;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.image.ImageGrid;
import vae.core.random.CounterRng;
import vae.core.random.RandomPurpose;
import vae.core.spi.Backend;
import vae.core.spi.Variant;
import vae.core.tensor.Tensor;

/**
 * The pictures pytorch/examples writes after each epoch: test images above their
 * reconstructions, and a grid of samples from the prior. The sample grid decodes the same 64
 * latents every epoch, so successive files show the decoder learning.
 */
final class EpochPictures {
    static final int RECONSTRUCTIONS = 8;
    static final int SAMPLES = 64;

    private final Backend backend;
    private final Variant variant;
    private final CounterRng rng;

    EpochPictures(Backend backend, Variant variant, CounterRng rng) {
        this.backend = backend;
        this.variant = variant;
        this.rng = rng;
    }

    /** {@code reconstruction_<epoch>.png}: 8 test images (top) and their decoded means at z = μ (bottom). */
    void writeReconstruction(Dataset test, Path file) throws IOException {
        ExampleShape shape = test.shape();
        int n = Math.min(RECONSTRUCTIONS, test.size());
        int d = shape.size();
        Graph g = Graph.inference(backend);
        Tensor x = g.allocate(n, shape.channels(), shape.height(), shape.width());
        test.copyRange(0, n, x.data());
        Var mu = variant.encode(g, g.constant(x)).mu();
        Var mean = variant.likelihood().mean(g, variant.decode(g, mu));
        float[] images = new float[2 * n * d];
        System.arraycopy(x.data(), 0, images, 0, n * d);
        System.arraycopy(mean.data(), 0, images, n * d, n * d);
        ImageGrid.of(images, 2 * n, shape, n).writePng(file);
    }

    /** {@code sample_<epoch>.png}: 64 decoded means of z ~ N(0, I), 8 by 8. */
    void writeSamples(ExampleShape shape, Path file) throws IOException {
        Graph g = Graph.inference(backend);
        Tensor z = g.allocate(SAMPLES, variant.latentDim());
        backend.fillGaussian(rng, RandomPurpose.SAMPLE.stream(0), 0, z.data(), 0, z.size());
        Var mean = variant.likelihood().mean(g, variant.decode(g, g.constant(z)));
        ImageGrid.of(mean.data(), SAMPLES, shape, 8).writePng(file);
    }
}
