/**
 * The vae4j engine: tensors, the autodiff graph, layers, losses, optimisers, data sets, the
 * training loop, the {@link vae.core.backend.Backend} and {@link vae.core.spi.VariantProvider}
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

    uses vae.core.backend.Backend;
    uses vae.core.spi.VariantProvider;

    provides vae.core.backend.Backend with vae.core.backend.ScalarBackend;
}
