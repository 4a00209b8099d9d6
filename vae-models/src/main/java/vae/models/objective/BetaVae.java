package vae.models.objective;

import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.KlCapacity;
import vae.core.spi.Hyperparameter;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.LossContext;
import vae.core.spi.LossTerms;
import vae.core.spi.Model;
import vae.core.spi.Objective;
import vae.core.spi.ObjectiveProvider;
import vae.core.spi.OneSampleElbo;

/**
 * {@code beta-vae}. Plain form (Higgins et al. 2017): {@code recon + β·KL}. Controlled-capacity
 * form (Burgess et al. 2018): {@code recon + γ·|KL − C|} with C ramped linearly from 0 to
 * {@code c_max} over {@code c_steps} optimiser steps (from {@link LossContext#step()}, so a
 * resumed run continues the ramp); the KL is then reported with weight 0 beside the
 * {@code kl_gap} term that carries γ. The plain form takes a run's KL warm-up (β times the
 * factor) and free bits; the capacity form, which schedules its KL itself, takes neither.
 */
public final class BetaVae extends ObjectiveProvider {
    static final Hyperparameter<Double> BETA = Hyperparameter.real("beta", 4.0, 0.0, 1e6,
            "weight of the KL term (1 is the plain VAE)");
    static final Hyperparameter<Boolean> CAPACITY = Hyperparameter.flag("capacity", false,
            "use the controlled-capacity objective instead of beta");
    static final Hyperparameter<Double> GAMMA = Hyperparameter.real("gamma", 1000.0, 0.0, 1e6,
            "capacity form: weight of |KL - C|");
    static final Hyperparameter<Double> C_MAX = Hyperparameter.real("c_max", 25.0, 0.0, 1e6,
            "capacity form: the final capacity C in nats");
    static final Hyperparameter<Integer> C_STEPS = Hyperparameter.integer("c_steps", 100000, 0, Integer.MAX_VALUE,
            "capacity form: optimiser steps over which C rises linearly from 0 (0: C = c_max at once)");

    public BetaVae() {
        super("beta-vae", "beta-VAE (Higgins et al. 2017): recon + beta*KL; with capacity=true recon + gamma*|KL - C|, "
                + "C ramped to c_max (Burgess et al. 2018)", BETA, CAPACITY, GAMMA, C_MAX, C_STEPS);
    }

    @Override
    public Objective create(HyperparameterValues v) {
        double beta = v.get(BETA);
        boolean capacity = v.get(CAPACITY);
        double gamma = v.get(GAMMA);
        double cMax = v.get(C_MAX);
        long cSteps = v.get(C_STEPS);
        return new Objective() {
            @Override
            public LossTerms loss(Graph g, Model model, Var x, LossContext context) {
                OneSampleElbo elbo = OneSampleElbo.of(g, model, x, context);
                if (!capacity) {
                    return elbo.betaWeighted(g, beta);
                }
                Var gap = KlCapacity.gap(g, elbo.kl(), KlCapacity.ramp(context.step(), cMax, cSteps));
                return LossTerms.weighted(g, List.of(new LossTerms.Term("recon", elbo.recon(), 1.0),
                        new LossTerms.Term("kl", elbo.kl(), 0.0), new LossTerms.Term("kl_gap", gap, gamma)));
            }

            @Override
            public String description() {
                if (capacity) {
                    return "recon + gamma*|kl - C| (kl_gap) with gamma=" + num(gamma) + ", C ramped 0 -> " + num(cMax)
                            + " nats over " + cSteps + " steps (Burgess et al.), one sample of z";
                }
                return beta == 1.0 ? "-ELBO (recon + kl), one sample of z"
                        : "recon + beta*kl with beta=" + num(beta) + " (the -ELBO only at beta=1), one sample of z";
            }

            // The capacity form ramps its own KL target and weighs |KL - C|, not the KL: no warm-up or free bits.
            @Override
            public boolean supportsKlWarmup() {
                return !capacity;
            }

            @Override
            public boolean supportsFreeBits() {
                return !capacity;
            }
        };
    }

    /** A weight as printed in descriptions: 4, 0.5, 999. */
    static String num(double v) {
        return HyperparameterValues.formatNumber(v);
    }
}
