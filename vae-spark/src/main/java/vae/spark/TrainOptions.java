package vae.spark;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import vae.core.data.ExampleShape;

/**
 * How {@link VaeSpark#train} trains one model by local SGD: the model (variant, architecture,
 * likelihood, hyperparameters), the data shape, epochs, batch size, Adam's learning rate, the seed,
 * and H, the local steps of each partition between two averagings. Immutable; start from
 * {@link #defaults()}.
 */
public final class TrainOptions implements Serializable {
    private static final long serialVersionUID = 1L;

    final String variant;
    final String arch;
    final String likelihood;
    final Map<String, String> hyperparameters;
    /** Channels, height and width of one example, or null for 1×1×the features. */
    final int[] shape;
    final int epochs;
    final int batchSize;
    final double lr;
    final boolean scaleLr;
    final long seed;
    final int syncEvery;
    final String backend;

    private TrainOptions(String variant, String arch, String likelihood, Map<String, String> hyperparameters,
                         int[] shape, int epochs, int batchSize, double lr, boolean scaleLr, long seed,
                         int syncEvery, String backend) {
        this.variant = variant;
        this.arch = arch;
        this.likelihood = likelihood;
        this.hyperparameters = Map.copyOf(hyperparameters);
        this.shape = shape;
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.lr = lr;
        this.scaleLr = scaleLr;
        this.seed = seed;
        this.syncEvery = syncEvery;
        this.backend = backend;
    }

    /** {@code vae} on {@code mlp}, 10 epochs, batches of 128, lr 1e-3 scaled by the partitions, seed 1, H = 100. */
    public static TrainOptions defaults() {
        return new TrainOptions("vae", null, null, Map.of(), null, 10, 128, 1e-3, true, 1, 100, null);
    }

    private TrainOptions with(String variant, String arch, String likelihood, Map<String, String> hyper,
                              int[] shape, int epochs, int batchSize, double lr, boolean scaleLr, long seed,
                              int syncEvery, String backend) {
        return new TrainOptions(variant, arch, likelihood, hyper, shape, epochs, batchSize, lr, scaleLr, seed,
                syncEvery, backend);
    }

    public TrainOptions variant(String name) {
        return with(name, arch, likelihood, hyperparameters, shape, epochs, batchSize, lr, scaleLr, seed, syncEvery,
                backend);
    }

    public TrainOptions arch(String name) {
        return with(variant, name, likelihood, hyperparameters, shape, epochs, batchSize, lr, scaleLr, seed, syncEvery,
                backend);
    }

    public TrainOptions likelihood(String name) {
        return with(variant, arch, name, hyperparameters, shape, epochs, batchSize, lr, scaleLr, seed, syncEvery,
                backend);
    }

    /** A hyperparameter of any part of the model, as {@code -P key=value}. */
    public TrainOptions set(String key, String value) {
        Map<String, String> h = new LinkedHashMap<>(hyperparameters);
        h.put(key, value);
        return with(variant, arch, likelihood, h, shape, epochs, batchSize, lr, scaleLr, seed, syncEvery, backend);
    }

    /** The shape of one example (default: 1×1×the number of features); e.g. 1×28×28 for MNIST. */
    public TrainOptions shape(ExampleShape s) {
        int[] dims = {s.channels(), s.height(), s.width()};
        return with(variant, arch, likelihood, hyperparameters, dims, epochs, batchSize, lr, scaleLr, seed, syncEvery,
                backend);
    }

    public TrainOptions epochs(int n) {
        positive("epochs", n);
        return with(variant, arch, likelihood, hyperparameters, shape, n, batchSize, lr, scaleLr, seed, syncEvery,
                backend);
    }

    public TrainOptions batchSize(int n) {
        positive("the batch size", n);
        return with(variant, arch, likelihood, hyperparameters, shape, epochs, n, lr, scaleLr, seed, syncEvery,
                backend);
    }

    /**
     * Adam's learning rate on one machine; with {@code scaled} (the default) each partition takes
     * steps of {@code lr × partitions}, since an averaging of P partitions' updates moves the model
     * about as far as one of them.
     */
    public TrainOptions learningRate(double value, boolean scaled) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("the learning rate must be a positive number, got " + value);
        }
        return with(variant, arch, likelihood, hyperparameters, shape, epochs, batchSize, value, scaled, seed,
                syncEvery, backend);
    }

    public TrainOptions seed(long value) {
        return with(variant, arch, likelihood, hyperparameters, shape, epochs, batchSize, lr, scaleLr, value, syncEvery,
                backend);
    }

    /** H: the steps each partition takes on its own rows between two averagings (at least 1). */
    public TrainOptions syncEvery(int steps) {
        positive("the local steps between averagings", steps);
        return with(variant, arch, likelihood, hyperparameters, shape, epochs, batchSize, lr, scaleLr, seed, steps,
                backend);
    }

    /** The backend by name on the executors, or null for the fastest. */
    public TrainOptions backend(String name) {
        return with(variant, arch, likelihood, hyperparameters, shape, epochs, batchSize, lr, scaleLr, seed, syncEvery,
                name);
    }

    /** The shape of one example of {@code values} values. */
    ExampleShape exampleShape(int values) {
        return shape == null ? new ExampleShape(1, 1, values) : new ExampleShape(shape[0], shape[1], shape[2]);
    }

    /** The model these options describe, with its initial weights, for examples of {@code shape}. */
    vae.api.Vae build(ExampleShape exampleShape) {
        vae.api.Vae.Builder b = vae.api.Vae.builder().variant(variant).seed(seed);
        if (arch != null) {
            b.arch(arch);
        }
        if (likelihood != null) {
            b.likelihood(likelihood);
        }
        for (Map.Entry<String, String> e : hyperparameters.entrySet()) {
            b.set(e.getKey(), e.getValue());
        }
        return b.build(exampleShape);
    }

    private static void positive(String what, int n) {
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + n);
        }
    }
}
