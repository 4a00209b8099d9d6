package vae.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vae.core.backend.Backend;
import vae.core.backend.Backends;
import vae.core.checkpoint.Checkpoint;
import vae.core.checkpoint.RunSettings;
import vae.core.data.DataSplit;
import vae.core.data.Dataset;
import vae.core.data.ImageFolderReader;
import vae.core.data.ImageFolderSource;
import vae.core.optim.Adam;
import vae.core.optim.AdamConfig;
import vae.core.optim.LearningRateSchedule;
import vae.core.random.CounterRng;
import vae.core.random.RandomPurpose;
import vae.core.train.Binarization;
import vae.core.train.DynamicBinarizer;
import vae.core.train.EpochReport;
import vae.core.train.KlSchedule;
import vae.core.train.LabelledSubset;
import vae.core.train.Supervision;
import vae.core.train.Trainer;
import vae.core.train.TrainingAids;
import vae.core.train.TrainingConfig;
import vae.core.train.ValidationSplit;

/**
 * How to train a {@link Vae}: epochs, batch size, Adam's settings, binarisation, training aids
 * (KL warm-up, free bits, a learning-rate schedule, a validation split), backend and listeners;
 * {@link #fit} runs it. Everything random comes from the model's seed, so a run is a function of
 * its settings whatever the thread count.
 *
 * <pre>{@code
 * TrainingRun run = vae.trainer().epochs(10).batchSize(128)
 *         .klWarmup(5).freeBits(0.1).validation(5000)
 *         .listener(Checkpoints.into(Path.of("runs/b4")).keepBest())
 *         .fit(Datasets.mnist());
 * }</pre>
 */
public final class Training {
    private final Vae vae;
    private final Checkpoint resumed;
    private int epochs = 10;
    private int batchSize = 128;
    private AdamConfig adam = AdamConfig.defaults();
    private Binarization binarization = Binarization.NONE;
    private int trainLimit;
    private int testLimit;
    private String onlyLabel;
    private TrainingAids aids = TrainingAids.NONE;
    private double validationFraction = Double.NaN;
    private String backend;
    private int threads = Runtime.getRuntime().availableProcessors();
    private final List<TrainingListener> listeners = new ArrayList<>();

    Training(Vae vae, Checkpoint resumed) {
        this.vae = vae;
        this.resumed = resumed;
        if (resumed != null) {
            RunSettings s = resumed.metadata().run();
            if (s.dataParallel() != null) {
                throw new IllegalArgumentException(resumed.source() + " was trained by local SGD on "
                        + s.dataParallel().partitions() + " partitions; continue it with Spark (TrainJob, "
                        + "VaeSpark.resume), which repeats them");
            }
            this.batchSize = s.batchSize();
            this.adam = s.adam();
            this.binarization = s.binarization();
            this.trainLimit = s.trainLimit();
            this.testLimit = s.testLimit();
            this.onlyLabel = s.onlyLabel();
            this.aids = s.aids();
        }
    }

    /**
     * Trains on the training examples of one label only (one-class training, e.g. the anomaly
     * detection protocol that learns what normal looks like); the test set keeps every label.
     * The label is named as the data call it: a digit for MNIST, a value of a table's label column.
     */
    public Training onlyLabel(String label) {
        this.onlyLabel = label;
        return this;
    }

