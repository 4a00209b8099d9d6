package vae.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vae.core.checkpoint.CheckpointMetadata;
import vae.core.data.DataSplit;
import vae.core.data.Dataset;
import vae.core.data.DatasetCatalog;
import vae.core.loss.Likelihood;
import vae.core.optim.Adam;
import vae.core.optim.AdamConfig;
import vae.core.random.CounterRng;
import vae.core.backend.Backend;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.Variant;
import vae.core.spi.VariantConfig;
import vae.core.spi.VariantProvider;
import vae.core.train.Binarization;
import vae.core.train.DynamicBinarizer;
import vae.core.train.EpochReport;
import vae.core.train.Trainer;
import vae.core.train.TrainingConfig;

/** {@code vae train}: trains a variant, printing per-epoch losses and writing pictures. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a VAE variant on a data set. Each epoch prints the training loss, the test loss "
                + "(the variant's objective as the run's header names it: -ELBO with one sample of z for vae, the "
                + "k-sample bound for iwae; in nats per example, over the whole test set) with its terms and their "
                + "weights, seconds and images/s, and writes reconstruction_<epoch>.png, for variants that can "
                + "sample from a prior sample_<epoch>.png, and the checkpoint model.safetensors (with "
                + "model.optimizer.safetensors) to --out."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--variant", paramLabel = "NAME", defaultValue = "vae", description = "Variant to train (see 'vae variants'); default: ${DEFAULT-VALUE}.")
    String variant;

    @Option(names = "--dataset", paramLabel = "SPEC", defaultValue = DatasetCatalog.DEFAULT,
            description = "mnist (built in), fashion-mnist (Debian package dataset-fashion-mnist) or a directory "
                    + "holding the four IDX files; default: ${DEFAULT-VALUE}.")
    String dataset;

    @Option(names = "--epochs", paramLabel = "N", defaultValue = "10", description = "Passes over the training set; default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "128", description = "Examples per step; default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--lr", paramLabel = "X", defaultValue = "1e-3", description = "Adam learning rate; default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--adam-eps", paramLabel = "X", defaultValue = "1e-8", description = "Adam's eps (torch.optim.Adam's default: ${DEFAULT-VALUE}).")
    double adamEps;

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

    @Option(names = "--binarize", paramLabel = "MODE", defaultValue = "none",
            description = "none: grey values are the Bernoulli targets (as pytorch/examples); dynamic: resample "
                    + "x ~ Bernoulli(pixel) every epoch, the test set once. Default: ${DEFAULT-VALUE}.")
    String binarize;

    @Option(names = "--likelihood", paramLabel = "NAME", defaultValue = "bernoulli",
            description = "p(x|z): bernoulli (logits, for [0,1] data), gaussian (learned variance) or "
                    + "gaussian-unit-variance; default: ${DEFAULT-VALUE}.")
    String likelihood;

    @Option(names = {"-P", "--param"}, paramLabel = "KEY=VALUE", description = "Variant hyperparameter, e.g. -P latent=32 (repeatable).")
    Map<String, String> params = new LinkedHashMap<>();

    @Option(names = "--config", paramLabel = "FILE.json",
            description = "Hyperparameters as a JSON object, e.g. {\"beta\": 4}; -P values override it.")
    Path config;

    @Option(names = "--out", paramLabel = "DIR", description = "Directory for the pictures and the checkpoint; default: runs/<variant> "
            + "(with --resume: the checkpoint's directory).")
    Path out;

    @Option(names = "--metrics", paramLabel = "FILE", description = "Append one JSON object per epoch to this file (JSON Lines).")
    Path metrics;

    @Option(names = "--resume", paramLabel = "FILE",
            description = "Continue the run saved in FILE (a model.safetensors, with model.optimizer.safetensors beside it) "
                    + "up to --epochs, exactly as if it had never stopped. Its settings are reused; only --epochs, --out "
                    + "(default: FILE's directory), --metrics, --threads, --backend and --keep-best may change.")
    Path resume;

    @Option(names = "--overwrite", description = "Replace a checkpoint already in --out by this new run (without it, that is refused).")
    boolean overwrite;

    @Option(names = "--keep-best", description = "Also keep model.best.safetensors, the weights of the lowest test loss so far.")
    boolean keepBest;

    @Override
    public Integer call() throws IOException {
        PrintWriter console = spec.commandLine().getOut();
        ResumeOptions resumeOptions = null;
        if (resume != null) {
            if (config != null) {
                throw new UserError("--config cannot be combined with --resume: a resumed run keeps the hyperparameters "
                        + "stored in its checkpoint; drop --config");
            }
            resumeOptions = ResumeOptions.read(resume, spec.commandLine().getParseResult());
            resumeOptions.applyTo(this);
        }
        validateOptions();
        VariantProvider provider = VariantRegistry.load().get(variant);
        if (resumeOptions != null) {
            params = resumeOptions.hyperparameters(provider, params);
        }
        HyperparameterValues hyper = parseHyperparameters(provider);
        Backend be = BackendRegistry.load().select(backend, threads == null ? Runtime.getRuntime().availableProcessors() : threads);
        Binarization binarization = parseBinarization();
        AdamConfig adamConfig = adamConfig();
        Likelihood lik = parseLikelihood();

        DataSplit data = DatasetCatalog.load(dataset);
        Dataset train = trainLimit > 0 ? data.train().limit(trainLimit) : data.train();
        Dataset test = testLimit > 0 ? data.test().limit(testLimit) : data.test();
        CounterRng rng = new CounterRng(seed);
        if (binarization == Binarization.DYNAMIC) {
            test = DynamicBinarizer.binarizeOnce(test, rng);
        }

        Variant model = provider.create(new VariantConfig(train.shape(), lik, hyper, rng));
        Adam adam = new Adam(model.parameters(), adamConfig);
        Trainer trainer = new Trainer(be, model, adam, rng, new TrainingConfig(epochs, batchSize, binarization));
        int firstEpoch = resumeOptions == null ? 1 : resumeOptions.restore(model, adam, trainer);
        Path outDir = out != null ? out : resumeOptions != null ? resumeOptions.directory() : Path.of("runs", variant);
        checkOutputs(outDir);
        RunCheckpoints checkpoints = new RunCheckpoints(outDir, keepBest, resumeOptions != null, new CheckpointMetadata(provider.name(),
                hyperparameterText(hyper), train.shape(), lik.name(), 0, 0, seed, datasetSpec(dataset), trainLimit,
                testLimit, binarization, batchSize, adamConfig, Double.NaN), model.parameters(), adam);
        EpochPictures pictures = new EpochPictures(be, model, rng);
        MetricsLog metricsLog = metrics == null ? null : new MetricsLog(metrics);

        long parameterCount = model.parameters().stream().mapToLong(p -> p.size()).sum();
        console.printf(Locale.ROOT, "variant %s (%s), %,d parameters, likelihood %s%n", provider.name(), hyper,
                parameterCount, lik.name());
        console.printf(Locale.ROOT, "data %s: %,d train, %,d test, %s, binarize %s%n", dataset, train.size(), test.size(),
                train.shape(), binarize);
        console.printf(Locale.ROOT, "backend %s; Adam lr %g, batch %d, seed %d; output %s%n", be.description(), lr,
                batchSize, seed, outDir);
        console.println("losses: nats per example; test = " + model.objectiveDescription() + ", over the whole test set");
        console.println("checkpoint " + checkpoints.modelFile() + (resumeOptions == null ? "" : ", " + resumeOptions.describe()));
        if (!model.canSampleFromPrior()) {
            console.printf("variant %s cannot sample from a prior: it writes reconstruction_<epoch>.png only, "
                    + "no sample_<epoch>.png%n", provider.name());
        }
        console.flush();
        for (int epoch = firstEpoch; epoch <= epochs; epoch++) {
            ProgressBar bar = ProgressBar.on(console, String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs));
            EpochReport r = trainer.runEpoch(epoch, train, test, bar);
            bar.finish();
            // Saved before anything else of the epoch is written, so the files on disk are always a finished epoch.
            boolean best = checkpoints.save(r, trainer.globalStep());
            console.println(EpochLine.format(r, epochs) + (best ? "  (best)" : ""));
            console.flush();
            pictures.writeReconstruction(test, outDir.resolve("reconstruction_" + epoch + ".png"));
            if (model.canSampleFromPrior()) {
                pictures.writeSamples(train.shape(), outDir.resolve("sample_" + epoch + ".png"));
            }
            if (metricsLog != null) {
                metricsLog.append(r);
            }
        }
        return 0;
    }

    /** The data set as stored in checkpoints: a directory becomes absolute, so a run resumes from anywhere. */
    static String datasetSpec(String spec) {
        if (spec.equals(DatasetCatalog.MNIST) || spec.equals(DatasetCatalog.FASHION_MNIST)) {
            return spec;
        }
        return Path.of(spec).toAbsolutePath().normalize().toString();
    }

    private static Map<String, String> hyperparameterText(HyperparameterValues hyper) {
        Map<String, String> text = new LinkedHashMap<>();
        hyper.asMap().forEach((k, v) -> text.put(k, String.valueOf(v)));
        return text;
    }

    /**
     * Before any training: the output directory can be written, the metrics file's too, and a new
     * run does not silently replace another run's checkpoint.
     */
    private void checkOutputs(Path outDir) {
        Path existing = outDir.resolve(RunCheckpoints.MODEL_FILE);
        boolean resumingIt;
        try {
            resumingIt = resume != null && Files.exists(existing) && Files.isSameFile(existing, resume);
        } catch (IOException e) {
            resumingIt = false;
        }
        if (Files.exists(existing) && !resumingIt && !overwrite) {
            throw new UserError(outDir + " already holds a checkpoint (" + RunCheckpoints.MODEL_FILE + "): continue it with "
                    + "--resume " + existing + ", choose another --out, or replace it with --overwrite");
        }
        requireWritableDirectory(outDir, "--out");
        if (metrics != null) {
            requireWritableDirectory(metrics.toAbsolutePath().getParent(), "--metrics");
        }
    }

    private static void requireWritableDirectory(Path dir, String option) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new UserError(option + ": cannot create directory " + dir + " (" + e.getMessage() + "); choose another");
        }
        if (!Files.isWritable(dir)) {
            throw new UserError(option + ": directory " + dir + " is not writable; choose another");
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
    }

    private AdamConfig adamConfig() {
        AdamConfig d = AdamConfig.defaults();
        try {
            return new AdamConfig(lr, d.beta1(), d.beta2(), adamEps, weightDecay);
        } catch (IllegalArgumentException e) {
            throw new UserError("--adam-eps and --weight-decay must be non-negative: " + e.getMessage());
        }
    }

    private HyperparameterValues parseHyperparameters(VariantProvider provider) {
        HyperparameterFile.Merged given = config == null
                ? new HyperparameterFile.Merged(params, Map.of())
                : HyperparameterFile.merge(config, HyperparameterFile.read(config), params);
        try {
            HyperparameterValues values = HyperparameterValues.parse(provider.name(), provider.hyperparameters(),
                    given.values(), given.sources());
            provider.validate(values);
            return values;
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }

    private Binarization parseBinarization() {
        return switch (binarize) {
            case "none" -> Binarization.NONE;
            case "dynamic" -> Binarization.DYNAMIC;
            default -> throw new UserError("--binarize must be none or dynamic, got '" + binarize + "'");
        };
    }

    private Likelihood parseLikelihood() {
        try {
            return Likelihood.named(likelihood);
        } catch (IllegalArgumentException e) {
            throw new UserError("--likelihood: " + e.getMessage());
        }
    }
}
