package vae.core.train;

import vae.core.graph.Graph;
import vae.core.random.CounterRng;
import vae.core.spi.KlWeighting;
import vae.core.spi.LossContext;
import vae.core.tensor.Tensor;

/**
 * The context of one step: noise from one counter-based stream (successive requests take
 * successive values), the global step, whether it trains and how it counts the KL.
 */
final class StreamNoise implements LossContext {
    private final CounterRng rng;
    private final long stream;
    private final long step;
    private final boolean training;
    private final KlWeighting klWeighting;
    private long next;

    StreamNoise(CounterRng rng, long stream, long step, boolean training, KlWeighting klWeighting) {
        this.rng = rng;
        this.stream = stream;
        this.step = step;
        this.training = training;
        this.klWeighting = klWeighting;
    }

    @Override
    public Tensor gaussian(Graph g, int... shape) {
        Tensor t = g.allocate(shape);
        g.backend().fillGaussian(rng, stream, next, t.data(), 0, t.size());
        next += t.size();
        return t;
    }

    @Override
    public long step() {
        return step;
    }

    @Override
    public boolean training() {
        return training;
    }

    @Override
    public KlWeighting klWeighting() {
        return klWeighting;
    }
}