    /** The epoch to train up to (a resumed run counts the epochs it already did); default 10. */
    public Training epochs(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + n);
        }
        this.epochs = n;
        return this;
    }

    /** Examples per step; default 128. */
    public Training batchSize(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + n);
        }
        this.batchSize = n;
        return this;
    }

    /** Adam's learning rate; default 1e-3. */
    public Training learningRate(double lr) {
        return adam(adam.withLr(lr));
    }

    /** All of Adam's settings; default {@code torch.optim.Adam}'s. */
    public Training adam(AdamConfig config) {
        this.adam = config;
        return this;
    }

    /** How targets are formed from grey values; default none (the grey values are the targets). */
    public Training binarization(Binarization b) {
        this.binarization = b;
        return this;
    }

    /** Train on the first {@code n} training examples only (0, the default: all). */
    public Training trainLimit(int n) {
        this.trainLimit = nonNegative(n, "train limit");
        return this;
    }

    /** Evaluate on the first {@code n} test examples only (0, the default: all). */
    public Training testLimit(int n) {
        this.testLimit = nonNegative(n, "test limit");
        return this;
    }

    private static int nonNegative(int n, String what) {
        if (n < 0) {
            throw new IllegalArgumentException("the " + what + " must be 0 (all) or positive, got " + n);
        }
        return n;
    }

    /**
     * KL warm-up: the KL term's weight multiplied by a factor rising linearly from 0 to 1 over the
     * first {@code epochs} epochs, step by step (0: none, the default). Needs an objective with a
     * KL term it scales ({@code vae}, {@code beta-vae}, {@code info-vae}); test and validation
     * losses always count the KL in full.
     */
    public Training klWarmup(int epochs) {
        if (epochs < 0) {
            throw new IllegalArgumentException("the KL warm-up must last 0 (none) or more epochs, got " + epochs);
        }
        return klSchedule(epochs == 0 ? KlSchedule.none() : KlSchedule.linear(epochs));
    }

    /** The KL warm-up factor over the run, e.g. {@link KlSchedule#cyclical(int, int, double)}; default none. */
    public Training klSchedule(KlSchedule schedule) {
        this.aids = aids.withKlSchedule(schedule);
        return this;
    }

    /**
     * Free bits (Kingma et al. 2016): the training objective counts the KL as
     * {@code Σ_j max(λ, KL_j)}, {@code KL_j} latent dimension j's KL averaged over the batch, with
     * λ = {@code nats} (0: none, the default). Needs an objective that applies it and a prior whose
     * KL splits by dimension; test and validation losses are unchanged.
     */
    public Training freeBits(double nats) {
        this.aids = aids.withFreeBits(nats);
        return this;
    }

    /** The learning rate epoch by epoch, as factors on Adam's rate; default constant. */
    public Training lrSchedule(LearningRateSchedule schedule) {
        this.aids = aids.withLrSchedule(schedule);
        return this;
    }

    /**
     * Holds {@code n} training examples out as a validation set (0: none, the default), chosen by
     * the seed: its loss is reported each epoch and chooses the epochs of {@link EarlyStopping}
     * and {@link Checkpoints#keepBest()} instead of the test loss.
     */
    public Training validation(int n) {
        this.aids = aids.withValidation(n);
        this.validationFraction = Double.NaN;
        return this;
    }

    /** As {@link #validation(int)}, holding out this fraction (in (0, 1)) of the training examples, rounded. */
    public Training validationFraction(double fraction) {
        ValidationSplit.count(fraction, 1); // checks the range
        this.validationFraction = fraction;
        return this;
    }

    /**
     * Semi-supervised training (Kingma et al. 2014, M2) of a model built with
     * {@link Vae.Builder#classifier(int)}: {@code count} training examples keep their labels, the
     * same number of each class, chosen with {@code seed}; the others train with their label
     * marginalised over q(y|x). The classifier's mean cross-entropy weighs
     * {@code alpha · N / (N − count)} in each step ({@link #classifierAlpha}, see
     * {@link vae.core.train.Supervision}); the test loss is the unlabelled bound,
     * reported with the classifier's test error.
     */
    public Training labelled(int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("the labelled examples must be at least 1, got " + count);
        }
        this.aids = aids.withSupervision(new Supervision(count, seed, aids.supervision().active()
                ? aids.supervision().alpha() : Supervision.DEFAULT_ALPHA));
        return this;
    }

    /** α of semi-supervised training, the classifier's weight before scaling by N / unlabelled; default 0.1. */
    public Training classifierAlpha(double alpha) {
        Supervision s = aids.supervision();
        if (!s.active()) {
            throw new IllegalStateException("alpha weighs the classifier of semi-supervised training: call labelled first");
        }
        this.aids = aids.withSupervision(new Supervision(s.labelled(), s.seed(), alpha));
        return this;
    }

    /** The training aids in force (the checkpoint's, for a resumed run, until changed). */
    public TrainingAids aids() {
        return aids;
    }

    /** The backend by name ({@code simd}, {@code scalar}); default the fastest available. */
    public Training backend(String name) {
        this.backend = name;
        return this;
    }

    /** Threads of the kernels; default all cores. The result does not depend on it. */
    public Training threads(int n) {
        this.threads = n;
        return this;
    }

    /** Adds a listener; listeners are told in the order they were added. */
    public Training listener(TrainingListener listener) {
        listeners.add(listener);
        return this;
    }

    /** The batch size in force (the checkpoint's, for a resumed run, until changed). */
    public int batchSize() {
        return batchSize;
    }

    /** Adam's settings in force. */
    public AdamConfig adam() {
        return adam;
    }

    /** The binarisation in force. */
    public Binarization binarization() {
        return binarization;
    }

    /**
     * Trains on the data set a specification names: {@code mnist}, {@code fashion-mnist} or a
     * directory (recorded as an absolute path, so a run resumes from anywhere).
     */
    public TrainingRun fit(String datasetSpec) {
        return fit(Datasets.load(datasetSpec), Datasets.canonical(datasetSpec));
    }

    /**
     * Trains on a table's rows; checkpoints record the table's source and transform, so every
     * command on the model reads the same rows the same way.
     *
     * @throws IllegalArgumentException if the model was built for another table
     */
    public TrainingRun fit(TableData data) {
        if (vae.table().isEmpty() || vae.table().get() != data.transform()) {
            throw new IllegalArgumentException("the model was not built for this table; build it with "
                    + "Vae.builder().build(data) from the same TableData");
        }
        return fit(data.data(), data.source().spec());
    }

    /**
     * Trains on {@code data}; checkpoints record its name ({@code mnist}, or the directory's name)
     * as the data set, which {@link Datasets#load} reloads for built-in sets only. Use
     * {@link #fit(DataSplit, String)} to record where other data lives.
     */
    public TrainingRun fit(DataSplit data) {
        String name = data.train().name();
        return fit(data, name.endsWith("/train") ? name.substring(0, name.length() - "/train".length()) : name);
    }

    /**
     * Trains on {@code data}, recording {@code datasetSpec} in checkpoints as where it came from
     * (what {@link Datasets#load} reloads to resume or evaluate the run).
     */
    public TrainingRun fit(DataSplit data, String datasetSpec) {
        if (!data.train().shape().equals(vae.dataShape())) {
            throw new IllegalArgumentException("the data set has examples of " + data.train().shape()
                    + " but the model was built for " + vae.dataShape());
        }
        Dataset train = trainLimit > 0 ? data.train().limit(trainLimit) : data.train();
        Dataset test = testLimit > 0 ? data.test().limit(testLimit) : data.test();
        if (onlyLabel != null) {
            train = train.withLabel(labelCode(train, onlyLabel, datasetSpec));
        }
        checkAids();
        if (vae.table().isPresent() && binarization == Binarization.DYNAMIC) {
            throw new IllegalArgumentException("dynamic binarisation draws pixels in [0, 1] as 0 or 1, and a table's "
                    + "values are standardised numbers and categories; train a table without binarisation");
        }
        if (!vae.model().likelihood().acceptsMissingValues() && (train.hasMissingValues() || test.hasMissingValues())) {
            throw new IllegalArgumentException("the data have missing values (NaN) and likelihood '"
                    + vae.model().likelihood().name() + "' cannot leave them out; use likelihood 'mixed'");
        }
        CounterRng rng = new CounterRng(vae.seed());
        TrainingAids runAids = Double.isNaN(validationFraction) ? aids
                : aids.withValidation(ValidationSplit.count(validationFraction, train.size()));
        Dataset validation = null;
        if (runAids.validationExamples() > 0) {
            ValidationSplit split = ValidationSplit.of(train, runAids.validationExamples(), rng);
            train = split.train();
            validation = split.validation();
        }
        if (binarization == Binarization.DYNAMIC) {
            test = DynamicBinarizer.binarizeOnce(test, rng);
            if (validation != null) {
                validation = DynamicBinarizer.binarizeOnce(validation, rng, RandomPurpose.BINARIZE.stream(-2));
            }
        }
        Supervision supervision = runAids.supervision();
        LabelledSubset subset = null;
        if (supervision.active()) {
            subset = LabelledSubset.of(train, supervision.labelled(), supervision.seed(), vae.conditionClasses());
        }
        Backend be = Backends.select(backend, threads);
        Adam optimizer = new Adam(vae.model().parameters(), adam);
        Trainer trainer = new Trainer(be, vae.model(), optimizer, rng,
                new TrainingConfig(epochs, batchSize, binarization, runAids));
        if (subset != null) {
            trainer.superviseWith(subset.labelled(), supervision.classifierWeight(train.size()));
            train = subset.unlabelled();
        }
        ModelSize.checkStep(trainer.measureStepMemory(train), Math.min(batchSize, train.size()));
        int firstEpoch = 1;
        if (resumed != null) {
            int done = resumed.metadata().epoch();
            if (epochs <= done) {
                throw new IllegalArgumentException("epochs " + epochs + " is the target epoch and the checkpoint has "
                        + "done " + done + " already; ask for more epochs to continue");
            }
            resumed.restoreOptimizer(vae.model().parameters(), optimizer);
            trainer.resumeFrom(resumed.metadata().globalStep());
            firstEpoch = done + 1;
        }
        RunSettings settings = new RunSettings(vae.seed(), datasetSpec, trainLimit, testLimit, binarization, batchSize,
                adam, onlyLabel, runAids);
        TrainingRun run = new TrainingRun(vae, be, optimizer, trainer, settings, train, validation, test, epochs,
                firstEpoch, resumed == null ? null : resumed.file());
        List<TrainingListener> started = new ArrayList<>();
        Throwable failure = null;
        try {
            for (TrainingListener l : listeners) {
                l.started(run);
                started.add(l);
            }
            for (int epoch = firstEpoch; epoch <= epochs && !run.stopped(); epoch++) {
                int e = epoch;
                EpochReport report = trainer.runEpoch(epoch, train, validation, test,
                        (done, total) -> listeners.forEach(l -> l.stepped(e, done, total)));
                run.add(report);
                for (TrainingListener l : listeners) {
                    l.epochEnded(run, report);
                }
            }
        } catch (IOException e) {
            failure = new UncheckedIOException(e);
            throw (UncheckedIOException) failure;
        } catch (RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            finish(run, started, failure);
        }
        return run;
    }

    /** Refuses an aid the model's objective or prior would silently ignore. */
    private void checkAids() {
        if (aids.supervision().active() != vae.model().hasClassifier()) {
            throw new IllegalArgumentException(aids.supervision().active()
                    ? "semi-supervised training needs a model with a classifier q(y|x); build it with a classifier"
                    : "a model with a classifier q(y|x) trains semi-supervised: say how many examples keep their labels");
        }
        if (aids.supervision().active() && aids.weighsKl()) {
            throw new IllegalArgumentException("semi-supervised training marginalises each example's loss over the "
                    + "classes and does not apply KL warm-up or free bits; train without them");
        }
        String objective = vae.spec().objective().name();
        String why = "it has no KL term it could scale: iwae's importance weights hold log p(z) - log q(z|x) inside "
                + "the log-sum-exp, ae has no KL, and beta-vae with capacity=true schedules its KL itself";
        if (!(aids.klSchedule() instanceof KlSchedule.None) && !vae.model().supportsKlWarmup()) {
            throw new IllegalArgumentException("objective '" + objective + "' does not apply KL warm-up (" + why
                    + "); train it without warm-up, or choose vae, beta-vae or info-vae");
        }
        if (aids.freeBits() > 0 && !vae.model().supportsFreeBits()) {
            if (vae.model().posteriorFlow() != null) {
                throw new IllegalArgumentException("free bits need a KL that splits into one term per latent "
                        + "dimension, and a flowed posterior's does not; train without free bits");
            }
            if (vae.model().prior() != null && !vae.model().prior().klSplitsByDimension()) {
                throw new IllegalArgumentException("free bits need a KL that splits into one term per latent "
                        + "dimension, and prior '" + vae.spec().prior().name() + "' has none; train without free bits");
            }
            throw new IllegalArgumentException("objective '" + objective + "' does not apply free bits (" + why
                    + "); train it without free bits, or choose vae, beta-vae or info-vae");
        }
    }

    /** Tells the started listeners, in reverse order, that the run ended; their failures join the run's. */
    private static void finish(TrainingRun run, List<TrainingListener> started, Throwable failure) {
        RuntimeException first = null;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).finished(run);
            } catch (IOException | RuntimeException e) {
                RuntimeException r = e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
                if (failure != null) {
                    failure.addSuppressed(r);
                } else if (first == null) {
                    first = r;
                } else {
                    first.addSuppressed(r);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }

    /** The code of a label as the data name it: a table's label value, a folder's class, or the number itself. */
    private int labelCode(Dataset train, String label, String datasetSpec) {
        if (!train.hasLabels()) {
            throw new IllegalArgumentException("training on label " + label + " alone needs labelled data, and "
                    + train.name() + " has no labels");
        }
        if (vae.table().isPresent()) {
            int code = vae.table().get().labelValues().indexOf(label);
            if (code < 0) {
                throw new IllegalArgumentException("label " + label + " is not a value of the label column; its values: "
                        + String.join(", ", vae.table().get().labelValues()));
            }
            return code;
        }
        if (ImageFolderSource.isSpec(datasetSpec)) {
            Path folder = ImageFolderSource.parse(datasetSpec).directory();
            List<String> classes = ImageFolderReader.classNames(folder);
            int code = classes.indexOf(label);
            if (code < 0) {
                throw new IllegalArgumentException("label " + label + " is not a class of " + folder + "; its classes: "
                        + String.join(", ", classes));
            }
            return code;
        }
        try {
            return Integer.parseInt(label);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the labels of " + train.name() + " are numbers, not '" + label + "'");
        }
    }
}
