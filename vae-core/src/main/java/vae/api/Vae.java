package vae.api;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import vae.api.HyperparameterRouting.Axis;
import vae.core.checkpoint.Checkpoint;
import vae.core.checkpoint.CheckpointException;
import vae.core.data.DataSplit;
import vae.core.data.ExampleShape;
import vae.core.loss.Likelihood;
import vae.core.nn.ClassifierMlp;
import vae.core.random.CounterRng;
import vae.core.spi.Architecture;
import vae.core.spi.ArchitectureConfig;
import vae.core.spi.ArchitectureProvider;
import vae.core.spi.Component;
import vae.core.spi.ComponentSpec;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.LikelihoodProvider;
import vae.core.spi.Model;
import vae.core.spi.ModelSpec;
import vae.core.spi.ObjectiveProvider;
import vae.core.spi.Preset;
import vae.core.spi.Prior;
import vae.core.spi.PosteriorConfig;
import vae.core.spi.PosteriorFlow;
import vae.core.spi.PosteriorProvider;
import vae.core.spi.PriorConfig;
import vae.core.spi.PriorProvider;
import vae.core.table.TableTransform;

/**
 * A model assembled from its axes, with freshly initialised (or restored) weights: the objective
 * (or preset) that {@link Builder#variant} names, an architecture, a prior and a likelihood.
 * Train it with {@link #trainer()}.
 *
 * <pre>{@code
 * Vae vae = Vae.builder().variant("beta-vae").set("beta", 4).arch("conv").seed(1).build(Datasets.mnist());
 * }</pre>
 */
public final class Vae {
    /** The architecture of an objective that names none. */
    public static final String DEFAULT_ARCHITECTURE = "mlp";
    /** The prior of an objective that has one, when none is named. */
    public static final String DEFAULT_PRIOR = "standard-normal";
    /** The likelihood of images when none is named. */
    public static final String DEFAULT_LIKELIHOOD = "bernoulli";
    /** The likelihood of tables when none is named: one distribution per column, missing values left out. */
    public static final String DEFAULT_TABLE_LIKELIHOOD = "mixed";

    private final ModelSpec spec;
    private final ExampleShape dataShape;
    private final long seed;
    private final Model model;
    private final Checkpoint resumed;
    private final TableTransform table;

    private Vae(ModelSpec spec, ExampleShape dataShape, long seed, Model model, Checkpoint resumed,
                TableTransform table) {
        this.spec = spec;
        this.dataShape = dataShape;
        this.seed = seed;
        this.model = model;
        this.resumed = resumed;
        this.table = table;
    }

    /**
     * The model a {@code model.safetensors} written by training holds, with its weights, ready to
     * continue: its {@link #trainer()} starts from the checkpoint's settings (batch size, Adam,
     * binarisation, limits) and, given the {@code model.optimizer.safetensors} beside it, its
     * optimiser state and step, so the continued run is the one that never stopped.
     *
     * @throws vae.core.checkpoint.CheckpointException if the file is missing, damaged or not a vae4j checkpoint
     */
    public static Vae resume(Path modelFile) {
        Checkpoint c = Checkpoint.read(modelFile);
        Vae fresh = of(c, ModelSize.TRAINING_BUFFERS);
        c.restoreWeights(fresh.model.parameters());
        return new Vae(fresh.spec, fresh.dataShape, fresh.seed, fresh.model, c, fresh.table);
    }

    /** A builder for the default model: objective {@code vae}, architecture {@code mlp}, Bernoulli p(x|z). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The model a recorded composition describes, with fresh weights; every hyperparameter must be
     * recorded (a missing one means damaged metadata, never silently a default).
     */
    public static Vae of(ModelSpec spec, ExampleShape dataShape, long seed) {
        return assembleRecorded(Registry.load(), spec, dataShape, seed, ModelSize.UNKNOWN, ModelSize.TRAINING_BUFFERS,
                null);
    }

    /**
     * The model a checkpoint records, with fresh weights, refused before anything is allocated when
     * its metadata describes more parameters than the file holds or than the heap can take with
     * {@code buffers} arrays per parameter; errors name the file.
     */
    static Vae of(Checkpoint c, int buffers) {
        var m = c.metadata();
        long held = c.tensors().values().stream().mapToLong(t -> t.data().length).sum();
        try {
            return assembleRecorded(Registry.load(), m.model(), m.dataShape(), m.run().seed(), held, buffers,
                    m.table());
        } catch (IllegalArgumentException e) {
            throw new CheckpointException(c.source() + ": " + e.getMessage());
        }
    }

