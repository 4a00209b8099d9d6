package vae.core.spi;

import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.GaussianLogDensity;

/**
 * A prior known by its density alone (a mixture, a flow, a hierarchy): the KL is the one-sample
 * estimate {@code log q(z|x) − log p(z)} at the reparameterised sample, and the importance weights
 * are {@code log p(x|z) + log p(z) − log q(z|x)} with that density.
 */
public interface DensityPrior extends Prior {

    /** log p(z) per row, {@code [rows]}. */
    @Override
    Var logDensity(Graph g, Var z);

    @Override
    default Var kl(Graph g, Encoding q, Var z) {
        return ElementwiseOps.add(g, GaussianLogDensity.of(g, z, q.mu(), q.logvar()),
                ElementwiseOps.scale(g, logDensity(g, z), -1f));
    }

    @Override
    default boolean klInClosedForm() {
        return false;
    }

    @Override
    default Var logImportanceWeights(Graph g, Var nll, Var z, Var mu, Var logvar) {
        Var logJoint = ElementwiseOps.add(g, logDensity(g, z), ElementwiseOps.scale(g, nll, -1f));
        return ElementwiseOps.add(g, logJoint, ElementwiseOps.scale(g, GaussianLogDensity.of(g, z, mu, logvar), -1f));
    }
}
