/**
 * The vae4j engine and its public API: {@code vae.api} (build, train, load and use models),
 * the plugin interfaces of the model axes ({@code vae.core.spi}) and of backends
 * ({@link vae.core.backend.BackendProvider}), and what they are made of: tensors, the autodiff
 * graph, layers, losses, Adam, data sets, the training loop, checkpoints and the scalar backend.
 */
module vae.core {
    requires rapaio.datasets;
    requires com.fasterxml.jackson.databind;
    requires de.siegmar.fastcsv;
    // Folders of PNG and JPEG images are decoded with javax.imageio.
    requires java.desktop;
    // ModelSize reads the heap's pools: a model must fit in the old generation of a generational collector.
    requires java.management;

    exports vae.core.tensor;
    exports vae.core.random;
    exports vae.core.spi;
    exports vae.core.backend;
    exports vae.core.graph;
    exports vae.core.nn;
    exports vae.core.loss;
    exports vae.core.optim;
    exports vae.core.data;
    exports vae.core.table;
    exports vae.core.train;
    exports vae.core.eval;
    exports vae.core.checkpoint;
    // Atomic file writing is for vae4j's own command line, not a public API.
    exports vae.core.io to vae.cli, vae.report;
    exports vae.api;

    uses vae.core.backend.BackendProvider;
    uses vae.core.spi.ObjectiveProvider;
    uses vae.core.spi.ArchitectureProvider;
    uses vae.core.spi.PriorProvider;
    uses vae.core.spi.LikelihoodProvider;
    uses vae.core.spi.PosteriorProvider;
    uses vae.core.spi.Preset;

    provides vae.core.backend.BackendProvider with vae.core.backend.ScalarBackendProvider;
}