    private static Vae assembleRecorded(Registry r, ModelSpec spec, ExampleShape dataShape, long seed, long held,
                                        int buffers, TableTransform table) {
        ObjectiveProvider objective = r.objective(spec.objective().name());
        if (objective.stochasticEncoder() != (spec.prior() != null)) {
            throw new IllegalArgumentException("the recorded objective '" + objective.name() + "' "
                    + (spec.prior() == null ? "needs a prior and the record names none"
                    : "has a deterministic encoder and so no prior, but the record names prior '" + spec.prior().name() + "'")
                    + ": the record is damaged");
        }
        ArchitectureProvider arch = r.architecture(spec.architecture().name());
        PriorProvider prior = spec.prior() == null ? null : r.prior(spec.prior().name());
        LikelihoodProvider likelihood = r.likelihood(spec.likelihood().name());
        PosteriorProvider posterior = spec.posterior() == null ? null : r.posterior(spec.posterior().name());
        return assemble(new Parts(spec.variant(), objective, complete(objective, "objective", spec.objective()),
                arch, complete(arch, "architecture", spec.architecture()),
                prior, prior == null ? null : complete(prior, "prior", spec.prior()),
                likelihood, complete(likelihood, "likelihood", spec.likelihood()),
                posterior, posterior == null ? null : complete(posterior, "posterior", spec.posterior()),
                spec.conditionClasses(), spec.classifierHidden()), dataShape, seed, held, buffers, table);
    }

    /** A model's components with their parsed hyperparameters, before anything is allocated. */
    private record Parts(String variant, ObjectiveProvider objective, HyperparameterValues objectiveValues,
                         ArchitectureProvider arch, HyperparameterValues archValues, PriorProvider prior,
                         HyperparameterValues priorValues, LikelihoodProvider likelihood,
                         HyperparameterValues likelihoodValues, PosteriorProvider posterior,
                         HyperparameterValues posteriorValues, int classes, int classifierHidden) {
        ModelSpec spec() {
            return new ModelSpec(variant, ComponentSpec.of(objective, objectiveValues), ComponentSpec.of(arch, archValues),
                    prior == null ? null : ComponentSpec.of(prior, priorValues),
                    ComponentSpec.of(likelihood, likelihoodValues),
                    posterior == null ? null : ComponentSpec.of(posterior, posteriorValues), classes, classifierHidden);
        }

        Parts withClasses(int labelClasses) {
            return new Parts(variant, objective, objectiveValues, arch, archValues, prior, priorValues, likelihood,
                    likelihoodValues, posterior, posteriorValues, labelClasses, classifierHidden);
        }

        /** Refuses a conditional model whose architecture or prior cannot take the label. */
        void checkCondition() {
            if (classes == 0) {
                return;
            }
            if (!arch.takesCondition()) {
                throw new IllegalArgumentException("architecture '" + arch.name() + "' cannot take a label: a "
                        + "conditional model needs one that does (mlp, conv)");
            }
            if (prior != null && prior.usesEncoder()) {
                throw new IllegalArgumentException("prior '" + prior.name() + "' runs the encoder on inputs without "
                        + "labels, so a conditional model cannot use it; choose another prior (standard-normal, mog, "
                        + "realnvp, hierarchical)");
            }
        }
    }

    private static HyperparameterValues complete(Component c, String axis, ComponentSpec recorded) {
        for (var h : c.hyperparameters()) {
            if (!recorded.hyperparameters().containsKey(h.name()) && !h.addedLater()) {
                throw new IllegalArgumentException("the recorded " + axis + " '" + c.name() + "' has no value for "
                        + "hyperparameter '" + h.name() + "': the record is incomplete or damaged");
            }
        }
        return c.parse(axis, recorded.hyperparameters(), Map.of());
    }

