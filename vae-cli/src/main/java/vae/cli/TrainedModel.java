package vae.cli;

import java.nio.file.Path;
import vae.core.checkpoint.Checkpoint;
import vae.core.checkpoint.CheckpointException;
import vae.core.checkpoint.CheckpointMetadata;
import vae.core.data.Dataset;
import vae.core.data.DatasetCatalog;
import vae.core.loss.Likelihood;
import vae.core.random.CounterRng;
import vae.core.backend.Backend;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.Variant;
import vae.core.spi.VariantConfig;
import vae.core.spi.VariantProvider;
import vae.core.train.Binarization;
import vae.core.train.DynamicBinarizer;

/**
 * A model rebuilt from a checkpoint: the variant found by name among the providers on the module
 * path, built with the stored hyperparameters, data shape and likelihood, and given the stored
 * weights (whose names and shapes must match exactly).
 */
final class TrainedModel {
    private final Checkpoint checkpoint;
    private final Variant variant;
    private final Backend backend;

    private TrainedModel(Checkpoint checkpoint, Variant variant, Backend backend) {
        this.checkpoint = checkpoint;
        this.variant = variant;
        this.backend = backend;
    }

    static TrainedModel load(Path file, String backendName, int threads) {
        Checkpoint c = Checkpoint.read(file);
        CheckpointMetadata m = c.metadata();
        VariantProvider provider;
        try {
            provider = VariantRegistry.load().get(m.variant());
        } catch (UserError e) {
            throw new UserError(file + " holds a model of variant '" + m.variant() + "', which is not on the module path: "
                    + e.getMessage());
        }
        HyperparameterValues hyper;
        Likelihood likelihood;
        try {
            hyper = HyperparameterValues.parse(provider.name(), provider.hyperparameters(), m.hyperparameters());
            likelihood = Likelihood.named(m.likelihood());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(file + " has metadata this vae4j cannot use: " + e.getMessage());
        }
        requireEveryHyperparameter(file, provider, m.hyperparameters());
        Variant variant = provider.create(new VariantConfig(m.dataShape(), likelihood, hyper, new CounterRng(m.seed())));
        c.restoreWeights(variant.parameters());
        return new TrainedModel(c, variant, BackendRegistry.load().select(backendName, threads));
    }

    /**
     * Checkpoints store every hyperparameter of their variant; one missing means damaged
     * metadata, which must not be filled in silently with a default.
     */
    static void requireEveryHyperparameter(Path file, VariantProvider provider, java.util.Map<String, String> stored) {
        for (var h : provider.hyperparameters()) {
            if (!stored.containsKey(h.name())) {
                throw new CheckpointException(file + " has no value for hyperparameter '" + h.name() + "' of variant "
                        + provider.name() + ": its metadata is incomplete or damaged; use another checkpoint");
            }
        }
    }

    CheckpointMetadata metadata() {
        return checkpoint.metadata();
    }

    Path file() {
        return checkpoint.file();
    }

    Variant variant() {
        return variant;
    }

    Backend backend() {
        return backend;
    }

    ModelInference inference() {
        return new ModelInference(backend, variant);
    }

    /** A one-line description for the command's first output line. */
    String describe() {
        CheckpointMetadata m = metadata();
        return String.format(java.util.Locale.ROOT, "%s: variant %s (%s), epoch %d, latent %d, likelihood %s, data %s %s",
                file(), m.variant(), String.join(", ", m.hyperparameters().entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue()).toList()), m.epoch(), variant.latentDim(),
                m.likelihood(), m.dataset(), m.dataShape());
    }

    /**
     * The test split of {@code spec} (default: the training data set), binarised as in training.
     *
     * @throws UserError if its examples do not have the model's shape
     */
    Dataset testSet(String spec) {
        return split(spec, false);
    }

    /** The training split of {@code spec}, unbinarised. */
    Dataset trainSet(String spec) {
        return split(spec, true);
    }

    private Dataset split(String spec, boolean train) {
        CheckpointMetadata m = metadata();
        String name = spec == null ? m.dataset() : spec;
        var data = DatasetCatalog.load(name);
        Dataset d = train ? data.train() : data.test();
        if (!d.shape().equals(m.dataShape())) {
            throw new UserError("data set " + name + " has examples of " + d.shape() + " but the model was trained on "
                    + m.dataShape() + "; pass a data set of that shape with --dataset");
        }
        if (!train && m.binarization() == Binarization.DYNAMIC) {
            d = DynamicBinarizer.binarizeOnce(d, new CounterRng(m.seed())); // the test set the run evaluated on
        }
        return d;
    }
}
