package vae.core.train;

import java.util.Locale;
import vae.core.data.Dataset;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.optim.Adam;
import vae.core.random.CounterRng;
import vae.core.random.RandomPurpose;
import vae.core.backend.Backend;
import vae.core.spi.KlWeighting;
import vae.core.spi.LossTerms;
import vae.core.spi.Model;
import vae.core.tensor.Tensor;

/**
 * Trains a model with Adam, one epoch at a time, and evaluates it on a test set.
 *
 * <p>Everything random comes from the run's {@link CounterRng}: the example order from the
 * epoch's shuffle stream, ε from the step's noise stream, test noise from the epoch's
 * evaluation stream. The run is therefore a function of the seed, whatever the thread count,
 * and evaluating does not disturb training. The training aids of its {@link TrainingConfig} are
 * functions of the epoch (learning rate) and of the global step (KL warm-up), so a resumed run
 * continues them exactly.
 */
public final class Trainer {
    private final Backend backend;
    private final Model model;
    private final Adam optimizer;
    private final CounterRng rng;
    private final TrainingConfig config;
    private final Graph trainGraph;
    private final Graph evalGraph;
    private long globalStep;
    private Dataset labelled;
    private double classifierWeight;
    private int labelledPass = -1;
    private int[] labelledOrder;

    public Trainer(Backend backend, Model model, Adam optimizer, CounterRng rng, TrainingConfig config) {
        this.backend = backend;
        this.model = model;
        this.optimizer = optimizer;
        this.rng = rng;
        this.config = config;
        this.trainGraph = Graph.training(backend);
        this.evalGraph = Graph.inference(backend);
        optimizer.zeroGrad(); // after this, each Adam step leaves the gradients zeroed
    }

    /**
     * Makes the run semi-supervised (Kingma et al.'s M2, {@link SemiSupervisedLoss}): each step
     * also takes a batch of {@code labelled} examples, cycling through them in shuffles of their
     * own, while an epoch is a pass over the unlabelled training set the epochs are given; test
     * and validation losses are then the unlabelled bound, with the classifier's error.
     *
     * @param classifierWeight the weight of the classifier's mean cross-entropy in each step
     */
    public void superviseWith(Dataset labelled, double classifierWeight) {
        if (!model.hasClassifier()) {
            throw new IllegalArgumentException("semi-supervised training needs a model with a classifier q(y|x)");
        }
        if (!labelled.hasLabels() || labelled.size() == 0) {
            throw new IllegalArgumentException("semi-supervised training needs labelled examples");
        }
        this.labelled = labelled;
        this.classifierWeight = classifierWeight;
    }

    /** Optimiser steps taken so far. */
    public long globalStep() {
        return globalStep;
    }

