package vae.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import vae.api.Datasets;
import vae.api.Registry;
import vae.api.TrainingRun;
import vae.api.Vae;
import vae.core.backend.Backends;
import vae.core.data.DataSplit;
import vae.core.data.Dataset;
import vae.core.data.ExampleShape;
import vae.core.graph.Graph;
import vae.core.optim.Adam;
import vae.core.optim.AdamConfig;
import vae.core.random.CounterRng;
import vae.core.spi.ArchitectureProvider;
import vae.core.spi.Component;
import vae.core.spi.ComponentSpec;
import vae.core.spi.LikelihoodProvider;
import vae.core.spi.Model;
import vae.core.spi.ModelSpec;
import vae.core.spi.ObjectiveProvider;
import vae.core.spi.Preset;
import vae.core.spi.PriorProvider;
import vae.core.tensor.Tensor;
import vae.core.train.Binarization;
import vae.core.train.EpochReport;
import vae.core.train.Trainer;
import vae.core.train.TrainingConfig;
import vae.models.architecture.Conv;
import vae.models.likelihood.Bernoulli;
import vae.models.objective.BetaVae;

/**
 * Models assembled by {@link Vae#builder()} and {@link Vae#of} from the built-in components: what
 * the registry finds, each hyperparameter routed to the axis that declares it, the one-line
 * errors for unknown, ambiguous and invalid hyperparameters and for combinations that cannot
 * work, the {@code conv-vae} preset, and that a model is a function of its composition and seed.
 */
class CompositionTest {
    private static final ExampleShape SMALL = new ExampleShape(1, 3, 3);
    private static final ExampleShape IMAGE = new ExampleShape(1, 8, 8);
    private static final Map<String, String> SMALL_CONV = Map.of("channels1", "2", "channels2", "3", "latent", "2");

    private static Map<String, String> ordered(String... keyValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    private static String buildError(Vae.Builder builder, ExampleShape shape) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> builder.build(shape));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private static String buildError(Vae.Builder builder) {
        return buildError(builder, SMALL);
    }

    private static <T> List<String> names(List<T> components, Function<T, String> name) {
        return components.stream().map(name).toList();
    }

    // ---------------------------------------------------------------- the components found

    @Test
    void registryFindsEveryBuiltInComponent() {
        Registry r = Registry.load();
        assertEquals(List.of("ae", "beta-vae", "info-vae", "iwae", "vae"), names(r.objectives(), Component::name));
        assertEquals(List.of("conv-vae"), names(r.presets(), Preset::name));
        assertEquals(List.of("conv", "mlp"), names(r.architectures(), Component::name));
        assertEquals(List.of("hierarchical", "mog", "realnvp", "standard-normal", "vamp"), names(r.priors(), Component::name));
        assertEquals(List.of("bernoulli", "gaussian", "gaussian-unit-variance", "mixed"), names(r.likelihoods(), Component::name));
        assertEquals(List.of("ae", "beta-vae", "conv-vae", "info-vae", "iwae", "vae"), r.variantNames());
        if (Conv.class.getModule().isNamed()) {
            assertEquals("module vae.models", Registry.origin(r.objective("vae")));
        }
        Preset convVae = r.preset("conv-vae");
        assertEquals("beta-vae", convVae.objective());
        assertEquals("conv", convVae.architecture());
    }

    /** The service type and the built-in providers of it, as the module path and the class path must find them. */
    private static final Map<Class<?>, List<String>> SERVICES = Map.of(
            ObjectiveProvider.class, List.of("vae.models.objective.Ae", "vae.models.objective.BetaVae",
                    "vae.models.objective.InfoVae", "vae.models.objective.Iwae", "vae.models.objective.Vae"),
            ArchitectureProvider.class, List.of("vae.models.architecture.Conv", "vae.models.architecture.Mlp"),
            PriorProvider.class, List.of("vae.models.prior.GaussianMixture", "vae.models.prior.Hierarchical",
                    "vae.models.prior.RealNvp", "vae.models.prior.StandardNormal", "vae.models.prior.VampPrior"),
            LikelihoodProvider.class, List.of("vae.models.likelihood.Bernoulli", "vae.models.likelihood.Gaussian",
                    "vae.models.likelihood.GaussianUnitVariance", "vae.models.likelihood.Mixed"),
            Preset.class, List.of("vae.models.preset.ConvVae"),
            vae.core.spi.PosteriorProvider.class, List.of("vae.models.posterior.Iaf", "vae.models.posterior.Planar"));

