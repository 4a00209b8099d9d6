package vae.models;

import static vae.core.spi.HyperparameterValues.formatNumber;

import java.util.List;
import vae.core.loss.MaximumMeanDiscrepancy;
import vae.core.spi.Hyperparameter;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.Variant;
import vae.core.spi.VariantConfig;
import vae.core.spi.VariantProvider;

/** {@code info-vae}: InfoVAE with an MMD term on the aggregate posterior. */
public final class InfoVaeProvider implements VariantProvider {

    @Override
    public String name() {
        return "info-vae";
    }

    @Override
    public String description() {
        return "InfoVAE (Zhao et al. 2019): recon + (1-alpha)*KL + (alpha+lambda-1)*MMD(q(z), p(z)); "
                + "MLP encoder and decoder";
    }

    @Override
    public List<Hyperparameter> hyperparameters() {
        return List.of(MlpVariant.HIDDEN, MlpVariant.LATENT,
                Hyperparameter.real("alpha", 0.0, -1e6, 1.0, "KL weight is 1 - alpha (alpha = 1: no KL term)"),
                Hyperparameter.real("lambda", 1000.0, 0.0, 1e9, "with alpha, the MMD weight alpha + lambda - 1 (>= 0)"),
                Hyperparameter.choice("kernel", "rbf", List.of("rbf", "imq"),
                        "MMD kernel: rbf exp(-d/C) or imq C/(C+d), d = |a-b|^2, C = 2*latent"));
    }

    @Override
    public void validate(HyperparameterValues values) {
        double alpha = values.getDouble("alpha");
        double lambda = values.getDouble("lambda");
        double weight = InfoVae.mmdWeight(alpha, lambda);
        if (weight < 0) {
            throw new IllegalArgumentException("info-vae: the MMD weight alpha + lambda - 1 = " + formatNumber(weight)
                    + " is negative (alpha=" + formatNumber(alpha) + ", lambda=" + formatNumber(lambda) + "), which would maximise the "
                    + "divergence between q(z) and p(z); use lambda >= 1 - alpha");
        }
    }

    @Override
    public Variant create(VariantConfig config) {
        var h = config.hyperparameters();
        validate(h);
        return new InfoVae(config, h.getInt("hidden"), h.getInt("latent"), h.getDouble("alpha"),
                h.getDouble("lambda"), MaximumMeanDiscrepancy.Kernel.named(h.getString("kernel")));
    }
}