    /**
     * Continues a run from a checkpoint taken after {@code steps} optimiser steps. With the
     * weights and Adam's state restored, the next epoch then draws the same shuffle and noise
     * streams as in a run that never stopped.
     */
    public void resumeFrom(long steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("a step count cannot be negative, got " + steps);
        }
        this.globalStep = steps;
    }

    /** Trains one epoch (1-based number), then evaluates on {@code test}. */
    public EpochReport runEpoch(int epoch, Dataset train, Dataset test, ProgressListener progress) {
        return runEpoch(epoch, train, null, test, progress);
    }

    /**
     * Trains one epoch (1-based number), then evaluates on {@code validation} (unless null) and
     * {@code test}, each with noise streams of its own.
     */
    public EpochReport runEpoch(int epoch, Dataset train, Dataset validation, Dataset test, ProgressListener progress) {
        long start = System.nanoTime();
        LossSummary trainLoss = trainEpoch(epoch, train, progress);
        double seconds = (System.nanoTime() - start) / 1e9;
        long testStart = System.nanoTime();
        LossSummary validationLoss = validation == null ? null
                : evaluate(validation, epoch, RandomPurpose.VALIDATION_NOISE);
        LossSummary testLoss = evaluate(test, epoch);
        double testSeconds = (System.nanoTime() - testStart) / 1e9;
        return new EpochReport(epoch, trainLoss, validationLoss, testLoss, seconds, train.size() / seconds,
                testSeconds, optimizer.learningRate());
    }

    /** Optimiser steps in an epoch over {@code examples} training examples. */
    public long stepsPerEpoch(int examples) {
        return Math.ceilDiv(examples, config.batchSize());
    }

    /** How step number {@code step} (counted from 0) of a run over {@code examples} examples counts the KL. */
    KlWeighting klWeighting(long step, int examples) {
        TrainingAids aids = config.aids();
        if (!aids.weighsKl()) {
            return KlWeighting.NONE;
        }
        return new KlWeighting(aids.klSchedule().factor(step, stepsPerEpoch(examples)), aids.freeBits());
    }

    /**
     * Measures the heap a training step takes, from steps on the first one and two examples of
     * {@code train} in a graph of their own; the gradients they leave are cleared, and their noise
     * comes from a stream training never draws (step -1), so the run is unchanged.
     */
    public StepMemory measureStepMemory(Dataset train) {
        long one = dryStepBytes(train, 1);
        if (train.size() < 2) {
            return new StepMemory(0, one);
        }
        long two = dryStepBytes(train, 2);
        return new StepMemory(Math.max(0, 2 * one - two), two - one);
    }

    long dryStepBytes(Dataset train, int count) {
        Graph g = Graph.training(backend);
        Tensor x = g.allocate(batchShape(train, count));
        train.copyRange(0, count, x.data());
        StreamNoise noise = new StreamNoise(rng, RandomPurpose.TRAIN_NOISE.stream(-1), globalStep, true,
                klWeighting(globalStep, train.size()));
        if (labelled != null) {
            Tensor xl = g.allocate(batchShape(labelled, Math.min(count, labelled.size())));
            labelled.copyRange(0, xl.rows(), xl.data());
            g.backward(SemiSupervisedLoss.step(g, model, g.constant(xl), labelled.labelRange(0, xl.rows()),
                    g.constant(x), noise, classifierWeight).objective());
        } else {
            Model m = model.forBatch(g, () -> train.labelRange(0, count));
            g.backward(m.loss(g, g.constant(x), noise).objective());
        }
        optimizer.zeroGrad();
        return g.pooledBytes();
    }

    /**
     * One pass over {@code train} in the epoch's shuffled order, at the epoch's learning rate and
     * each step's KL weighting; returns the mean training losses.
     */
    public LossSummary trainEpoch(int epoch, Dataset train, ProgressListener progress) {
        optimizer.setLearningRate(optimizer.config().lr() * config.aids().lrSchedule().factor(epoch));
        int n = train.size();
        int dim = train.dimension();
        int[] order = ExampleOrder.shuffled(n, rng, RandomPurpose.SHUFFLE.stream(epoch));
        float[] targets = null;
        LossAccumulator accumulator = new LossAccumulator();
        int batches = Math.ceilDiv(n, config.batchSize()); // no overflow near Integer.MAX_VALUE
        for (int b = 0; b < batches; b++) {
            int from = b * config.batchSize();
            int count = Math.min(config.batchSize(), n - from);
            trainGraph.reset();
            Tensor x = trainGraph.allocate(batchShape(train, count));
            train.copyExamples(order, from, count, x.data());
            if (config.binarization() == Binarization.DYNAMIC) {
                DynamicBinarizer.sample(x.data(), order, from, count, dim, rng, RandomPurpose.BINARIZE.stream(epoch));
            }
            StreamNoise noise = new StreamNoise(rng, RandomPurpose.TRAIN_NOISE.stream(globalStep), globalStep, true,
                    klWeighting(globalStep, n));
            LossTerms loss;
            if (labelled != null) {
                loss = semiSupervisedStep(x, noise);
            } else {
                Model batchModel = model.forBatch(trainGraph, () -> train.labelsOf(order, from, count));
                loss = batchModel.loss(trainGraph, trainGraph.constant(x), noise);
            }
            checkFinite(loss.objective(), epoch, b);
            trainGraph.backward(loss.objective());
            optimizer.step(backend);
            globalStep++;
            accumulator.add(backend, loss, count);
            if (progress != null) {
                progress.step(b + 1, batches);
            }
        }
        trainGraph.reset();
        return accumulator.summary();
    }

    /**
     * The model's losses on {@code data} with one sample of z per example, no gradients and no
     * training aid (the objective itself); the noise is the epoch's evaluation stream, so the same
     * epoch always sees the same noise.
     */
    public LossSummary evaluate(Dataset data, int epoch) {
        return evaluate(data, epoch, RandomPurpose.EVAL_NOISE);
    }

    private LossSummary evaluate(Dataset data, int epoch, RandomPurpose noisePurpose) {
        LossAccumulator accumulator = new LossAccumulator();
        int n = data.size();
        int batches = Math.ceilDiv(n, config.batchSize()); // no overflow near Integer.MAX_VALUE
        for (int b = 0; b < batches; b++) {
            int from = b * config.batchSize();
            int count = Math.min(config.batchSize(), n - from);
            evalGraph.reset();
            Tensor x = evalGraph.allocate(batchShape(data, count));
            data.copyRange(from, count, x.data());
            StreamNoise noise = new StreamNoise(rng, noisePurpose.stream(((long) epoch << 32) | b), globalStep, false,
                    KlWeighting.NONE);
            LossTerms loss;
            if (labelled != null) {
                loss = SemiSupervisedLoss.evaluate(evalGraph, model, evalGraph.constant(x),
                        data.hasLabels() ? data.labelRange(from, count) : null, noise);
            } else {
                Model batchModel = model.forBatch(evalGraph, () -> data.labelRange(from, count));
                loss = batchModel.loss(evalGraph, evalGraph.constant(x), noise);
            }
            accumulator.add(backend, loss, count);
        }
        evalGraph.reset();
        return accumulator.summary();
    }

    /**
     * The step's labelled batch beside the unlabelled {@code xu}: the next examples of the cycle
     * through the labelled set, position {@code globalStep · batch}, each pass a shuffle of its own
     * (stream {@link RandomPurpose#LABELLED_SHUFFLE}), so a resumed run takes the same ones.
     */
    private LossTerms semiSupervisedStep(Tensor xu, StreamNoise noise) {
        int size = labelled.size();
        int count = Math.min(config.batchSize(), size);
        int[] indices = new int[count];
        long first = globalStep * count;
        for (int i = 0; i < count; i++) {
            long position = first + i;
            int pass = Math.toIntExact(position / size);
            if (pass != labelledPass) {
                labelledOrder = ExampleOrder.shuffled(size, rng, RandomPurpose.LABELLED_SHUFFLE.stream(pass));
                labelledPass = pass;
            }
            indices[i] = labelledOrder[(int) (position % size)];
        }
        Tensor xl = trainGraph.allocate(batchShape(labelled, count));
        labelled.copyExamples(indices, 0, count, xl.data());
        if (config.binarization() == Binarization.DYNAMIC) { // a stream per step: the examples recur every pass
            DynamicBinarizer.sample(xl.data(), indices, 0, count, labelled.dimension(), rng,
                    RandomPurpose.BINARIZE.stream((1L << 40) + globalStep));
        }
        return SemiSupervisedLoss.step(trainGraph, model, trainGraph.constant(xl), labelled.labelsOf(indices, 0, count),
                trainGraph.constant(xu), noise, classifierWeight);
    }

    /** The shape of a batch: {@code [count, channels, height, width]}. */
    static int[] batchShape(Dataset data, int count) {
        return new int[] {count, data.shape().channels(), data.shape().height(), data.shape().width()};
    }

    private void checkFinite(Var objective, int epoch, int batch) {
        float value = objective.item();
        if (!Float.isFinite(value)) {
            throw new TrainingDivergedException(String.format(Locale.ROOT,
                    "the loss became %s at epoch %d, batch %d: training diverged; lower the learning rate (now %g) or check the data",
                    value, epoch, batch + 1, optimizer.learningRate()));
        }
    }

    /** Told after every training step, e.g. to draw a progress bar. */
    @FunctionalInterface
    public interface ProgressListener {
        void step(int done, int total);
    }
}