    @Test
    void everyBuiltInComponentIsProvidedByTheModule() {
        Module module = Conv.class.getModule();
        if (!module.isNamed()) {
            return; // on the class path there is no module descriptor; see the META-INF/services test
        }
        SERVICES.forEach((service, expected) -> {
            List<String> provided = module.getDescriptor().provides().stream()
                    .filter(p -> p.service().equals(service.getName()))
                    .flatMap(p -> p.providers().stream()).sorted().toList();
            assertEquals(expected, provided, service.getName());
        });
    }

    /** For the class path (e.g. a plain {@code java -cp}), each service is also listed in META-INF/services. */
    @Test
    void everyBuiltInComponentIsListedInMetaInfServices() throws IOException {
        for (var entry : SERVICES.entrySet()) {
            String file = "/META-INF/services/" + entry.getKey().getName();
            try (InputStream in = Conv.class.getResourceAsStream(file)) {
                assertTrue(in != null, "vae-models has no " + file);
                List<String> listed = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .map(l -> l.replaceAll("#.*", "").strip()).filter(l -> !l.isEmpty()).sorted().toList();
                assertEquals(entry.getValue(), listed, file);
            }
        }
    }

    // ---------------------------------------------------------------- what the builder assembles

    /** The default is pytorch/examples' VAE: vae, mlp (400, 20), standard normal, Bernoulli. */
    @Test
    void defaultModelIsThePytorchExampleVae() {
        Vae vae = Vae.builder().build(new ExampleShape(1, 28, 28));
        assertEquals(new ModelSpec("vae", new ComponentSpec("vae", Map.of()),
                new ComponentSpec("mlp", ordered("hidden", "400", "latent", "20")),
                new ComponentSpec("standard-normal", Map.of()), new ComponentSpec("bernoulli", Map.of())), vae.spec());
        assertEquals("objective vae, arch mlp (hidden=400, latent=20), prior standard-normal, likelihood bernoulli",
                vae.spec().toString());
        assertEquals(20, vae.latentDim());
        assertEquals((784 * 400 + 400) + 2 * (400 * 20 + 20) + (20 * 400 + 400) + (400 * 784 + 784),
                vae.parameterCount());
        assertTrue(vae.canSample());
        assertEquals("-ELBO (recon + kl), one sample of z", vae.objectiveDescription());
        assertEquals(1, vae.seed());
    }

    @Test
    void hyperparametersGoToTheAxisThatDeclaresThem() {
        Vae vae = Vae.builder().variant("beta-vae").set("beta", 2).set("latent", 3).set("hidden", 5)
                .set("c_steps", 10).likelihood("gaussian").build(SMALL);
        assertEquals(ordered("beta", "2.0", "capacity", "false", "gamma", "1000.0", "c_max", "25.0", "c_steps", "10"),
                vae.spec().objective().hyperparameters());
        assertEquals(ordered("hidden", "5", "latent", "3"), vae.spec().architecture().hyperparameters());
        assertEquals("gaussian", vae.spec().likelihood().name());
        assertEquals(3, vae.latentDim());
        // fc1 9→5, fc21 and fc22 5→3, fc3 3→5, fc4 5→2·9 (means and log-variances).
        assertEquals((9 * 5 + 5) + 2 * (5 * 3 + 3) + (3 * 5 + 5) + (5 * 18 + 18), vae.parameterCount());
        assertEquals("recon + beta*kl with beta=2 (the -ELBO only at beta=1), one sample of z",
                vae.objectiveDescription());

        Vae qualified = Vae.builder().variant("beta-vae").set("objective.beta", 2).set("arch.latent", 3)
                .set("arch.hidden", 5).set("objective.c_steps", 10).likelihood("gaussian").build(SMALL);
        assertEquals(vae.spec(), qualified.spec());
    }

