package vae.core.spi;

import vae.core.backend.Backend;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.GaussianLogDensity;
import vae.core.loss.ImportanceWeightedBound;
import vae.core.loss.KlDivergence;
import vae.core.random.CounterRng;
import vae.core.tensor.Tensor;

/** p(z) = N(0, I), with the KL of a diagonal Gaussian q in closed form: the usual prior. */
public final class StandardNormalPrior implements Prior {
    /** The one instance: the prior has no parameters. */
    public static final StandardNormalPrior INSTANCE = new StandardNormalPrior();

    private StandardNormalPrior() {
    }

    @Override
    public Var kl(Graph g, Encoding q, Var z) {
        return KlDivergence.toStandardNormal(g, q.mu(), q.logvar());
    }

    @Override
    public Var logDensity(Graph g, Var z) {
        return GaussianLogDensity.of(g, z, g.constant(g.zeros(z.rows(), z.cols())),
                g.constant(g.zeros(z.rows(), z.cols())));
    }

    @Override
    public boolean klInClosedForm() {
        return true;
    }

    @Override
    public boolean klSplitsByDimension() {
        return true;
    }

    @Override
    public Var klPerDimension(Graph g, Encoding q, Var z) {
        return KlDivergence.toStandardNormalPerDimension(g, q.mu(), q.logvar());
    }

    @Override
    public Var logImportanceWeights(Graph g, Var nll, Var z, Var mu, Var logvar) {
        return ImportanceWeightedBound.logWeights(g, nll, z, mu, logvar);
    }

    @Override
    public Tensor draw(Graph g, LossContext context, int count, int latent) {
        return context.gaussian(g, count, latent);
    }

    @Override
    public void sample(Backend backend, CounterRng rng, long stream, float[] z, int count, int latent) {
        backend.fillGaussian(rng, stream, 0, z, 0, count * latent);
    }
}
