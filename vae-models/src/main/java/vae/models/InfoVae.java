package vae.models;

import java.util.List;
import java.util.Locale;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.MaximumMeanDiscrepancy;
import vae.core.spi.LossContext;
import vae.core.spi.OneSampleElbo;
import vae.core.spi.LossTerms;
import vae.core.spi.VariantConfig;

/**
 * InfoVAE (Zhao et al. 2019) on the MLP encoder and decoder:
 * {@code recon + (1−α)·KL(q(z|x) ‖ p(z)) + (α+λ−1)·MMD²(q(z), p(z))}, the MMD between the
 * batch's sampled z and as many fresh samples of p(z) = N(0, I) (at least two).
 */
public final class InfoVae extends MlpVariant {
    private final double alpha;
    private final double lambda;
    private final MaximumMeanDiscrepancy.Kernel kernel;

    InfoVae(VariantConfig config, int hidden, int latent, double alpha, double lambda,
            MaximumMeanDiscrepancy.Kernel kernel) {
        super(config, hidden, latent);
        this.alpha = alpha;
        this.lambda = lambda;
        this.kernel = kernel;
    }

    /** The weight of the MMD term, α + λ − 1. */
    static double mmdWeight(double alpha, double lambda) {
        return alpha + lambda - 1;
    }

    @Override
    public LossTerms loss(Graph g, Var x, LossContext context) {
        OneSampleElbo elbo = OneSampleElbo.of(g, this, x, context);
        var prior = context.gaussian(g, Math.max(2, elbo.z().rows()), latentDim());
        Var mmd = MaximumMeanDiscrepancy.perExample(g, elbo.z(), prior, kernel);
        return LossTerms.weighted(g, List.of(new LossTerms.Term("recon", elbo.recon(), 1.0),
                new LossTerms.Term("kl", elbo.kl(), 1 - alpha), new LossTerms.Term("mmd", mmd, mmdWeight(alpha, lambda))));
    }

    @Override
    public String objectiveDescription() {
        return "recon + (1-alpha)*kl + (alpha+lambda-1)*mmd with alpha=" + num(alpha) + ", lambda=" + num(lambda)
                + " (Zhao et al.); mmd: unbiased MMD^2, " + kernel.name().toLowerCase(Locale.ROOT)
                + " kernel, batch z vs as many prior samples; one sample of z";
    }
}