    @Test
    void aKeyTwoAxesDeclareMustBeWrittenWithItsAxis() {
        assertEquals("'kernel' is a hyperparameter of both objective 'info-vae' and architecture 'conv'; write it with "
                        + "its axis: objective.kernel or arch.kernel",
                buildError(Vae.builder().variant("info-vae").arch("conv").set("kernel", 3), IMAGE));

        Vae vae = Vae.builder().variant("info-vae").arch("conv").set("objective.kernel", "imq").set("arch.kernel", 3)
                .set("channels1", 2).build(IMAGE);
        assertEquals("imq", vae.spec().objective().hyperparameters().get("kernel"));
        assertEquals("3", vae.spec().architecture().hyperparameters().get("kernel"));
        assertEquals("2", vae.spec().architecture().hyperparameters().get("channels1"));

        // With the mlp, only the objective has a kernel: the plain key is enough.
        Vae mlp = Vae.builder().variant("info-vae").set("kernel", "imq").build(SMALL);
        assertEquals("imq", mlp.spec().objective().hyperparameters().get("kernel"));
    }

    @Test
    void anUnknownKeyIsRefusedListingWhatEachAxisHas() {
        assertEquals("no part of this model has a hyperparameter 'betta' (objective 'beta-vae': known: beta, capacity, "
                        + "gamma, c_max, c_steps; architecture 'mlp': known: hidden, latent, depth, activation, variance; prior 'standard-normal': it "
                        + "has none; likelihood 'bernoulli': it has none)",
                buildError(Vae.builder().variant("beta-vae").set("betta", 2)));
        assertEquals("no part of this model has a hyperparameter 'beta' (objective 'ae': it has none; architecture "
                        + "'conv': known: channels1, channels2, kernel, latent, residual_blocks, channels, variance; likelihood 'gaussian': it has none)",
                buildError(Vae.builder().variant("ae").arch("conv").likelihood("gaussian").set("beta", 2), IMAGE));
        // A key from a file names the file.
        assertEquals("no part of this model has a hyperparameter 'betta' (objective 'vae': it has none; architecture "
                        + "'mlp': known: hidden, latent, depth, activation, variance; prior 'standard-normal': it has none; likelihood 'bernoulli': it "
                        + "has none), in params.json",
                buildError(Vae.builder().setAll(Map.of("betta", "2"), "params.json")));
    }

    @Test
    void aQualifiedKeyMustNameAnAxisOfTheModelThatDeclaresIt() {
        assertEquals("architecture 'mlp' has no hyperparameter 'beta' (known: hidden, latent, depth, activation, variance)",
                buildError(Vae.builder().variant("beta-vae").set("arch.beta", 2)));
        assertEquals("prior 'standard-normal' has no hyperparameter 'beta' (it has none)",
                buildError(Vae.builder().variant("beta-vae").set("prior.beta", 2)));
        assertEquals("objective 'iwae' has no hyperparameter 'latent' (known: k)",
                buildError(Vae.builder().variant("iwae").set("objective.latent", 2)));
        assertEquals("hyperparameter 'model.beta': 'model' is not an axis of this model; qualify a key with objective., "
                + "arch., prior., likelihood.", buildError(Vae.builder().variant("beta-vae").set("model.beta", 2)));
        assertEquals("hyperparameter 'prior.scale': 'prior' is not an axis of this model; qualify a key with objective., "
                + "arch., likelihood.", buildError(Vae.builder().variant("ae").set("prior.scale", 2)));
    }

    @Test
    void invalidValuesAreRefusedWithTheValidRange() {
        assertEquals("beta=-1 (objective 'beta-vae'): out of range, expected number in [0, 1000000]",
                buildError(Vae.builder().variant("beta-vae").set("beta", -1)));
        assertEquals("beta=big (objective 'beta-vae'): not a number, expected number in [0, 1000000]",
                buildError(Vae.builder().variant("beta-vae").set("beta", "big")));
        assertEquals("capacity=yes (objective 'beta-vae'): expected true or false",
                buildError(Vae.builder().variant("beta-vae").set("capacity", "yes")));
        assertEquals("latent=0 (architecture 'mlp'): out of range, expected integer in [1, 4096]",
                buildError(Vae.builder().set("latent", 0)));
        assertEquals("hidden=2.5 (architecture 'mlp'): not an integer, expected integer in [1, 65536]",
                buildError(Vae.builder().set("arch.hidden", 2.5)));
        assertEquals("k=0 (objective 'iwae'): out of range, expected integer in [1, 1024]",
                buildError(Vae.builder().variant("iwae").set("k", 0)));
        assertEquals("k=1025 (objective 'iwae'): out of range, expected integer in [1, 1024]",
                buildError(Vae.builder().variant("iwae").set("k", 1025)));
        assertEquals("alpha=2 (objective 'info-vae'): out of range, expected number in [-1000000, 1]",
                buildError(Vae.builder().variant("info-vae").set("alpha", 2)));
        assertEquals("kernel=gauss (objective 'info-vae'): expected one of rbf, imq",
                buildError(Vae.builder().variant("info-vae").arch("conv").set("objective.kernel", "gauss"), IMAGE));
        assertEquals("kernel=10 (architecture 'conv'): out of range, expected integer in [2, 9]",
                buildError(Vae.builder().variant("info-vae").arch("conv").set("arch.kernel", 10), IMAGE));
        // A value from a file names the file.
        assertEquals("beta=-1 in params.json (objective 'beta-vae'): out of range, expected number in [0, 1000000]",
                buildError(Vae.builder().variant("beta-vae").setAll(Map.of("objective.beta", "-1"), "params.json")));
    }

