package vae.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import vae.core.backend.Backend;
import vae.core.backend.Backends;
import vae.core.checkpoint.Checkpoint;
import vae.core.checkpoint.CheckpointMetadata;
import vae.core.data.DataSplit;
import vae.core.data.Dataset;
import vae.core.data.DatasetCatalog;
import vae.core.data.ExampleShape;
import vae.core.data.ImageFolderSource;
import vae.core.eval.EvaluationSummary;
import vae.core.eval.ExampleScorer;
import vae.core.eval.MissingValueImputer;
import vae.core.eval.ParallelScorer;
import vae.core.eval.ScoredBatch;
import vae.core.loss.MixedLikelihood;
import vae.core.random.CounterRng;
import vae.core.random.RandomPurpose;
import vae.core.spi.ModelSpec;
import vae.core.table.TableTransform;
import vae.core.train.Binarization;
import vae.core.train.DynamicBinarizer;

/**
 * A trained model, used on plain arrays: encode, decode, reconstruct, sample, score and
 * evaluate. Load one with {@link #load(Path)}, or take the one a run trained from
 * {@link TrainingRun#model()}.
 *
 * <pre>{@code
 * try (TrainedVae m = TrainedVae.load(Path.of("runs/b4/model.safetensors"))) {
 *     Encoded q = m.encode(images);
 *     float[][] x = m.decode(q.mean());
 *     double[] nll = m.score(images, 100).negLogPx();
 *     float[][] s = m.sample(64);
 * }
 * }</pre>
 */
public final class TrainedVae implements AutoCloseable {
    private static final int BATCH = 500;

    private final Vae vae;
    private final Backend backend;
    private final CheckpointMetadata metadata;
    private final Path file;
    private final String source;
    private final Inference inference;

    TrainedVae(Vae vae, Backend backend, CheckpointMetadata metadata) {
        this(vae, backend, metadata, null, null);
    }

    private TrainedVae(Vae vae, Backend backend, CheckpointMetadata metadata, Path file, String source) {
        this.vae = vae;
        this.backend = backend;
        this.metadata = metadata;
        this.file = file;
        this.source = source;
        this.inference = new Inference(backend, vae.model());
    }

    /** The model in a checkpoint, on the fastest backend with all cores. */
    public static TrainedVae load(Path modelFile) {
        return load(modelFile, null, Runtime.getRuntime().availableProcessors());
    }

    /**
     * The model in a checkpoint (a {@code model.safetensors} or {@code model.best.safetensors},
     * format version 1 or 2), its components found on the module path.
     *
     * @param backend the backend by name, or null for the fastest available
     * @throws vae.core.checkpoint.CheckpointException if the file is missing, damaged, not a vae4j
     *                                                 checkpoint, or names a component not on the module path
     */
    public static TrainedVae load(Path modelFile, String backend, int threads) {
        return of(Checkpoint.read(modelFile), backend, threads);
    }

    /**
     * The model in the bytes of a checkpoint (a {@code model.safetensors} fetched from a distributed
     * file system, a URL or a broadcast), validated as {@link #load(Path, String, int)} validates a
     * file. Its {@link #file()} is null.
     *
     * @param source  what the bytes are, for messages (e.g. the URI they came from)
     * @param backend the backend by name, or null for the fastest available
     * @throws vae.core.checkpoint.CheckpointException if the bytes are damaged, not a vae4j
     *                                                 checkpoint, or name a component that is not installed
     */
    public static TrainedVae load(byte[] bytes, String source, String backend, int threads) {
        return of(Checkpoint.read(bytes, source), backend, threads);
    }

    /**
     * The model in a checkpoint read to its end from {@code in} (which is not closed), as
     * {@link #load(byte[], String, String, int)}.
     *
     * @throws java.io.UncheckedIOException if the stream cannot be read
     */
    public static TrainedVae load(InputStream in, String source, String backend, int threads) {
        try {
            return load(in.readAllBytes(), source, backend, threads);
        } catch (IOException e) {
            throw new UncheckedIOException(source + ": cannot be read: " + e.getMessage(), e);
        }
    }

    private static TrainedVae of(Checkpoint c, String backend, int threads) {
        Backend be = Backends.select(backend, threads);
        Vae vae = Vae.of(c, ModelSize.INFERENCE_BUFFERS);
        c.restoreWeights(vae.model().parameters());
        return new TrainedVae(vae, be, c.metadata(), c.file(), c.source());
    }