    private static Vae assemble(Parts parts, ExampleShape shape, long seed, long held, int buffers,
                                TableTransform table) {
        parts.checkCondition();
        CounterRng rng = new CounterRng(seed);
        Likelihood lik = parts.likelihood().create(parts.likelihoodValues(), table == null ? null : table.valueLayout());
        ArchitectureConfig archConfig = new ArchitectureConfig(shape, lik.decoderOutputs(shape.size()),
                parts.objective().stochasticEncoder(), parts.archValues(), rng, parts.classes());
        long classifierValues = parts.classifierHidden() == 0 ? 0
                : ClassifierMlp.parameterCount(shape.size(), parts.classifierHidden(), parts.classes());
        long archValues = parts.arch().parameterCount(archConfig);
        long priorValues = parts.prior() == null ? 0 : parts.prior().parameterCount(shape, parts.priorValues());
        ModelSize.check(archValues < 0 ? archValues : archValues + classifierValues + priorValues, held, buffers);
        Architecture networks = parts.arch().create(archConfig);
        Prior p = parts.prior() == null ? null
                : parts.prior().create(new PriorConfig(networks.latentDim(), shape, networks, parts.priorValues(), rng));
        int latent = networks.latentDim() + (p == null ? 0 : p.auxiliaryDimensions());
        if (p != null && p.shapesPosterior() && parts.posterior() != null) {
            throw new IllegalArgumentException("prior '" + parts.prior().name() + "' builds the posterior itself (top-down "
                    + "inference), so posterior '" + parts.posterior().name() + "' cannot flow it; drop the posterior "
                    + "or use the prior's bottom-up inference");
        }
        PosteriorFlow flow = parts.posterior() == null ? null
                : parts.posterior().create(new PosteriorConfig(latent, parts.posteriorValues(), rng));
        parts.spec(); // the record's own checks (classes, classifier) before anything learns
        ClassifierMlp classifier = parts.classifierHidden() == 0 ? null
                : new ClassifierMlp("classifier", shape.size(), parts.classifierHidden(), parts.classes(), rng);
        Model model = new ComposedModel(networks, parts.objective().create(parts.objectiveValues()), p, lik, flow,
                parts.classes(), classifier);
        return new Vae(parts.spec(), shape, seed, model, null, table);
    }

    /** Its composition, as checkpoints record it. */
    public ModelSpec spec() {
        return spec;
    }

    /** The shape of one example it was built for. */
    public ExampleShape dataShape() {
        return dataShape;
    }

    /**
     * For a model of table rows, the transform between rows and its vectors (fitted on the
     * training rows); empty for a model of images.
     */
    public Optional<TableTransform> table() {
        return Optional.ofNullable(table);
    }

    /** The seed its weights were initialised from, and its training draws from. */
    public long seed() {
        return seed;
    }

    /** The dimension of z. */
    public int latentDim() {
        return model.latentDim();
    }

    /**
     * For a conditional model (CVAE), the classes its label takes, {@code 0 .. conditionClasses()−1};
     * 0 for a model of x alone.
     */
    public int conditionClasses() {
        return spec.conditionClasses();
    }

    /** Learnable values. */
    public long parameterCount() {
        return model.parameters().stream().mapToLong(p -> p.size()).sum();
    }

    /** False for a model with a deterministic encoder, which has no prior to sample. */
    public boolean canSample() {
        return model.canSampleFromPrior();
    }

    /** What its training loss estimates, in words, e.g. {@code -ELBO (recon + kl), one sample of z}. */
    public String objectiveDescription() {
        return model.objectiveDescription();
    }

    /** A training session for this model, with {@code torch.optim.Adam}'s defaults. */
    public Training trainer() {
        return new Training(this, resumed);
    }

    /**
     * The assembled model as the engine sees it, for code that drives the graph itself (a custom
     * training loop, a benchmark); training and inference need only {@link #trainer()} and
     * {@link TrainedVae}.
     */
    public Model model() {
        return model;
    }

    /** How to assemble a model: its axes by name, hyperparameters by key, and the seed. */
    public static final class Builder {
        private static final int INFER_CLASSES = -1;
        private String variant = "vae";
        private String architecture;
        private String prior;
        private String likelihood;
        private String posterior;
        private int conditionClasses;
        private int classifierHidden;
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();
        private long seed = 1;

        private Builder() {
        }

        /** The objective ({@code vae}, {@code beta-vae}, ...) or preset ({@code conv-vae}); default {@code vae}. */
        public Builder variant(String name) {
            this.variant = name;
            return this;
        }

        /** The architecture ({@code mlp}, {@code conv}, ...); default: the preset's, else {@code mlp}. */
        public Builder arch(String name) {
            this.architecture = name;
            return this;
        }

        /**
         * The prior; default {@code standard-normal} (none for an objective without one, such as {@code ae}).
         * {@code hierarchical} adds a second stochastic layer; {@code set("inference", "top-down")} infers it
         * top-down with NVAE's residual posterior.
         */
        public Builder prior(String name) {
            this.prior = name;
            return this;
        }

        /**
         * p(x|z): {@code bernoulli} (the default for images), {@code gaussian}, {@code gaussian-unit-variance},
         * {@code mixed} (the default for tables), ...
         */
        public Builder likelihood(String name) {
            this.likelihood = name;
            return this;
        }

        /**
         * A flow on q(z|x) ({@code planar}, ...); default none: q(z|x) is the encoder's diagonal Gaussian.
         */
        public Builder posterior(String name) {
            this.posterior = name;
            return this;
        }