    @Test
    void aConstraintBetweenHyperparametersIsCheckedBeforeBuilding() {
        assertEquals("info-vae: the MMD weight alpha + lambda - 1 = -0.5 is negative (alpha=0, lambda=0.5), which would "
                        + "maximise the divergence between q(z) and p(z); use lambda >= 1 - alpha",
                buildError(Vae.builder().variant("info-vae").set("lambda", 0.5)));
        Vae.builder().variant("info-vae").set("lambda", 1).build(SMALL); // weight exactly 0 is allowed
    }

    @Test
    void unknownComponentsAreRefusedListingTheKnownOnes() {
        assertEquals("unknown variant 'gan'; known variants: ae, beta-vae, conv-vae, info-vae, iwae, vae",
                buildError(Vae.builder().variant("gan")));
        assertEquals("unknown architecture 'rnn' (not on the module path); known: conv, mlp",
                buildError(Vae.builder().arch("rnn")));
        assertEquals("unknown prior 'flow' (not on the module path); known: hierarchical, mog, realnvp, standard-normal, vamp",
                buildError(Vae.builder().prior("flow")));
        assertEquals("unknown likelihood 'poisson' (not on the module path); known: bernoulli, gaussian, "
                        + "gaussian-unit-variance, mixed",
                buildError(Vae.builder().likelihood("poisson")));
    }

    // ---------------------------------------------------------------- combinations

    /** A deterministic encoder has no q(z|x) to compare with a prior: asking for one is an error, not ignored. */
    @Test
    void aeWithAPriorIsRefused() {
        assertEquals("objective 'ae' has a deterministic encoder and so no prior; drop the prior 'standard-normal'",
                buildError(Vae.builder().variant("ae").prior("standard-normal")));

        Vae ae = Vae.builder().variant("ae").set("hidden", 5).set("latent", 3).build(SMALL);
        assertNull(ae.spec().prior());
        assertFalse(ae.canSample());
        assertEquals("objective ae, arch mlp (hidden=5, latent=3), no prior, likelihood bernoulli", ae.spec().toString());
        // No fc22: fc1 9→5, fc21 5→3, fc3 3→5, fc4 5→9.
        assertEquals((9 * 5 + 5) + (5 * 3 + 3) + (3 * 5 + 5) + (5 * 9 + 9), ae.parameterCount());
    }

    @Test
    void aPresetRefusesAnotherArchitecture() {
        assertEquals("variant 'conv-vae' is objective 'beta-vae' with architecture 'conv', not 'mlp'; choose variant "
                + "'beta-vae' with architecture 'mlp' instead", buildError(Vae.builder().variant("conv-vae").arch("mlp")));
        Vae.builder().variant("conv-vae").arch("conv").setAll(SMALL_CONV, null).build(IMAGE); // its own is fine
    }

    @Test
    void convRefusesImagesTooSmallForIt() {
        assertEquals("architecture conv: 1x1x784 images are too small for two stride-2 convolutions with kernel 4: use "
                        + "images of at least 4x4 pixels, a smaller kernel, or the mlp architecture",
                buildError(Vae.builder().variant("conv-vae"), new ExampleShape(1, 1, 784)));
    }

    // ---------------------------------------------------------------- the conv-vae preset