    /** What the checkpoint records: composition, data shape, how it trained, epoch and test loss. */
    public CheckpointMetadata metadata() {
        return metadata;
    }

    /** The checkpoint file it was loaded from, or null for a model still in memory or loaded from bytes. */
    public Path file() {
        return file;
    }

    /** The backend it computes on. */
    public String backendName() {
        return backend.name();
    }

    /** Its composition. */
    public ModelSpec spec() {
        return vae.spec();
    }

    /** The dimension of z. */
    public int latentDim() {
        return vae.latentDim();
    }

    /** The shape of one example. */
    public ExampleShape dataShape() {
        return vae.dataShape();
    }

    /** False for a model without a prior to sample (a plain autoencoder). */
    public boolean canSample() {
        return vae.canSample();
    }

    /** True when KL(q(z|x) ‖ p(z)) is computed in closed form, false when it is estimated from samples of q. */
    public boolean klInClosedForm() {
        return vae.model().klInClosedForm();
    }

    /**
     * True when the KL is a sum over latent dimensions (a factorised prior such as N(0, I)), so that
     * {@link vae.core.eval.EvaluationSummary#klOfDimension} means something; false for a mixture prior.
     */
    public boolean klSplitsByDimension() {
        return vae.model().prior() != null && vae.model().prior().klSplitsByDimension() && vae.model().posteriorFlow() == null;
    }

    /** One line: file, variant and axes, epoch, latent size, data. */
    public String describe() {
        String recorded = metadata.run().dataset();
        String data = ImageFolderSource.isSpec(recorded)
                ? "images " + ImageFolderSource.parse(recorded).directory() + " " + dataShape()
                : metadata.table() == null ? recorded + " " + dataShape()
                : "table " + TableSource.parse(metadata.run().dataset()).file() + " (" + metadata.table().layout().size()
                + " columns as " + dataShape().size() + " values)";
        return String.format(Locale.ROOT, "%s: variant %s (%s), epoch %d, latent %d, data %s",
                source == null ? "model" : source, spec().variant(), spec(), metadata.epoch(), encoderLatentDim(), data);
    }

    /**
     * The dimensions of z that the encoder gives and the decoder reads: {@link #latentDim()} less
     * the columns a hierarchical prior adds for its upper layer's noise, which follow them.
     */
    public int encoderLatentDim() {
        return vae.model().encoderLatentDim();
    }

    /**
     * For a conditional model (CVAE), the classes its labels take, {@code 0 .. conditionClasses()−1};
     * 0 for a model of x alone. A conditional model encodes, decodes, samples and scores given
     * labels: the methods taking them, or data sets that carry them.
     */
    public int conditionClasses() {
        return vae.model().conditionClasses();
    }

    /** True for a semi-supervised model (M2), whose classifier q(y|x) {@link #classProbabilities} reads. */
    public boolean hasClassifier() {
        return vae.model().hasClassifier();
    }

    /**
     * q(y|x) of a semi-supervised model for examples {@code from .. from+count−1} of {@code data}:
     * one row of {@link #conditionClasses()} probabilities per example.
     *
     * @throws IllegalStateException for a model without a classifier
     */
    public float[][] classProbabilities(Dataset data, int from, int count) {
        if (!hasClassifier()) {
            throw new IllegalStateException("this model has no classifier q(y|x): train one with labelled examples "
                    + "(semi-supervised, with labelled examples)");
        }
        requireShape(data);
        int classes = conditionClasses();
        float[][] out = new float[count][];
        for (int start = 0; start < count; start += BATCH) {
            int n = Math.min(BATCH, count - start);
            float[] p = inference.classProbabilities(data, from + start, n);
            for (int i = 0; i < n; i++) {
                out[start + i] = java.util.Arrays.copyOfRange(p, i * classes, (i + 1) * classes);
            }
        }
        return out;
    }

    /** q(z|x) of {@code rows} (one example per row, {@code dataShape().size()} values each). */
    public Encoded encode(float[][] rows) {
        return encode(rows, null);
    }

    /**
     * q(z|x, y) of {@code rows} with their labels, for a conditional model; {@code labels} null for
     * a model of x alone.
     *
     * @throws IllegalArgumentException when labels are missing for a conditional model, given to
     *                                  one that is not, or out of its classes
     */
    public Encoded encode(float[][] rows, int[] labels) {
        return encode(input(rows, labels), 0, rows.length);
    }

