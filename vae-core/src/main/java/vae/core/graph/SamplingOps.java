package vae.core.graph;

import vae.core.backend.Backend;
import vae.core.tensor.Tensor;

/** Sampling that gradients can flow through. */
public final class SamplingOps {
    private SamplingOps() {
    }

    /**
     * The reparameterisation trick: {@code z = μ + e^(lv/2) · ε} with the noise ε given, so
     * {@code dz/dμ = 1} and {@code dz/dlv = ½ ε e^(lv/2)}.
     */
    public static Var reparameterize(Graph g, Var mu, Var logvar, Tensor eps) {
        int n = mu.size();
        if (logvar.size() != n || eps.size() != n) {
            throw new IllegalArgumentException("reparameterize: μ " + mu.value() + ", log σ² " + logvar.value()
                    + " and ε " + eps + " differ in size");
        }
        Backend be = g.backend();
        Tensor std = g.allocate(mu.shape());
        Tensor z = g.allocate(mu.shape());
        be.reparameterize(mu.data(), logvar.data(), eps.data(), std.data(), z.data(), n);
        return g.result(z, r -> be.reparameterizeBackward(eps.data(), std.data(), r.gradData(),
                mu.requiresGrad() ? mu.gradData() : null,
                logvar.requiresGrad() ? logvar.gradData() : null, n), mu, logvar);
    }
}