    @Test
    void convVaeIsBetaVaeWithConvAtBetaOne() {
        Vae preset = Vae.builder().variant("conv-vae").build(IMAGE);
        Vae composed = Vae.builder().variant("beta-vae").arch("conv").set("beta", 1).build(IMAGE);
        assertEquals("conv-vae", preset.spec().variant());
        assertEquals("beta-vae", preset.spec().objective().name());
        assertEquals("1.0", preset.spec().objective().hyperparameters().get("beta"));
        assertEquals(new ModelSpec("conv-vae", composed.spec().objective(), composed.spec().architecture(),
                composed.spec().prior(), composed.spec().likelihood()), preset.spec());
        assertEquals(ordered("channels1", "32", "channels2", "64", "kernel", "4", "latent", "16"),
                preset.spec().architecture().hyperparameters());
        assertEquals(composed.parameterCount(), preset.parameterCount());
        assertEquals("-ELBO (recon + kl), one sample of z", preset.objectiveDescription());

        // The preset changes a default, never a value the user gives.
        Vae beta4 = Vae.builder().variant("conv-vae").set("beta", 4).build(IMAGE);
        assertEquals("4.0", beta4.spec().objective().hyperparameters().get("beta"));
        // Without the preset, beta-vae's own default stands.
        assertEquals("4.0", Vae.builder().variant("beta-vae").arch("conv").build(IMAGE).spec().objective()
                .hyperparameters().get("beta"));
    }

    @Test
    void convVaeTrainsExactlyAsBetaVaeWithConvAtBetaOne() {
        TrainingRun preset = train(Vae.builder().variant("conv-vae").setAll(SMALL_CONV, null).seed(5).build(IMAGE));
        TrainingRun composed = train(Vae.builder().variant("beta-vae").arch("conv").set("beta", 1)
                .setAll(SMALL_CONV, null).seed(5).build(IMAGE));
        assertSameRun(preset, composed);
    }

    // ---------------------------------------------------------------- a model is a function of its composition and seed

    @Test
    void theSameSeedGivesTheSameModelAndAnotherSeedAnother() {
        Function<Long, Vae> build = seed -> Vae.builder().variant("info-vae").arch("conv").setAll(SMALL_CONV, null)
                .set("objective.kernel", "imq").seed(seed).build(IMAGE);
        TrainingRun first = train(build.apply(3L));
        assertSameRun(first, train(build.apply(3L)));
        TrainingRun other = train(build.apply(4L));
        assertNotEquals(first.reports().get(0).train().objective(), other.reports().get(0).train().objective());
        assertFalse(java.util.Arrays.equals(first.model().encode(rows(2, 1)).mean()[0],
                other.model().encode(rows(2, 1)).mean()[0]));
    }

    @Test
    void ofARecordedSpecRebuildsTheSameModel() {
        Vae built = Vae.builder().variant("iwae").set("k", 3).arch("conv").setAll(SMALL_CONV, null)
                .likelihood("gaussian-unit-variance").seed(9).build(IMAGE);
        Vae rebuilt = Vae.of(built.spec(), IMAGE, 9);
        assertEquals(built.spec(), rebuilt.spec());
        assertSameRun(train(built), train(rebuilt));
    }

    @Test
    void theBuildersSpecIsWhatItBuildsWithoutBuildingIt() {
        Vae.Builder b = Vae.builder().variant("info-vae").arch("conv").set("objective.kernel", "imq")
                .set("channels1", 2).set("channels2", 3).set("latent", 2).likelihood("gaussian");
        assertEquals(b.build(IMAGE).spec(), b.spec());
        var e = assertThrows(IllegalArgumentException.class, () -> Vae.builder().set("width", 3).spec());
        assertTrue(e.getMessage().startsWith("no part of this model has a hyperparameter 'width'"), e.getMessage());
    }

    @Test
    void ofRefusesARecordMissingAHyperparameter() {
        ModelSpec incomplete = new ModelSpec("beta-vae", new ComponentSpec("beta-vae", Map.of("beta", "2")),
                new ComponentSpec("mlp", ordered("hidden", "5", "latent", "3")),
                new ComponentSpec("standard-normal", Map.of()), new ComponentSpec("bernoulli", Map.of()));
        var e = assertThrows(IllegalArgumentException.class, () -> Vae.of(incomplete, SMALL, 1));
        assertEquals("the recorded objective 'beta-vae' has no value for hyperparameter 'capacity': the record is "
                + "incomplete or damaged", e.getMessage());
    }

