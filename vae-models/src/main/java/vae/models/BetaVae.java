package vae.models;

import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.KlCapacity;
import vae.core.spi.LossContext;
import vae.core.spi.OneSampleElbo;
import vae.core.spi.LossTerms;
import vae.core.spi.VariantConfig;

/**
 * β-VAE on the MLP encoder and decoder. Plain form (Higgins et al. 2017):
 * {@code recon + β·KL}. Controlled-capacity form (Burgess et al. 2018):
 * {@code recon + γ·|KL − C|} with C ramped linearly from 0 to {@code cMax} over {@code cSteps}
 * optimiser steps (from {@link LossContext#step()}, so a resumed run continues the ramp); the
 * KL is then reported with weight 0 beside the {@code kl_gap} term that carries γ.
 */
public final class BetaVae extends MlpVariant {
    private final double beta;
    private final boolean capacity;
    private final double gamma;
    private final double cMax;
    private final long cSteps;

    BetaVae(VariantConfig config, int hidden, int latent, double beta, boolean capacity, double gamma, double cMax,
            long cSteps) {
        super(config, hidden, latent);
        this.beta = beta;
        this.capacity = capacity;
        this.gamma = gamma;
        this.cMax = cMax;
        this.cSteps = cSteps;
    }

    @Override
    public LossTerms loss(Graph g, Var x, LossContext context) {
        OneSampleElbo elbo = OneSampleElbo.of(g, this, x, context);
        if (!capacity) {
            return elbo.betaWeighted(g, beta);
        }
        Var gap = KlCapacity.gap(g, elbo.kl(), KlCapacity.ramp(context.step(), cMax, cSteps));
        return LossTerms.weighted(g, List.of(new LossTerms.Term("recon", elbo.recon(), 1.0),
                new LossTerms.Term("kl", elbo.kl(), 0.0), new LossTerms.Term("kl_gap", gap, gamma)));
    }

    @Override
    public String objectiveDescription() {
        return capacity
                ? "recon + gamma*|kl - C| (kl_gap) with gamma=" + num(gamma) + ", C ramped 0 -> " + num(cMax)
                        + " nats over " + cSteps + " steps (Burgess et al.), one sample of z"
                : "recon + beta*kl with beta=" + num(beta) + " (the -ELBO only at beta=1), one sample of z";
    }
}