        /**
         * Makes a conditional VAE (Sohn et al. 2015): the encoder and the decoder take each example's
         * label as a one-hot vector, q(z|x, y) and p(x|z, y), so that samples can be drawn for a
         * chosen class. {@link #build(DataSplit)} counts the classes from the data's labels (the
         * largest label + 1); {@link #build(ExampleShape)} needs {@link #conditional(int)}.
         */
        public Builder conditional() {
            this.conditionClasses = INFER_CLASSES;
            return this;
        }

        /**
         * As {@link #conditional()}, with labels {@code 0 .. classes−1}; 0 makes the model
         * unconditional again.
         */
        public Builder conditional(int classes) {
            this.conditionClasses = classes;
            return this;
        }

        /**
         * Gives the conditional model a classifier q(y|x) with {@code hidden} ReLU units (0: none),
         * which makes it Kingma et al.'s semi-supervised M2: trained with
         * {@link Training#labelled(int, long)}, its labelled examples train q(y|x) and the
         * unlabelled ones are marginalised over y. Implies {@link #conditional()} unless the classes are given.
         */
        public Builder classifier(int hidden) {
            this.classifierHidden = hidden;
            if (hidden > 0 && conditionClasses == 0) {
                conditionClasses = INFER_CLASSES;
            }
            return this;
        }

        /**
         * A hyperparameter of any of the model's components, by its name ({@code beta}) or, where two
         * components share a name, with its axis ({@code arch.kernel}, {@code objective.kernel}).
         */
        public Builder set(String key, Object value) {
            values.put(key, String.valueOf(value));
            return this;
        }

        /** As {@link #set} for each entry; {@code source} (e.g. a file name) is named in error messages. */
        public Builder setAll(Map<String, String> given, String source) {
            given.forEach((k, v) -> {
                values.put(k, v);
                if (source != null) {
                    sources.put(k, source);
                } else {
                    sources.remove(k);
                }
            });
            return this;
        }

        /**
         * Starts from a recorded composition (each axis and every hyperparameter, e.g. a
         * checkpoint's {@code metadata().model()}), so that {@link #set} changes only what it names.
         */
        public Builder from(ModelSpec spec) {
            variant(spec.variant()).arch(spec.architecture().name()).likelihood(spec.likelihood().name());
            this.prior = spec.prior() == null ? null : spec.prior().name();
            putQualified("objective.", spec.objective());
            putQualified("arch.", spec.architecture());
            if (spec.prior() != null) {
                putQualified("prior.", spec.prior());
            }
            putQualified("likelihood.", spec.likelihood());
            this.posterior = spec.posterior() == null ? null : spec.posterior().name();
            if (spec.posterior() != null) {
                putQualified("posterior.", spec.posterior());
            }
            this.conditionClasses = spec.conditionClasses();
            this.classifierHidden = spec.classifierHidden();
            return this;
        }

        private void putQualified(String prefix, ComponentSpec c) {
            c.hyperparameters().forEach((k, v) -> set(prefix + k, v));
        }

        /** The seed of the weights' initialisation and of everything random in training; default 1. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * The model for {@code data}'s examples; a {@link #conditional()} model takes as many
         * classes as the largest label of either part, plus one.
         *
         * @throws IllegalArgumentException as {@link #build(ExampleShape)}, and for a conditional
         *                                  model of unlabelled data
         */
        public Vae build(DataSplit data) {
            if (conditionClasses != INFER_CLASSES) {
                return build(data.train().shape());
            }
            return assemble(resolve(false).withClasses(labelClasses(data)), data.train().shape(), seed,
                    ModelSize.UNKNOWN, ModelSize.TRAINING_BUFFERS, null);
        }

        private static int labelClasses(DataSplit data) {
            int max = -1;
            for (var d : java.util.List.of(data.train(), data.test())) {
                if (!d.hasLabels()) {
                    throw new IllegalArgumentException("a conditional model needs labelled examples, and " + d.name()
                            + " has no labels; use an image folder with one subfolder per class, MNIST, or drop "
                            + "the condition");
                }
                for (int y : d.labels()) {
                    if (y < 0) {
                        throw new IllegalArgumentException(d.name() + " has a negative label " + y);
                    }
                    max = Math.max(max, y);
                }
            }
            return Math.max(2, max + 1);
        }

        /**
         * The model for examples of {@code shape}.
         *
         * @throws IllegalArgumentException with one line naming an unknown component, a bad
         *                                  hyperparameter or a combination that cannot work
         */
        public Vae build(ExampleShape shape) {
            requireClassCount();
            return assemble(resolve(false), shape, seed, ModelSize.UNKNOWN, ModelSize.TRAINING_BUFFERS, null);
        }

