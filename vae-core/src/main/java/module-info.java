/**
 * The vae4j engine: tensors, the autodiff graph, layers, losses, optimisers, data sets, the
 * training loop, the {@link vae.core.backend.Backend} and {@link vae.core.spi.ObjectiveProvider} (and the other model axes)
 * service interfaces, and the scalar reference backend.
 */
module vae.core {
    requires rapaio.datasets;
    requires com.fasterxml.jackson.databind;

    exports vae.core.tensor;
    exports vae.core.random;
    exports vae.core.spi;
    exports vae.core.backend;
    exports vae.core.graph;
    exports vae.core.nn;
    exports vae.core.loss;
    exports vae.core.optim;
    exports vae.core.data;
    exports vae.core.image;
    exports vae.core.train;
    exports vae.core.eval;
    exports vae.core.checkpoint;
    exports vae.core.io;
    exports vae.api;

    uses vae.core.backend.BackendProvider;
    uses vae.core.spi.ObjectiveProvider;
    uses vae.core.spi.ArchitectureProvider;
    uses vae.core.spi.PriorProvider;
    uses vae.core.spi.LikelihoodProvider;
    uses vae.core.spi.Preset;

    provides vae.core.backend.BackendProvider with vae.core.backend.ScalarBackendProvider;
}