    /** {@code rows} as a data set, with {@code labels} checked against the model. */
    private Dataset input(float[][] rows, int[] labels) {
        checkLabels(labels, rows.length);
        Dataset d = Datasets.of("input", dataShape(), rows);
        return labels == null ? d : new Dataset("input", dataShape(), d.features(), labels);
    }

    private void checkLabels(int[] labels, int count) {
        int classes = conditionClasses();
        if (classes == 0 && labels != null) {
            throw new IllegalArgumentException("this model is not conditional: it takes no labels");
        }
        if (classes > 0 && labels == null) {
            throw new IllegalArgumentException("this is a conditional model: give each example's label (0.."
                    + (classes - 1) + ")");
        }
        if (labels != null && labels.length != count) {
            throw new IllegalArgumentException(labels.length + " labels for " + count + " examples");
        }
        if (labels != null) {
            for (int y : labels) {
                if (y < 0 || y >= classes) {
                    throw new IllegalArgumentException("label " + y + " is not one of the model's " + classes
                            + " classes (0.." + (classes - 1) + ")");
                }
            }
        }
    }

    /**
     * q(z|x) of examples {@code from .. from+count−1} of {@code data}; for a conditional model,
     * q(z|x, y) with the data's labels. Rows of {@link #encoderLatentDim()} values: a hierarchical
     * prior's noise columns, N(0, 1) for every example, are left out.
     */
    public Encoded encode(Dataset data, int from, int count) {
        requireShape(data);
        requireLabelsFor(data);
        int all = latentDim();
        int k = encoderLatentDim();
        float[][] mean = new float[count][k];
        float[][] logvar = new float[count][k];
        float[] mu = new float[BATCH * all];
        float[] lv = new float[BATCH * all];
        for (int start = 0; start < count; start += BATCH) {
            int n = Math.min(BATCH, count - start);
            inference.encode(data, from + start, n, mu, lv);
            for (int i = 0; i < n; i++) {
                System.arraycopy(mu, i * all, mean[start + i], 0, k);
                System.arraycopy(lv, i * all, logvar[start + i], 0, k);
            }
        }
        return new Encoded(mean, logvar);
    }

    /**
     * E[x|z] for each latent row {@code z[i]} ({@link #encoderLatentDim()} values, or {@link #latentDim()}
     * with a hierarchical prior's noise columns, which the decoder does not read): the images they decode to.
     */
    public float[][] decode(float[][] z) {
        return decode(z, null);
    }

    /**
     * E[x|z, y] of a conditional model for each latent row {@code z[i]} and its label {@code labels[i]};
     * {@code labels} null for a model of x alone.
     */
    public float[][] decode(float[][] z, int[] labels) {
        checkLabels(labels, z.length);
        int k = latentDim();
        int own = encoderLatentDim();
        float[] flat = new float[z.length * k];
        for (int i = 0; i < z.length; i++) {
            if (z[i].length != k && z[i].length != own) {
                throw new IllegalArgumentException("latent " + i + " has " + z[i].length + " values but the model's z has "
                        + own);
            }
            System.arraycopy(z[i], 0, flat, i * k, z[i].length); // the noise columns stay 0: never read
        }
        return rows(decodeFlat(flat, labels, z.length), z.length);
    }

    /** E[x|z = μ(x)] of each row: its reconstruction. */
    public float[][] reconstruct(float[][] rows) {
        return reconstruct(rows, null);
    }

    /** E[x|z = μ(x, y), y] of each row with its label, for a conditional model; labels null otherwise. */
    public float[][] reconstruct(float[][] rows, int[] labels) {
        return decode(encode(rows, labels).mean(), labels);
    }

    /** {@code n} images decoded from z ~ p(z), the latents drawn from the run's seed. */
    public float[][] sample(int n) {
        return sample(n, metadata.run().seed());
    }

    /** {@code n} images decoded from z ~ p(z), the latents drawn from {@code seed}. */
    public float[][] sample(int n, long seed) {
        return rows(sampleFlat(n, seed, null), n);
    }

    /**
     * {@code n} images of class {@code label} from a conditional model: z ~ p(z) drawn from
     * {@code seed}, decoded given the label (the same latents as {@link #sample(int, long)} draws).
     */
    public float[][] sample(int n, long seed, int label) {
        int[] labels = new int[n];
        java.util.Arrays.fill(labels, label);
        checkLabels(labels, n);
        return rows(sampleFlat(n, seed, labels), n);
    }

