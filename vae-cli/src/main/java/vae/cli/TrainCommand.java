package vae.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.IntFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vae.core.spi.ModelSpec;
import vae.api.Checkpoints;
import vae.api.Datasets;
import vae.api.EarlyStopping;
import vae.api.Metrics;
import vae.api.ModelTooLargeException;
import vae.api.OutputConflictException;
import vae.api.History;
import vae.api.Pictures;
import vae.api.RunInProgressException;
import vae.api.TableData;
import vae.api.TableSource;
import vae.api.Training;
import vae.api.TrainingRun;
import vae.api.Vae;
import vae.core.data.DataSplit;
import vae.core.data.DatasetCatalog;
import vae.core.data.ExampleShape;
import vae.core.data.ImageFolderData;
import vae.core.data.ImageFolderOptions;
import vae.core.data.ImageFolderReader;
import vae.core.data.ImageFolderSource;
import vae.core.optim.AdamConfig;
import vae.core.train.Binarization;
import vae.core.train.TrainingDivergedException;
import vae.report.RunPlots;

/** {@code vae train}: trains a model, printing per-epoch losses and writing pictures and checkpoints. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a VAE on a data set (MNIST, IDX files, a folder of images or a CSV table): an objective or "
                + "preset (--variant) with an architecture (--arch), "
                + "a prior (--prior) and a likelihood (--likelihood), optionally with training aids (--warmup, "
                + "--kl-schedule, --free-bits, --validation, --lr-schedule). Each epoch prints the training loss (with "
                + "--warmup or --free-bits also without them: 'unannealed'), the validation loss (with --validation), "
                + "the test loss (the objective as the run's header names it: -ELBO with one sample of z for vae, the "
                + "k-sample bound for iwae; in nats per example, over the whole test set) with its terms and their "
                + "weights, seconds and images (or rows)/s, and writes, for images, reconstruction_<epoch>.png and, for "
                + "models that can sample from a prior, sample_<epoch>.png, and the checkpoint model.safetensors (with "
                + "model.optimizer.safetensors) to --out."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--variant", paramLabel = "NAME", defaultValue = "vae",
            description = "Objective or preset to train (see 'vae variants'); default: ${DEFAULT-VALUE}.")
    String variant;

    @Option(names = "--arch", paramLabel = "NAME",
            description = "Encoder and decoder networks (see 'vae archs'); default: the preset's, else mlp.")
    String arch;

    @Option(names = "--prior", paramLabel = "NAME",
            description = "p(z) (see 'vae priors'); default: standard-normal, none for an objective without one (ae).")
    String prior;

    @Option(names = "--posterior", paramLabel = "NAME",
            description = "A flow on q(z|x) (see 'vae posteriors'), e.g. planar with -P flows=10; default: none, the "
                    + "encoder's diagonal Gaussian.")
    String posterior;

    @Option(names = "--conditional",
            description = "A conditional VAE (Sohn et al. 2015): encoder and decoder also take each example's label "
                    + "(one-hot), so 'vae sample --label N' draws a chosen class; needs labelled data (MNIST, an "
                    + "image folder with one subfolder per class). Works with every objective, mlp and conv.")
    boolean conditional;

    @Option(names = "--classifier-hidden", paramLabel = "N", defaultValue = "500",
            description = "With --labels: hidden ReLU units of the classifier q(y|x) (Kingma et al. used 500); "
                    + "default: ${DEFAULT-VALUE}.")
    int classifierHidden;

    @Option(names = "--likelihood", paramLabel = "NAME",
            description = "p(x|z) (see 'vae likelihoods'): bernoulli (logits, for [0,1] data), gaussian (learned "
                    + "variance), gaussian-unit-variance, or mixed (one distribution per table column, missing values "
                    + "left out); default: bernoulli for images, mixed for tables.")
    String likelihood;

    @Option(names = {"-P", "--param"}, paramLabel = "KEY=VALUE",
            description = "Hyperparameter of any part of the model, e.g. -P latent=32 -P beta=4 (repeatable); a key "
                    + "two parts share is written with its axis: -P arch.kernel=5.")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--config", paramLabel = "FILE.json",
            description = "Hyperparameters as a JSON object, e.g. {\"beta\": 4}; -P values override it.")
    Path config;

    @Option(names = {"--dataset", "--train"}, paramLabel = "SPEC", defaultValue = DatasetCatalog.DEFAULT,
            description = "mnist (built in), fashion-mnist (Debian package dataset-fashion-mnist), a directory "
                    + "holding the four IDX files, or a CSV table (.csv, .tsv, optionally .gz; see the table options); "
                    + "default: ${DEFAULT-VALUE}.")
    String dataset;

    @Mixin
    TableOptionsMixin table;

    @Option(names = "--image-size", paramLabel = "HxW",
            description = "For a folder of images: resize every image to HEIGHTxWIDTH pixels, e.g. 64x64; default: the "
                    + "first image's size.")
    String imageSize;

    @Option(names = "--channels", paramLabel = "N",
            description = "For a folder of images: 1 (greyscale) or 3 (colour, the default).")
    Integer channels;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Passes over the training set; default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "128", description = "Examples per step; default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "1e-3", description = "Adam learning rate; default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--adam-eps", paramLabel = "X", defaultValue = "1e-8", description = "Adam's eps (torch.optim.Adam's default: ${DEFAULT-VALUE}).")
    double adamEps;

    @Option(names = "--adam-betas", paramLabel = "B1,B2", defaultValue = "0.9,0.999", description = "Adam's decays of the first and second moments (torch.optim.Adam's default: ${DEFAULT-VALUE}; the IWAE paper's code: 0.99,0.999).")
    String adamBetas;

    @Option(names = "--adam-initial-v", paramLabel = "X", defaultValue = "0", description = "Where Adam's second moments start (torch.optim.Adam: ${DEFAULT-VALUE}). The IWAE paper's code starts them at 1 on the sum over its batch of 20, which makes its first thousands of steps small: 1/20² = 0.0025 on vae4j's batch mean.")
    double adamInitialV;

    @Option(names = "--weight-decay", paramLabel = "X", defaultValue = "0", description = "Adam's L2 weight decay; default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Seed of every random number of the run; default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--threads", paramLabel = "N", description = "Threads for the kernels; default: all cores (${sys:vae.cores}).")
    Integer threads;

    @Option(names = "--backend", paramLabel = "NAME", description = "Kernels to use (see 'vae backends'); default: the fastest available.")
    String backend;

    @Option(names = "--train-limit", paramLabel = "N", defaultValue = "0", description = "Use only the first N training examples (0: all).")
    int trainLimit;

    @Option(names = "--test-limit", paramLabel = "N", defaultValue = "0", description = "Use only the first N test examples (0: all).")
    int testLimit;

    @Option(names = "--only-label", paramLabel = "VALUE",
            description = "Train on the training examples of this label only (a digit, or a value of a table's label "
                    + "column): one-class training for anomaly detection; the test set keeps every label.")
    String onlyLabel;

    @Option(names = "--binarize", paramLabel = "MODE", defaultValue = "none",
            description = "none: grey values are the Bernoulli targets (as pytorch/examples); dynamic: resample "
                    + "x ~ Bernoulli(pixel) every epoch, the test set once. Default: ${DEFAULT-VALUE}.")
    String binarize;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for the pictures and the checkpoint; default: runs/<variant> "
            + "(with --resume: the checkpoint's directory).")
    Path out;

    @Option(names = "--metrics", paramLabel = "FILE", description = "Append one JSON object per epoch to this file (JSON Lines).")
    Path metrics;

    @Option(names = "--pictures-every", paramLabel = "N", defaultValue = "1",
            description = "Write the epoch pictures (reconstruction_<epoch>.png, sample_<epoch>.png) after every N-th epoch, "
                    + "the last epoch and the epoch an early stop ends at; default: ${DEFAULT-VALUE}.")
    int picturesEvery;

    @Mixin
    TrainingAidsOptions aids;

    @Option(names = {"--early-stop", "--patience"}, paramLabel = "N",
            description = "Stop when the validation loss (with --validation; else the test loss) has not improved for "
                    + "N epochs (the checkpoints keep the last epoch; add --keep-best for the best).")
    Integer earlyStop;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run saved in FILE (a model.safetensors, with model.optimizer.safetensors beside it) "
                    + "up to --epochs, exactly as if it had never stopped. Its settings (training aids included) are reused; "
                    + "only --epochs, --out (default: FILE's directory), --metrics, --pictures-every, --threads, --backend, "
                    + "--keep-best and --early-stop may change.")
    Path resume;

    @Option(names = "--overwrite", description = "Replace a checkpoint already in --out by this new run (without it, that is refused).")
    boolean overwrite;

    @Option(names = "--keep-best", description = "Also keep model.best.safetensors, the weights of the lowest validation "
            + "loss (with --validation; else test loss) so far.")
    boolean keepBest;

    @Override
    public Integer call() {
        validateOptions();
        ResumeOptions resumed = null;
        if (resume != null) {
            if (config != null) {
                throw new UserError("--config cannot be combined with --resume: a resumed run keeps the hyperparameters "
                        + "stored in its checkpoint; drop --config");
            }
            resumed = ResumeOptions.read(resume, spec.commandLine().getParseResult());
            resumed.requireAgreement(this);
        } else {
            aids.validateCombination();
        }
        Binarization binarization = parseBinarization();
        AdamConfig adamConfig = adamConfig();
        boolean isTable = resumed != null ? TableSource.isSpec(resumed.dataset()) : TableSource.isTableFile(dataset);
        boolean isImages = !isTable && (resumed != null ? ImageFolderSource.isSpec(resumed.dataset())
                : isImageFolder(dataset) || (imageSize != null || channels != null) && !Datasets.isBuiltIn(dataset)
                && !Files.isDirectory(Path.of(dataset)));
        if (!isTable && (isImages ? table.tableOnlyGiven() : table.given())) {
            throw new UserError("--label-column, --test and the other table options apply to CSV tables, and --dataset "
                    + dataset + " is not one; pass a .csv, .csv.gz or .tsv file");
        }
        if (!isImages && (imageSize != null || channels != null)) {
            throw new UserError("--image-size and --channels apply to folders of images, and --dataset " + dataset
                    + " is not one; pass a directory of PNG or JPEG files (one subfolder per class)");
        }
        TableSource tableSource = !isTable ? null
                : resumed != null ? TableSource.parse(resumed.dataset()) : table.source(Path.of(dataset), seed);
        String datasetSpec = isTable ? tableSource.spec()
                : Datasets.canonical(resumed != null ? resumed.dataset() : dataset);
        Path outDir = out != null ? out : resumed != null ? resumed.directory() : Path.of("runs", variant);
        checkOutputs(outDir, datasetSpec);
        TableData tableData;
        DataSplit data;
        Vae vae;
        List<String> classNames = List.of();
        if (isTable) {
            Vae continued = resumed != null ? Vae.resume(resume) : null;
            TableData rows = continued != null ? Datasets.table(tableSource, continued.table().orElseThrow())
                    : Datasets.table(tableSource);
            tableData = rows;
            data = rows.data();
            vae = continued != null ? continued : buildModel(b -> b.build(rows));
        } else if (isImages && resumed == null) {
            tableData = null;
            ImageFolderData folder = Datasets.imageFolder(Path.of(dataset), imageOptions());
            classNames = folder.classNames();
            datasetSpec = folder.source().spec(); // with the size read from the first image, when not given
            data = folder.data();
            vae = buildImageModel(data);
        } else {
            tableData = null;
            data = resumed != null
                    ? Datasets.load(datasetSpec, resumed.trainLimit(), resumed.testLimit())
                    : Datasets.load(datasetSpec, trainLimit, testLimit);
            vae = resumed != null ? Vae.resume(resume) : buildModel(b -> b.build(data));
            if (ImageFolderSource.isSpec(datasetSpec)) { // a resumed run on a folder of images
                classNames = ImageFolderReader.classNames(ImageFolderSource.parse(datasetSpec).directory());
            }
        }
        Training training = vae.trainer().epochs(epochs).backend(backend)
                .threads(ThreadOption.resolve(threads));
        if (resumed == null) {
            training.batchSize(batchSize).adam(adamConfig).binarization(binarization).trainLimit(trainLimit)
                    .testLimit(testLimit).onlyLabel(onlyLabel);
            aids.applyTo(training, epochs);
        }
        Checkpoints checkpoints = Checkpoints.into(outDir);
        if (keepBest) {
            checkpoints.keepBest();
        }
        if (overwrite) {
            checkpoints.overwrite();
        }
        // Checkpoints first: the epoch's files are on disk before anything else of the epoch is written.
        training.listener(checkpoints).listener(new EpochConsole(spec.commandLine().getOut(), checkpoints, this, resumed));
        if (!isTable) {
            training.listener(Pictures.into(outDir).every(picturesEvery));
        }
        PrintWriter err = spec.commandLine().getErr();
        training.listener(History.into(outDir)).listener(RunPlots.into(outDir).labelNames(labelNames(vae, classNames))
                .onDrawingFailure(message -> err.println("vae: warning: " + message)));
        if (metrics != null) {
            training.listener(Metrics.jsonLines(metrics));
        }
        if (earlyStop != null) {
            training.listener(EarlyStopping.patience(earlyStop));
        }
        try {
            TrainingRun run = tableData != null ? training.fit(tableData) : training.fit(data, datasetSpec);
            if (run.stopReason() != null) {
                spec.commandLine().getOut().println(run.stopReason());
            }
        } catch (UncheckedIOException e) {
            if (e.getCause() instanceof FileSystemException fs) {
                String reason = fs.getReason() != null ? fs.getReason() : fs.getClass().getSimpleName();
                throw new UserError("cannot write " + fs.getFile() + " (" + reason + "); the checkpoint of the last "
                        + "finished epoch, if any, is kept in " + outDir + ": make room and continue it with --resume "
                        + outDir.resolve(Checkpoints.MODEL_FILE) + ", or choose another --out");
            }
            throw e;
        } catch (TrainingDivergedException e) {
            throw new UserError(e.getMessage().replace("the learning rate", "the learning rate (--lr)"));
        } catch (RunInProgressException e) {
            throw new UserError("--out " + e.directory() + " is in use by another training run (" + e.holder()
                    + "); wait for it to end or choose another --out");
        } catch (OutputConflictException e) {
            throw new UserError(outDir + " already holds a checkpoint (" + Checkpoints.MODEL_FILE + "): continue it with "
                    + "--resume " + e.existing() + ", choose another --out, or replace it with --overwrite");
        }
        return 0;
    }

    /** Names for the latent map's legend: a table's label values, a folder's class names, else the numbers. */
    private static IntFunction<String> labelNames(Vae vae, List<String> classNames) {
        if (vae.table().isPresent()) {
            return vae.table().get()::labelName;
        }
        return code -> code >= 0 && code < classNames.size() ? classNames.get(code) : String.valueOf(code);
    }

    private static boolean isImageFolder(String dataset) {
        Path dir = Path.of(dataset);
        return DatasetCatalog.isImageFolder(dir);
    }

    /** How to read a folder of images, from the options. */
    private ImageFolderOptions imageOptions() {
        ImageFolderOptions o = ImageFolderOptions.defaults().withTestFraction(table.testFraction)
                .withSplitSeed(table.splitSeed != null ? table.splitSeed : seed).withLimits(trainLimit, testLimit);
        if (channels != null) {
            if (channels != 1 && channels != 3) {
                throw new UserError("--channels must be 1 (greyscale) or 3 (colour), got " + channels);
            }
            o = o.withChannels(channels);
        }
        if (imageSize != null) {
            String[] hw = imageSize.toLowerCase(java.util.Locale.ROOT).split("x");
            try {
                if (hw.length != 2) {
                    throw new NumberFormatException();
                }
                o = o.withSize(Integer.parseInt(hw[0].strip()), Integer.parseInt(hw[1].strip()));
            } catch (IllegalArgumentException e) { // also a size out of range
                throw new UserError("--image-size must be HEIGHTxWIDTH in pixels, e.g. 64x64, got '" + imageSize + "'"
                        + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")"));
            }
        }
        if (table.testFraction <= 0 || table.testFraction >= 1) {
            throw new UserError("--test-fraction must be between 0 and 1 (exclusive), got " + table.testFraction);
        }
        return o;
    }

    private Vae buildModel(java.util.function.Function<Vae.Builder, Vae> build) {
        Vae.Builder b = Vae.builder().variant(variant).arch(arch).prior(prior).likelihood(likelihood)
                .posterior(posterior).seed(seed);
        if (conditional) {
            b.conditional();
        }
        if (aids.semiSupervised()) {
            b.classifier(classifierHidden);
        }
        if (config != null) {
            b.setAll(HyperparameterFile.read(config), "--config " + config);
        }
        return build.apply(b.setAll(params, null));
    }

    /**
     * The model for a folder of images. Its input is as large as the images, whose size is by default the first
     * image's: a model too large for the heap is refused with that size and --image-size as the fix.
     */
    private Vae buildImageModel(DataSplit data) {
        try {
            return buildModel(b -> b.build(data));
        } catch (ModelTooLargeException e) {
            ExampleShape shape = data.train().shape();
            throw new UserError(String.format(Locale.ROOT, "%s: its input is %s = %,d values per image (%s); pass a "
                    + "smaller --image-size, e.g. 64x64, choose smaller hyperparameters or give the JVM more heap "
                    + "(-Xmx, e.g. VAE_JAVA_OPTS=-Xmx8g)", e.problem(), shape, shape.size(), imageSize != null
                    ? "--image-size " + imageSize : "the size of the first image, as no --image-size was given"));
        }
    }

    /** The header lines before the first epoch. */
    void printHeader(PrintWriter console, TrainingRun run, Path checkpoint, ResumeOptions resumed) {
        Vae vae = run.vae();
        console.printf(Locale.ROOT, "variant %s: %s, %,d parameters%n", vae.spec().variant(), vae.spec(),
                vae.parameterCount());
        if (vae.table().isPresent()) {
            TableSource source = TableSource.parse(run.settings().dataset());
            console.printf(Locale.ROOT, "data %s: %,d train, %,d test rows (%s), %d columns as %d values%s%n",
                    source.file(), run.trainSet().size(), run.testSet().size(), source.testFile() != null
                            ? "test rows from " + source.testFile()
                            : String.format(Locale.ROOT, "test fraction %s, split seed %d", source.testFraction(),
                            source.splitSeed()), vae.table().get().layout().size(), vae.dataShape().size(),
                    source.options().labelColumn() == null ? "" : ", label " + source.options().labelColumn());
        } else if (ImageFolderSource.isSpec(run.settings().dataset())) {
            ImageFolderSource source = ImageFolderSource.parse(run.settings().dataset());
            console.printf(Locale.ROOT, "data %s (images as %s, test fraction %s, split seed %d): %,d train, %,d test%n",
                    source.directory(), vae.dataShape(), source.options().testFraction(), source.options().splitSeed(),
                    run.trainSet().size(), run.testSet().size());
        } else {
            console.printf(Locale.ROOT, "data %s: %,d train, %,d test, %s, binarize %s%n", run.settings().dataset(),
                    run.trainSet().size(), run.testSet().size(), vae.dataShape(),
                    run.settings().binarization().name().toLowerCase(Locale.ROOT));
        }
        console.printf(Locale.ROOT, "backend %s; Adam lr %g, batch %d, seed %d; output %s%n", run.backendDescription(),
                run.settings().adam().lr(), run.settings().batchSize(), vae.seed(), checkpoint.getParent());
        var runAids = run.settings().aids();
        String test = runAids.supervision().active()
                ? "U(x), the -ELBO of x with y marginalised over q(y|x) and p(y) uniform (Kingma et al. M2), each y's "
                + "loss " + vae.objectiveDescription() + "; error = q(y|x)'s misclassified share"
                : vae.objectiveDescription();
        console.println("losses: nats per example; test = " + test + ", over the whole test set"
                + (run.validationSet() == null ? "" : "; val = the same on the validation set")
                + (runAids.weighsKl() ? "; train = the objective as trained, with the KL weighted as below (unannealed: "
                + "without it, as val and test count it)" : ""));
        String aidLine = TrainingAidsOptions.describe(runAids, run.trainSet().size());
        if (aidLine != null) {
            console.println("training aids: " + aidLine);
        }
        console.println("checkpoint " + checkpoint + (resumed == null ? "" : ", " + resumed.describe()));
        if (!vae.canSample() && vae.table().isEmpty()) {
            console.printf("variant %s cannot sample from a prior: it writes reconstruction_<epoch>.png only, "
                    + "no sample_<epoch>.png%n", vae.spec().variant());
        }
        console.flush();
    }

    /** Before any data is read: the output directory can be written and the metrics file is no input. */
    private void checkOutputs(Path outDir, String datasetSpec) {
        requireWritableDirectory(outDir, "--out");
        if (metrics == null) {
            return;
        }
        List<Path> inputs = new ArrayList<>(OutputGuard.checkpointPair(outDir.resolve(Checkpoints.MODEL_FILE)));
        inputs.add(outDir.resolve(Checkpoints.BEST_FILE));
        if (resume != null) {
            inputs.addAll(OutputGuard.checkpointPair(resume));
        }
        if (config != null) {
            inputs.add(config);
        }
        inputs.addAll(OutputGuard.datasetFiles(datasetSpec));
        inputs.addAll(table.inputs());
        OutputGuard.check("--metrics", metrics, inputs, "a .jsonl file");
        requireWritableDirectory(metrics.toAbsolutePath().getParent(), "--metrics");
    }

    /**
     * The directory exists and can be written, or its nearest existing ancestor is a directory that
     * can: it is made only when the run writes its first file, so a command refused later (an
     * unknown name, a bad value, unreadable data) leaves no empty directory behind.
     */
    private static void requireWritableDirectory(Path dir, String option) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            existing = dir.toAbsolutePath().getRoot();
        }
        if (!Files.isDirectory(existing)) {
            throw new UserError(option + ": cannot create directory " + dir + " (" + existing + " is not a directory); "
                    + "choose another");
        }
        if (!Files.isWritable(existing)) {
            throw new UserError(option + ": directory " + existing + " is not writable; choose another");
        }
    }

    private void validateOptions() {
        if (epochs < 1) {
            throw new UserError("--epochs must be at least 1, got " + epochs);
        }
        if (batchSize < 1) {
            throw new UserError("--batch-size must be at least 1, got " + batchSize);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new UserError("--lr must be a positive number, got " + lr);
        }
        if (trainLimit < 0 || testLimit < 0) {
            throw new UserError("--train-limit and --test-limit must be 0 (all) or positive");
        }
        ThreadOption.resolve(threads);
        if (picturesEvery < 1) {
            throw new UserError("--pictures-every must be at least 1 epoch, got " + picturesEvery);
        }
        if (earlyStop != null && earlyStop < 1) {
            throw new UserError("--early-stop must be at least 1 epoch, got " + earlyStop);
        }
        aids.validate();
        if (spec.commandLine().getParseResult().hasMatchedOption("--classifier-hidden") && !aids.semiSupervised()) {
            throw new UserError("--classifier-hidden applies to semi-supervised training; add --labels N or drop it");
        }
        if (classifierHidden < 1 || classifierHidden > ModelSpec.MAX_CLASSIFIER_HIDDEN) {
            throw new UserError("--classifier-hidden must be in 1.." + ModelSpec.MAX_CLASSIFIER_HIDDEN + ", got "
                    + classifierHidden);
        }
    }

    private AdamConfig adamConfig() {
        double[] betas = adamBetas();
        try {
            return new AdamConfig(lr, betas[0], betas[1], adamEps, weightDecay, adamInitialV);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage().replace("Adam's eps", "--adam-eps").replace("Adam's weight decay",
                    "--weight-decay").replace("Adam's initial second moment", "--adam-initial-v"));
        }
    }

    /** {@code --adam-betas} as two numbers in [0, 1). */
    double[] adamBetas() {
        String[] parts = adamBetas.split(",", -1);
        String problem = "--adam-betas takes two decays in [0, 1) separated by a comma, e.g. 0.9,0.999; got '"
                + adamBetas + "'";
        if (parts.length != 2) {
            throw new UserError(problem);
        }
        double[] betas = new double[2];
        for (int i = 0; i < 2; i++) {
            try {
                betas[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new UserError(problem);
            }
            if (!(betas[i] >= 0 && betas[i] < 1)) {
                throw new UserError(problem);
            }
        }
        return betas;
    }

    private Binarization parseBinarization() {
        return switch (binarize) {
            case "none" -> Binarization.NONE;
            case "dynamic" -> Binarization.DYNAMIC;
            default -> throw new UserError("--binarize must be none or dynamic, got '" + binarize + "'");
        };
    }
}
