package vae.core.spi;

import vae.core.graph.Graph;
import vae.core.tensor.Tensor;

/** Where a variant gets its standard normal noise during one step. */
@FunctionalInterface
public interface NoiseSource {

    /** A tensor of independent N(0, 1) values, borrowed from the step's graph. */
    Tensor gaussian(Graph g, int... shape);
}