    /**
     * A conditional model's class-by-z grid: {@code perClass} latents z ~ p(z) drawn from
     * {@code seed}, each decoded given every class; row c holds class c, column j latent j, so a
     * column shows one latent (style) across the classes. {@code conditionClasses() × perClass}
     * images, row-major.
     *
     * @throws IllegalStateException for a model that is not conditional
     */
    public float[][] classGrid(int perClass, long seed) {
        return rows(classGridFlat(perClass, seed), conditionClasses() * perClass);
    }

    float[] classGridFlat(int perClass, long seed) {
        int classes = conditionClasses();
        if (classes == 0) {
            throw new IllegalStateException("a class-by-z grid needs a conditional model, one trained with labels as its condition");
        }
        requireSampling();
        int latent = latentDim();
        float[] z = new float[perClass * latent];
        vae.model().prior().sample(backend, new CounterRng(seed), RandomPurpose.SAMPLE.stream(0), z, perClass, latent);
        float[] all = new float[classes * perClass * latent];
        int[] labels = new int[classes * perClass];
        for (int c = 0; c < classes; c++) {
            System.arraycopy(z, 0, all, c * perClass * latent, perClass * latent);
            java.util.Arrays.fill(labels, c * perClass, (c + 1) * perClass, c);
        }
        return decodeFlat(all, labels, classes * perClass);
    }

    /** Per-example scores with {@code k} importance samples of z, drawn from the run's seed. */
    public Scores score(float[][] rows, int k) {
        return score(rows, null, k);
    }

    /**
     * Per-example scores of a conditional model given each row's label: −log p(x|y) and its terms;
     * {@code labels} null for a model of x alone.
     */
    public Scores score(float[][] rows, int[] labels, int k) {
        Dataset d = input(rows, labels);
        Scores out = new Scores(new double[rows.length], new double[rows.length], new double[rows.length],
                new double[rows.length], new double[rows.length], new double[rows.length]);
        scoreAll(parallelScorer(k, metadata.run().seed()), d, s -> {
            for (int i = 0; i < s.count(); i++) {
                int j = s.from() + i;
                out.negLogPx()[j] = s.negativeLogLikelihood(i);
                out.negElbo()[j] = s.negativeElbo(i);
                out.reconstruction()[j] = s.reconstruction(i);
                out.kl()[j] = s.kl(i);
                out.reconstructionAtMean()[j] = s.reconstructionAtMean(i);
                out.squaredError()[j] = s.squaredError(i);
            }
        });
        return out;
    }

    /**
     * Scores every example of {@code data} with {@code k} importance samples and sums them up. A
     * semi-supervised model (M2) also gives its marginal −log p(x) over the classes, at C times the
     * cost, and takes unlabelled data (the terms given y then use its classifier's class).
     */
    public EvaluationSummary evaluate(Dataset data, int k) {
        requireShape(data);
        if (!hasClassifier()) { // M2 scores unlabelled data: marginally, and given its classifier's label
            requireLabelsFor(data);
        }
        EvaluationSummary summary = new EvaluationSummary(encoderLatentDim()); // a hierarchical prior's noise columns are never active
        scoreAll(parallelScorer(k, metadata.run().seed()), data, summary::add);
        return summary;
    }