        private void requireClassCount() {
            if (conditionClasses == INFER_CLASSES) {
                throw new IllegalStateException("a conditional model built for a shape needs its class count: "
                        + "conditional(classes), or build it for a data split");
            }
        }

        /**
         * The model for a table's rows: examples of {@code 1×1×width} values, likelihood {@code mixed}
         * unless another is named; checkpoints store the table's transform.
         *
         * @throws IllegalArgumentException as {@link #build(ExampleShape)}, and for a network that cannot
         *                                  take the columns' mixed outputs
         */
        public Vae build(TableData data) {
            if (conditionClasses != 0) {
                throw new IllegalArgumentException("a conditional model of table rows is not supported yet: its label "
                        + "column cannot be the condition; train an unconditional model");
            }
            return assemble(resolve(true), data.data().train().shape(), seed, ModelSize.UNKNOWN,
                    ModelSize.TRAINING_BUFFERS, data.transform());
        }

        /**
         * The composition {@link #build} would make, each axis with every hyperparameter, without
         * allocating a model.
         *
         * @throws IllegalArgumentException as {@link #build(ExampleShape)} for names, values and combinations
         */
        public ModelSpec spec() {
            requireClassCount();
            return resolve(false).spec();
        }

        private Parts resolve(boolean table) {
            Registry r = Registry.load();
            Preset preset = r.preset(variant);
            ObjectiveProvider objective;
            String archName = architecture;
            Map<String, String> defaults = Map.of();
            if (preset != null) {
                objective = r.objective(preset.objective());
                if (archName != null && !archName.equals(preset.architecture())) {
                    throw new IllegalArgumentException("variant '" + variant + "' is objective '" + preset.objective()
                            + "' with architecture '" + preset.architecture() + "', not '" + archName + "'; choose "
                            + "variant '" + preset.objective() + "' with architecture '" + archName + "' instead");
                }
                archName = preset.architecture();
                defaults = preset.defaults();
            } else if (r.variantNames().contains(variant)) {
                objective = r.objective(variant);
            } else {
                throw new IllegalArgumentException("unknown variant '" + variant + "'; known variants: "
                        + (r.variantNames().isEmpty() ? "none (is vae-models on the module path?)"
                        : String.join(", ", r.variantNames())));
            }
            ArchitectureProvider arch = r.architecture(archName == null ? DEFAULT_ARCHITECTURE : archName);
            if (!objective.stochasticEncoder() && prior != null) {
                throw new IllegalArgumentException("objective '" + objective.name() + "' has a deterministic encoder and "
                        + "so no prior; drop the prior '" + prior + "'");
            }
            PriorProvider p = objective.stochasticEncoder() ? r.prior(prior == null ? DEFAULT_PRIOR : prior) : null;
            LikelihoodProvider lik = r.likelihood(likelihood != null ? likelihood
                    : table ? DEFAULT_TABLE_LIKELIHOOD : DEFAULT_LIKELIHOOD);
            if (posterior != null && !objective.stochasticEncoder()) {
                throw new IllegalArgumentException("objective '" + objective.name() + "' has a deterministic encoder and "
                        + "so no posterior to reshape; drop the posterior '" + posterior + "'");
            }
            PosteriorProvider post = posterior == null ? null : r.posterior(posterior);

            Map<Axis, Component> parts = new LinkedHashMap<>();
            parts.put(Axis.OBJECTIVE, objective);
            parts.put(Axis.ARCHITECTURE, arch);
            if (p != null) {
                parts.put(Axis.PRIOR, p);
            }
            parts.put(Axis.LIKELIHOOD, lik);
            if (post != null) {
                parts.put(Axis.POSTERIOR, post);
            }
            HyperparameterRouting routing = new HyperparameterRouting(parts).route(values, defaults, sources);
            Map<String, String> plainSources = new LinkedHashMap<>();
            sources.forEach((k, v) -> plainSources.put(k.substring(k.indexOf('.') + 1), v));
            return new Parts(variant, objective, objective.parse("objective", routing.values(Axis.OBJECTIVE), plainSources),
                    arch, arch.parse("architecture", routing.values(Axis.ARCHITECTURE), plainSources),
                    p, p == null ? null : p.parse("prior", routing.values(Axis.PRIOR), plainSources),
                    lik, lik.parse("likelihood", routing.values(Axis.LIKELIHOOD), plainSources),
                    post, post == null ? null : post.parse("posterior", routing.values(Axis.POSTERIOR), plainSources),
                    Math.max(0, conditionClasses), classifierHidden);
        }
    }
}
