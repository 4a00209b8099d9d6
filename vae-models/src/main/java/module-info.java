/** The built-in components of every model axis, bound as services; the CLI never requires this module. */
module vae.models {
    requires vae.core;

    provides vae.core.spi.ObjectiveProvider with
            vae.models.objective.Vae,
            vae.models.objective.BetaVae,
            vae.models.objective.InfoVae,
            vae.models.objective.Iwae,
            vae.models.objective.Ae;
    provides vae.core.spi.ArchitectureProvider with vae.models.architecture.Mlp, vae.models.architecture.Conv;
    provides vae.core.spi.PriorProvider with vae.models.prior.GaussianMixture, vae.models.prior.Hierarchical,
            vae.models.prior.RealNvp, vae.models.prior.StandardNormal, vae.models.prior.VampPrior;
    provides vae.core.spi.LikelihoodProvider with
            vae.models.likelihood.Bernoulli,
            vae.models.likelihood.Gaussian,
            vae.models.likelihood.GaussianUnitVariance,
            vae.models.likelihood.Mixed;
    provides vae.core.spi.PosteriorProvider with vae.models.posterior.Iaf, vae.models.posterior.Planar;
    provides vae.core.spi.Preset with vae.models.preset.ConvVae;
}