    /** Batches of 100 in memory: the sink throws no I/O error. */
    private static void scoreAll(ParallelScorer scorer, Dataset data, ParallelScorer.Sink sink) {
        try {
            scorer.scoreAll(data, 100, sink);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A scorer for streaming large data sets batch by batch ({@link #score} and {@link #evaluate}
     * use one): {@code k} importance samples per example, drawn from {@code seed}.
     */
    public ExampleScorer scorer(int k, long seed) {
        return new ExampleScorer(backend, vae.model(), new CounterRng(seed), k);
    }

    /**
     * Scorers for the backend's threads, scoring whole batches side by side ({@link #score} and
     * {@link #evaluate} use them): {@code k} importance samples per example, drawn from {@code
     * seed}; the same scores, bit for bit, as {@link #scorer}'s.
     */
    public ParallelScorer parallelScorer(int k, long seed) {
        if (backend.threads() == 1) {
            return new ParallelScorer(List.of(scorer(k, seed)));
        }
        List<ExampleScorer> scorers = new ArrayList<>();
        for (int t = 0; t < backend.threads(); t++) {
            Backend one = Backends.select(backend.name(), 1);
            scorers.add(new ExampleScorer(one, vae.model(), new CounterRng(seed), k));
        }
        return new ParallelScorer(scorers);
    }

    /**
     * The test split of {@code spec} (default: the data set it trained on), binarised as in
     * training so that the test loss can be reproduced.
     *
     * @throws IllegalArgumentException if its examples do not have the model's shape
     */
    public Dataset testSet(String spec) {
        return testSet(spec, 0);
    }

    /**
     * The first {@code limit} examples (0: all) of the test split of {@code spec}, binarised as in
     * training; only those are kept in memory.
     */
    public Dataset testSet(String spec, int limit) {
        if (metadata.table() != null && spec != null) {
            return tableRows(Path.of(spec), limit).examples(); // a file given for a table model is used whole
        }
        Dataset d = split(spec, 1, limit).test();
        requireShape(d);
        if (metadata.run().binarization() == Binarization.DYNAMIC) {
            d = DynamicBinarizer.binarizeOnce(d, new CounterRng(metadata.run().seed())); // what the run evaluated on
        }
        return d;
    }

    /** The training split of {@code spec} (default: the data set it trained on), unbinarised. */
    public Dataset trainSet(String spec) {
        return trainSet(spec, 0);
    }

    /** The first {@code limit} examples (0: all) of the training split of {@code spec}; only those are kept. */
    public Dataset trainSet(String spec, int limit) {
        if (metadata.table() != null && spec != null) {
            return tableRows(Path.of(spec), limit).examples();
        }
        Dataset d = split(spec, limit, 1).train();
        requireShape(d);
        return d;
    }

    // The other split is read through to check it but only its first example is kept.
    private DataSplit split(String spec, int trainLimit, int testLimit) {
        String recorded = metadata.run().dataset();
        if (metadata.table() == null) {
            if (spec != null && TableSource.isTableFile(spec)) {
                throw new IllegalArgumentException(spec + " is a table but the model was trained on images of "
                        + dataShape() + "; pass a data set of images");
            }
            if (spec != null && ImageFolderSource.isSpec(recorded) && DatasetCatalog.isImageFolder(Path.of(spec))) {
                // another folder of images, read as the model's was (channels, size)
                ImageFolderSource folder = ImageFolderSource.parse(recorded);
                return Datasets.load(new ImageFolderSource(Path.of(spec).toAbsolutePath().normalize(),
                        folder.options()).spec(), trainLimit, testLimit);
            }
            return Datasets.load(spec == null ? recorded : spec, trainLimit, testLimit);
        }
        if (spec != null) {
            throw new IllegalStateException("a table file is read by tableRows");
        }
        DataSplit d = Datasets.table(TableSource.parse(recorded), metadata.table()).data();
        return new DataSplit(trainLimit > 0 ? d.train().limit(trainLimit) : d.train(),
                testLimit > 0 ? d.test().limit(testLimit) : d.test());
    }

    /**
     * For a model of table rows, the transform between rows and its vectors; empty for images.
     */
    public Optional<TableTransform> table() {
        return Optional.ofNullable(metadata.table());
    }

    /**
     * The rows of a CSV file as this table model sees them: read as its training file was (the
     * same missing tokens, delimiter and column types), encoded with its transform, labelled by
     * its label column when the file has it; at most {@code limit} rows (0: all).
     *
     * @throws IllegalStateException if the model is not a table model
     * @throws vae.core.data.DataException with one line naming file, line and column of a problem
     */
    public TableRows tableRows(Path file, int limit) {
        return tableRows(file, limit, false);
    }

    /**
     * As {@link #tableRows(Path, int)}; with {@code unseenAsMissing}, a category never seen in
     * training counts as a missing value of its row instead of making the row bad.
     */
    public TableRows tableRows(Path file, int limit, boolean unseenAsMissing) {
        TableTransform transform = table().orElseThrow(() -> new IllegalStateException(
                "the model was trained on images, not on a table"));
        return Datasets.tableRows(file, transform, TableSource.parse(metadata.run().dataset()).options(), limit,
                unseenAsMissing);
    }

    /**
     * The examples of {@code data} with their missing values (NaN) filled by MIWAE's single
     * imputation with {@code k} importance samples (see {@link MissingValueImputer}), drawn from the
     * run's seed; observed values are copied.
     *
     * @return {@code data.size()} rows of the model's values
     * @throws IllegalArgumentException if the model cannot impute (no prior, or a likelihood that
     *                                  cannot leave values out)
     */
    public float[][] impute(Dataset data, int k) {
        requireShape(data);
        MissingValueImputer imputer = new MissingValueImputer(backend, vae.model(), new CounterRng(metadata.run().seed()), k);
        int d = data.dimension();
        float[] flat = new float[data.size() * d];
        float[] chunk = new float[100 * d];
        for (int from = 0; from < data.size(); from += 100) {
            int count = Math.min(100, data.size() - from);
            imputer.impute(data, from, count, chunk);
            System.arraycopy(chunk, 0, flat, from * d, count * d);
        }
        return rows(flat, data.size());
    }

    /**
     * {@code n} synthetic rows of a table model: z ~ p(z), then each column drawn from p(x|z) (a
     * number from its Gaussian, a category from its softmax), from {@code seed}; decode them with
     * {@link #table()}'s transform.
     *
     * @throws IllegalStateException if the model is not a table model or cannot sample
     */
    public float[][] sampleRows(int n, long seed) {
        if (!(vae.model().likelihood() instanceof MixedLikelihood mixed)) {
            throw new IllegalStateException("synthetic rows are drawn from a table model's per-column likelihood; "
                    + "this model's is '" + vae.model().likelihood().name() + "'");
        }
        requireSampling();
        int latent = latentDim();
        float[] z = new float[n * latent];
        vae.model().prior().sample(backend, new CounterRng(seed), RandomPurpose.SAMPLE.stream(0), z, n, latent);
        float[] params = inference.decodeOutputs(z, null, n);
        long[] streams = new long[n];
        for (int i = 0; i < n; i++) {
            streams[i] = RandomPurpose.DRAW.stream(i);
        }
        float[] out = new float[n * dataShape().size()];
        mixed.draw(params, n, new CounterRng(seed), streams, out);
        return rows(out, n);
    }

    private void requireShape(Dataset d) {
        if (!d.shape().equals(dataShape())) {
            throw new IllegalArgumentException("data set " + d.name() + " has examples of " + d.shape()
                    + " but the model was trained on " + dataShape() + "; pass a data set of that shape");
        }
    }

    /** A conditional model needs data with labels; says so in one line. */
    private void requireLabelsFor(Dataset d) {
        if (conditionClasses() > 0 && !d.hasLabels()) {
            throw new IllegalArgumentException("this is a conditional model and data set " + d.name() + " has no "
                    + "labels; pass labelled data (MNIST, an image folder with one subfolder per class)");
        }
    }

    float[] decodeFlat(float[] z, int[] labels, int count) {
        return inference.decodeMeans(z, labels, count);
    }

    float[] encodeMeansFlat(Dataset data, int from, int count) {
        requireLabelsFor(data);
        return inference.encodeMeans(data, from, count);
    }

    /** Labels of examples {@code from .. from+count−1} for a conditional model, else null. */
    int[] labelsFor(Dataset data, int from, int count) {
        requireLabelsFor(data);
        return conditionClasses() == 0 ? null : data.labelRange(from, count);
    }

    float[] sampleFlat(int n, long seed, int[] labels) {
        requireSampling();
        if (labels == null && conditionClasses() > 0) {
            throw new IllegalArgumentException("this is a conditional model: sample a class, or draw its "
                    + "class-by-z grid");
        }
        float[] z = new float[n * latentDim()];
        vae.model().prior().sample(backend, new CounterRng(seed), RandomPurpose.SAMPLE.stream(0), z, n, latentDim());
        return decodeFlat(z, labels, n);
    }

    private void requireSampling() {
        if (!canSample()) {
            throw new IllegalStateException("variant '" + spec().variant() + "' cannot sample: it has no prior over its "
                    + "latents (it is not a generative model)");
        }
    }

    private float[][] rows(float[] flat, int n) {
        int d = flat.length / Math.max(1, n);
        float[][] out = new float[n][];
        for (int i = 0; i < n; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
        }
        return out;
    }

    /** Releases nothing today (the backend's worker threads are daemons and shared); here for try-with-resources. */
    @Override
    public void close() {
    }
}
