package vae.example.plugin;

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
 * {@code warmup-vae}: KL annealing (Bowman et al. 2016; Sønderby et al. 2016). Trains on
 * {@code recon + β·KL} with β rising linearly from 0 to 1 over {@code warmup_steps} optimiser
 * steps, so the decoder learns to use z before the KL pulls q(z|x) onto the prior; from then on
 * it is the plain −ELBO. The step comes from {@link LossContext#step()}, so a resumed run
 * continues the ramp. Evaluation always uses β = 1: test losses are then the −ELBO, comparable
 * across epochs and with {@code vae}, and keeping the best checkpoint cannot favour an epoch
 * merely because its KL still counted less.
 */
public final class WarmupVae extends ObjectiveProvider {
    static final Hyperparameter<Integer> WARMUP_STEPS = Hyperparameter.integer("warmup_steps", 2000, 0,
            Integer.MAX_VALUE, "optimiser steps over which beta rises linearly from 0 to 1 (0: the plain VAE)");

    public WarmupVae() {
        super("warmup-vae", "example plugin: the ELBO with the KL weight annealed from 0 to 1 over warmup_steps "
                + "(Bowman et al. 2016)", WARMUP_STEPS);
    }

    @Override
    public Objective create(HyperparameterValues values) {
        long warmupSteps = values.get(WARMUP_STEPS);
        return new Objective() {
            @Override
            public LossTerms loss(Graph g, Model model, Var x, LossContext context) {
                double beta = context.training() ? KlCapacity.ramp(context.step(), 1.0, warmupSteps) : 1.0;
                return OneSampleElbo.of(g, model, x, context).betaWeighted(g, beta);
            }

            @Override
            public String description() {
                return "-ELBO (recon + kl), one sample of z; trained on recon + beta*kl with beta ramped 0 -> 1 over "
                        + warmupSteps + " steps (KL annealing)";
            }
        };
    }
}
