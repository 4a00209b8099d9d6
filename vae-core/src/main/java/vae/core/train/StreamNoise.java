package vae.core.train;

import vae.core.graph.Graph;
import vae.core.random.CounterRng;
import vae.core.spi.NoiseSource;
import vae.core.tensor.Tensor;

/** Noise for one step from one counter-based stream; successive requests take successive values. */
final class StreamNoise implements NoiseSource {
    private final CounterRng rng;
    private final long stream;
    private long next;

    StreamNoise(CounterRng rng, long stream) {
        this.rng = rng;
        this.stream = stream;
    }

    @Override
    public Tensor gaussian(Graph g, int... shape) {
        Tensor t = g.allocate(shape);
        g.backend().fillGaussian(rng, stream, next, t.data(), 0, t.size());
        next += t.size();
        return t;
    }
}
