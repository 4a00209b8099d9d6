package vae.core.loss;

import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.tensor.Tensor;

/**
 * The controlled-capacity term of Burgess et al. (2018), {@code |KL − C|}, where KL is the
 * batch mean of the per-example divergences and C the capacity the KL is pushed towards (ramped
 * up during training by the caller), with {@link #ramp} the linear schedule.
 */
public final class KlCapacity {
    private KlCapacity() {
    }

    /**
     * {@code |mean_b kl_b − capacity|}, repeated for every example, shape {@code [B]}, so that the
     * batch mean of the result is the term itself. Backward:
     * {@code dkl_b = sign(mean − C) · Σ_i dout_i / B} (0 at the kink).
     */
    public static Var gap(Graph g, Var kl, double capacity) {
        int batch = kl.size();
        double mean = g.backend().sum(kl.data(), 0, batch) / batch;
        double sign = Math.signum(mean - capacity);
        Tensor out = g.allocate(batch);
        java.util.Arrays.fill(out.data(), (float) Math.abs(mean - capacity));
        return g.result(out, r -> {
            double total = g.backend().sum(r.gradData(), 0, batch);
            float[] spread = g.allocate(batch).data();
            java.util.Arrays.fill(spread, (float) (sign * total / batch));
            g.backend().axpy(1f, spread, 0, kl.gradData(), 0, batch);
        }, kl);
    }

    /** C after {@code step} optimiser steps: linear from 0 to {@code max} over {@code steps}, then constant. */
    public static double ramp(long step, double max, long steps) {
        if (steps <= 0 || step >= steps) {
            return max;
        }
        return max * step / steps;
    }
}
