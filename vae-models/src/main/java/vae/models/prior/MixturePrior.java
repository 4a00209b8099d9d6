package vae.models.prior;

import vae.core.backend.Backend;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.GaussianMixtureLogDensity;
import vae.core.random.CounterRng;
import vae.core.spi.LossContext;
import vae.core.spi.DensityPrior;
import vae.core.tensor.Tensor;

/**
 * A prior that is a mixture of diagonal Gaussians: the KL has no closed form, so it is the one-sample
 * estimate {@code log q(z|x) − log p(z)} at the reparameterised sample, and importance weights use the
 * mixture's density. Subclasses say where the components come from (learned directly, or the encoder at
 * learned pseudo-inputs).
 */
abstract class MixturePrior implements DensityPrior {
    /** Sets the component choices' stream apart from the Gaussians' of the same sampling stream. */
    private static final long COMPONENT_STREAM = 1L << 47;

    /**
     * The components on a graph.
     *
     * @param means   {@code [K, L]}
     * @param logvars {@code [K, L]}
     * @param logits  {@code [K]}, or null for equal weights
     */
    record Components(Var means, Var logvars, Var logits) {
    }

    /** The components, computed on {@code g} (with gradients to the prior's parameters when it records). */
    abstract Components components(Graph g);

    @Override
    public Var logDensity(Graph g, Var z) {
        Components c = components(g);
        return GaussianMixtureLogDensity.of(g, z, c.means(), c.logvars(), c.logits());
    }

    @Override
    public void sample(Backend backend, CounterRng rng, long stream, float[] z, int count, int latent) {
        Graph g = Graph.inference(backend);
        Components c = components(g);
        double[] cumulative = cumulativeWeights(c);
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            chosen[i] = pick(cumulative, rng.uniform(stream ^ COMPONENT_STREAM, i));
        }
        backend.fillGaussian(rng, stream, 0, z, 0, count * latent);
        shift(c, chosen, z, latent);
    }

    @Override
    public Tensor draw(Graph g, LossContext context, int count, int latent) {
        Components c = components(Graph.inference(g.backend()));
        double[] cumulative = cumulativeWeights(c);
        int[] chosen = new int[count];
        for (int i = 0; i < count; i++) {
            chosen[i] = pick(cumulative, (i + 0.5) / count); // systematic: each component its share of the draws
        }
        Tensor eps = context.gaussian(g, count, latent);
        float[] z = eps.data().clone();
        shift(c, chosen, z, latent);
        Tensor out = g.allocate(count, latent);
        System.arraycopy(z, 0, out.data(), 0, z.length);
        return out;
    }

    /** z_i = m_k + σ_k ⊙ ε_i for the component k chosen for row i. */
    private static void shift(Components c, int[] chosen, float[] z, int latent) {
        float[] m = c.means().data();
        float[] lv = c.logvars().data();
        for (int i = 0; i < chosen.length; i++) {
            int k = chosen[i];
            for (int j = 0; j < latent; j++) {
                z[i * latent + j] = (float) (m[k * latent + j] + Math.exp(0.5 * lv[k * latent + j]) * z[i * latent + j]);
            }
        }
    }

    private static double[] cumulativeWeights(Components c) {
        int k = c.means().rows();
        double[] w = new double[k];
        if (c.logits() == null) {
            java.util.Arrays.fill(w, 1.0 / k);
        } else {
            float[] l = c.logits().data();
            double max = Double.NEGATIVE_INFINITY;
            for (float v : l) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (int i = 0; i < k; i++) {
                w[i] = Math.exp(l[i] - max);
                sum += w[i];
            }
            for (int i = 0; i < k; i++) {
                w[i] /= sum;
            }
        }
        for (int i = 1; i < k; i++) {
            w[i] += w[i - 1];
        }
        return w;
    }

    private static int pick(double[] cumulative, double u) {
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return i;
            }
        }
        return cumulative.length - 1;
    }
}
