package vae.models.objective;

import java.util.List;
import java.util.Locale;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.MaximumMeanDiscrepancy;
import vae.core.spi.Hyperparameter;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.LossContext;
import vae.core.spi.LossTerms;
import vae.core.spi.Model;
import vae.core.spi.Objective;
import vae.core.spi.ObjectiveProvider;
import vae.core.spi.OneSampleElbo;

/**
 * {@code info-vae}, InfoVAE (Zhao et al. 2019):
 * {@code recon + (1−α)·KL(q(z|x) ‖ p(z)) + (α+λ−1)·MMD²(q(z), N(0, I))}, the MMD between the
 * batch's sampled z and as many fresh standard normal samples (at least two). A run's KL warm-up
 * and free bits apply to the KL term (its weight 1 − α times the factor); the MMD is left as it is.
 */
public final class InfoVae extends ObjectiveProvider {
    static final Hyperparameter<Double> ALPHA = Hyperparameter.real("alpha", 0.0, -1e6, 1.0,
            "KL weight is 1 - alpha (alpha = 1: no KL term)");
    static final Hyperparameter<Double> LAMBDA = Hyperparameter.real("lambda", 1000.0, 0.0, 1e9,
            "with alpha, the MMD weight alpha + lambda - 1 (>= 0)");
    static final Hyperparameter<String> KERNEL = Hyperparameter.choice("kernel", "rbf", List.of("rbf", "imq"),
            "MMD kernel: rbf exp(-d/C) or imq C/(C+d), d = |a-b|^2, C = 2*latent");

    public InfoVae() {
        super("info-vae", "InfoVAE (Zhao et al. 2019): recon + (1-alpha)*KL + (alpha+lambda-1)*MMD(q(z), p(z))",
                ALPHA, LAMBDA, KERNEL);
    }

    /** The weight of the MMD term, α + λ − 1. */
    static double mmdWeight(double alpha, double lambda) {
        return alpha + lambda - 1;
    }

    @Override
    public void validate(HyperparameterValues values) {
        double alpha = values.get(ALPHA);
        double lambda = values.get(LAMBDA);
        double weight = mmdWeight(alpha, lambda);
        if (weight < 0) {
            throw new IllegalArgumentException("info-vae: the MMD weight alpha + lambda - 1 = " + BetaVae.num(weight)
                    + " is negative (alpha=" + BetaVae.num(alpha) + ", lambda=" + BetaVae.num(lambda) + "), which would "
                    + "maximise the divergence between q(z) and p(z); use lambda >= 1 - alpha");
        }
    }

    @Override
    public Objective create(HyperparameterValues v) {
        double alpha = v.get(ALPHA);
        double lambda = v.get(LAMBDA);
        MaximumMeanDiscrepancy.Kernel kernel = MaximumMeanDiscrepancy.Kernel.named(v.get(KERNEL));
        return new Objective() {
            @Override
            public LossTerms loss(Graph g, Model model, Var x, LossContext context) {
                OneSampleElbo elbo = OneSampleElbo.of(g, model, x, context);
                var prior = model.prior().draw(g, context, Math.max(2, elbo.z().rows()), model.latentDim());
                Var mmd = MaximumMeanDiscrepancy.perExample(g, elbo.z(), prior, kernel);
                return elbo.loss(g, 1 - alpha, List.of(new LossTerms.Term("mmd", mmd, mmdWeight(alpha, lambda))));
            }

            @Override
            public boolean supportsKlWarmup() {
                return true;
            }

            @Override
            public boolean supportsFreeBits() {
                return true;
            }

            @Override
            public String description() {
                return "recon + (1-alpha)*kl + (alpha+lambda-1)*mmd with alpha=" + BetaVae.num(alpha) + ", lambda="
                        + BetaVae.num(lambda) + " (Zhao et al.); mmd: unbiased MMD^2, "
                        + kernel.name().toLowerCase(Locale.ROOT) + " kernel, batch z vs as many samples of p(z); "
                        + "one sample of z";
            }
        };
    }
}