    @Test
    void ofRefusesARecordWhosePriorDoesNotFitItsObjective() {
        ComponentSpec mlp = new ComponentSpec("mlp", ordered("hidden", "5", "latent", "3"));
        ComponentSpec bernoulli = new ComponentSpec("bernoulli", Map.of());
        ModelSpec aeWithPrior = new ModelSpec("ae", new ComponentSpec("ae", Map.of()), mlp,
                new ComponentSpec("standard-normal", Map.of()), bernoulli);
        assertEquals("the recorded objective 'ae' has a deterministic encoder and so no prior, but the record names "
                + "prior 'standard-normal': the record is damaged",
                assertThrows(IllegalArgumentException.class, () -> Vae.of(aeWithPrior, SMALL, 1)).getMessage());
        ModelSpec vaeWithoutPrior = new ModelSpec("vae", new ComponentSpec("vae", Map.of()), mlp, null, bernoulli);
        assertEquals("the recorded objective 'vae' needs a prior and the record names none: the record is damaged",
                assertThrows(IllegalArgumentException.class, () -> Vae.of(vaeWithoutPrior, SMALL, 1)).getMessage());
    }

    /**
     * The builder's model trains step for step as the model {@link Fixtures#compose} makes from
     * the same providers, seed and data: the builder adds nothing and leaves nothing out.
     */
    @Test
    void theBuilderAssemblesTheComponentsAsTheyAre() {
        Vae vae = Vae.builder().variant("beta-vae").set("beta", 2).arch("conv").setAll(SMALL_CONV, null).seed(6)
                .build(IMAGE);
        TrainingRun run = train(vae);

        Model model = Fixtures.compose(new BetaVae(), Map.of("beta", "2"), new Conv(), SMALL_CONV, new Bernoulli(),
                IMAGE, 6);
        assertEquals(vae.parameterCount(), model.parameters().stream().mapToLong(p -> p.size()).sum());
        CounterRng rng = new CounterRng(6);
        Adam adam = new Adam(model.parameters(), AdamConfig.defaults());
        Trainer trainer = new Trainer(Backends.select("scalar", 1), model, adam, rng,
                new TrainingConfig(1, 4, Binarization.NONE));
        DataSplit data = data();
        EpochReport report = trainer.runEpoch(1, data.train(), data.test(), null);
        assertEquals(run.reports().get(0).train(), report.train());
        assertEquals(run.reports().get(0).test(), report.test());

        float[][] x = rows(3, 7);
        Graph g = Graph.inference(Backends.select("scalar", 1));
        float[] flat = new float[3 * 64];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(x[i], 0, flat, i * 64, 64);
        }
        float[] mu = model.encode(g, g.constant(new Tensor(flat, 3, 1, 8, 8))).mu().data();
        float[][] trained = run.model().encode(x).mean();
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(java.util.Arrays.copyOfRange(mu, i * 2, i * 2 + 2), trained[i], "example " + i);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** {@code n} 8×8 images with values in [0, 1) from {@code seed}. */
    private static float[][] rows(int n, long seed) {
        float[] flat = Fixtures.batch(seed, n, IMAGE).data();
        float[][] rows = new float[n][];
        for (int i = 0; i < n; i++) {
            rows[i] = java.util.Arrays.copyOfRange(flat, i * 64, (i + 1) * 64);
        }
        return rows;
    }

    private static DataSplit data() {
        Dataset train = Datasets.of("train", IMAGE, rows(8, 100));
        Dataset test = Datasets.of("test", IMAGE, rows(4, 101));
        return new DataSplit(train, test);
    }

    /** One epoch of 8 examples in batches of 4 on the scalar backend. */
    private static TrainingRun train(Vae vae) {
        return vae.trainer().epochs(1).batchSize(4).backend("scalar").threads(1).fit(data());
    }

    private static void assertSameRun(TrainingRun a, TrainingRun b) {
        assertEquals(a.reports().get(0).train(), b.reports().get(0).train());
        assertEquals(a.reports().get(0).test(), b.reports().get(0).test());
        float[][] x = rows(3, 7);
        var qa = a.model().encode(x);
        var qb = b.model().encode(x);
        for (int i = 0; i < x.length; i++) {
            assertArrayEquals(qa.mean()[i], qb.mean()[i], "mean " + i);
            assertArrayEquals(qa.logVariance()[i], qb.logVariance()[i], "log-variance " + i);
        }
        assertArrayEquals(a.model().decode(new float[][] {{0.5f, -1f}})[0], b.model().decode(new float[][] {{0.5f, -1f}})[0]);
    }
}
