package vae.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vae.core.data.ExampleShape;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.Var;
import vae.core.loss.Likelihood;
import vae.core.random.CounterRng;
import vae.core.spi.Architecture;
import vae.core.spi.ArchitectureConfig;
import vae.core.spi.ArchitectureProvider;
import vae.core.spi.Encoding;
import vae.core.spi.LikelihoodProvider;
import vae.core.spi.LossContext;
import vae.core.spi.LossTerms;
import vae.core.spi.Model;
import vae.core.spi.Objective;
import vae.core.spi.ObjectiveProvider;
import vae.core.spi.Prior;
import vae.core.spi.PriorConfig;
import vae.core.tensor.Tensor;
import vae.models.architecture.Conv;
import vae.models.architecture.Mlp;
import vae.models.likelihood.Bernoulli;
import vae.models.likelihood.Gaussian;
import vae.models.likelihood.GaussianUnitVariance;
import vae.models.objective.Ae;
import vae.models.objective.BetaVae;
import vae.models.objective.InfoVae;
import vae.models.objective.Iwae;
import vae.models.objective.Vae;
import vae.models.prior.StandardNormal;

/**
 * What the tests of vae-models share: models composed straight from the providers (as
 * {@code vae.api.Vae} assembles them, without going through the registry), batches, noise
 * contexts and a finite-difference gradient check.
 */
final class Fixtures {
    private Fixtures() {
    }

    /** Every built-in objective, in a fixed order. */
    static List<ObjectiveProvider> objectives() {
        return List.of(new Vae(), new BetaVae(), new InfoVae(), new Iwae(), new Ae());
    }

    /** Every built-in likelihood. */
    static List<LikelihoodProvider> likelihoods() {
        return List.of(new Bernoulli(), new Gaussian(), new GaussianUnitVariance());
    }

    static ArchitectureProvider architecture(String name) {
        return switch (name) {
            case "mlp" -> new Mlp();
            case "conv" -> new Conv();
            default -> throw new IllegalArgumentException(name);
        };
    }

    /**
     * A model of {@code objective}, {@code arch} and {@code likelihood} for examples of
     * {@code shape}, the standard normal prior when the objective's encoder is stochastic,
     * weights initialised from {@code seed}. Each axis' hyperparameters are parsed and validated
     * by its own provider, in the order and with the one generator {@code vae.api.Vae} uses.
     */
    static Model compose(ObjectiveProvider objective, Map<String, String> objectiveValues, ArchitectureProvider arch,
                         Map<String, String> archValues, LikelihoodProvider likelihood, ExampleShape shape, long seed) {
        CounterRng rng = new CounterRng(seed);
        Likelihood lik = likelihood.create(likelihood.parse("likelihood", Map.of(), Map.of()));
        Architecture networks = arch.create(new ArchitectureConfig(shape, lik.decoderOutputs(shape.size()),
                objective.stochasticEncoder(), arch.parse("architecture", archValues, Map.of()), rng));
        StandardNormal standardNormal = new StandardNormal();
        Prior prior = objective.stochasticEncoder()
                ? standardNormal.create(new PriorConfig(networks.latentDim(), networks,
                standardNormal.parse("prior", Map.of(), Map.of()), rng))
                : null;
        return new TestModel(networks, objective.create(objective.parse("objective", objectiveValues, Map.of())), prior,
                lik);
    }

    /** A loss on a graph, for {@link #withLoss}. */
    @FunctionalInterface
    interface BatchLoss {
        LossTerms of(Graph g, Var x, LossContext context);
    }

    /**
     * {@code base}'s parameters, likelihood and prior with another loss on the batch (a conditional
     * model given fixed labels, a semi-supervised step), for {@link #checkGradients}; it neither
     * encodes nor decodes by itself.
     */
    static Model withLoss(Model base, BatchLoss loss) {
        return new Model() {
            @Override
            public List<Parameter> parameters() {
                return base.parameters();
            }

            @Override
            public int latentDim() {
                return base.latentDim();
            }

            @Override
            public Likelihood likelihood() {
                return base.likelihood();
            }

            @Override
            public Prior prior() {
                return base.prior();
            }

            @Override
            public LossTerms loss(Graph g, Var x, LossContext context) {
                return loss.of(g, x, context);
            }

            @Override
            public Encoding encode(Graph g, Var x) {
                throw new UnsupportedOperationException("a loss alone");
            }

            @Override
            public Var decode(Graph g, Var z) {
                throw new UnsupportedOperationException("a loss alone");
            }
        };
    }

    /** A small MLP model ({@code hidden=6, latent=2}) for 1×3×3 examples with the Bernoulli likelihood. */
    static Model smallMlp(ObjectiveProvider objective, Map<String, String> objectiveValues) {
        return compose(objective, objectiveValues, new Mlp(), Map.of("hidden", "6", "latent", "2"), new Bernoulli(),
                new ExampleShape(1, 3, 3), 1);
    }

    /**
     * The hand-checkable MLP: 1×1×2 examples, one hidden unit, one latent dimension, fixed weights.
     * {@code fc4} gives two logits or means; with the learned-variance Gaussian it gives two means
     * then two log-variances.
     */
    static Model tinyMlp(ObjectiveProvider objective, LikelihoodProvider likelihood) {
        Model model = compose(objective, Map.of(), new Mlp(), Map.of("hidden", "1", "latent", "1"), likelihood,
                new ExampleShape(1, 1, 2), 1);
        boolean twoPerValue = model.likelihood().decoderOutputs(1) == 2;
        Map<String, float[]> weights = new LinkedHashMap<>(Map.of(
                "fc1.weight", new float[] {0.5f, -0.25f}, "fc1.bias", new float[] {0.1f},
                "fc21.weight", new float[] {0.8f}, "fc21.bias", new float[] {-0.2f},
                "fc22.weight", new float[] {0.3f}, "fc22.bias", new float[] {0.1f},
                "fc3.weight", new float[] {1.5f}, "fc3.bias", new float[] {0.05f}));
        weights.put("fc4.weight", twoPerValue ? new float[] {1.0f, -2.0f, 0.5f, -0.4f} : new float[] {1.0f, -2.0f});
        weights.put("fc4.bias", twoPerValue ? new float[] {0.2f, 0.3f, -0.1f, 0.25f} : new float[] {0.2f, 0.3f});
        setWeights(model, weights);
        return model;
    }

    /** The one example of {@link #tinyMlp}: (0.6, 0.9). */
    static Tensor tinyExample() {
        return new Tensor(new float[] {0.6f, 0.9f}, 1, 1, 1, 2);
    }

    /** The model of one axis each, as {@code vae.api.ComposedModel} wires it (which is not public). */
    private record TestModel(Architecture architecture, Objective objective, Prior prior, Likelihood likelihood)
            implements Model {

        @Override
        public List<Parameter> parameters() {
            List<Parameter> all = new ArrayList<>(architecture.parameters());
            if (prior != null) {
                all.addAll(prior.parameters());
            }
            return all;
        }

        @Override
        public int latentDim() {
            return architecture.latentDim();
        }

        @Override
        public LossTerms loss(Graph g, Var x, LossContext context) {
            return objective.loss(g, this, x, context);
        }

        @Override
        public Encoding encode(Graph g, Var x) {
            return architecture.encode(g, x);
        }

        @Override
        public Var decode(Graph g, Var z) {
            return architecture.decode(g, z);
        }

        @Override
        public String objectiveDescription() {
            return objective.description();
        }
    }

    /** {@code rows} examples of {@code shape}, values uniform in [0, 1) from {@code seed}. */
    static Tensor batch(long seed, int rows, ExampleShape shape) {
        Tensor x = Tensor.zeros(rows, shape.channels(), shape.height(), shape.width());
        CounterRng rng = new CounterRng(seed);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) rng.uniform(0, i);
        }
        return x;
    }

    /** Noise from a stream of its own: successive requests take successive values. */
    static LossContext noise(long seed, long step) {
        CounterRng rng = new CounterRng(seed);
        long[] next = {0};
        return new LossContext() {
            @Override
            public Tensor gaussian(Graph g, int... shape) {
                Tensor t = g.allocate(shape);
                g.backend().fillGaussian(rng, 0, next[0], t.data(), 0, t.size());
                next[0] += t.size();
                return t;
            }

            @Override
            public long step() {
                return step;
            }
        };
    }

    static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    static List<String> termNames(LossTerms loss) {
        return loss.terms().stream().map(LossTerms.Term::name).toList();
    }

    /** Parameter name to shape, in order. */
    static Map<String, List<Integer>> shapes(List<Parameter> parameters) {
        Map<String, List<Integer>> shapes = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            shapes.put(p.name(), Arrays.stream(p.value().shape()).boxed().toList());
        }
        return shapes;
    }

    /** The parameters are {@code expected}: the same names with the same shapes, in the same order. */
    static void assertStateDict(Map<String, List<Integer>> expected, List<Parameter> parameters) {
        assertEquals(List.copyOf(expected.entrySet()), List.copyOf(shapes(parameters).entrySet()));
    }

    /** Copies {@code values} (by parameter name) into the model's parameters; every parameter must be given. */
    static void setWeights(Model model, Map<String, float[]> values) {
        for (Parameter p : model.parameters()) {
            float[] w = values.get(p.name());
            if (w == null || w.length != p.size()) {
                throw new IllegalArgumentException(p.name() + ": " + (w == null ? "not given" : w.length + " values for "
                        + p.size()));
            }
            System.arraycopy(w, 0, p.value().data(), 0, w.length);
        }
    }

    /**
     * The objective computed in double from the per-example float terms,
     * {@code Σ_t weight_t · mean_b term_t[b]}, with the noise of a fresh {@code noise(noiseSeed, step)}.
     */
    static double objective(Model model, Graph g, Tensor x, long noiseSeed, long step) {
        g.reset();
        LossTerms loss = model.loss(g, g.constant(new Tensor(x.data().clone(), x.shape())), noise(noiseSeed, step));
        double total = 0;
        for (LossTerms.Term t : loss.terms()) {
            total += t.weight() * mean(t.perExample().data());
        }
        return total;
    }

    /**
     * The objective's gradient from the graph against central differences of {@link #objective},
     * for every value of every parameter; returns how many were checked.
     *
     * @param step the finite-difference step: small enough that no ReLU input crosses zero, large
     *             enough that the float rounding of the loss stays well below the tolerance
     */
    static int checkGradients(Model model, Tensor x, long noiseSeed, long noiseStep, float step) {
        Graph g = Graph.training(new vae.core.backend.ScalarBackend(1));
        LossTerms loss = model.loss(g, g.constant(new Tensor(x.data().clone(), x.shape())), noise(noiseSeed, noiseStep));
        double weighted = 0;
        for (LossTerms.Term t : loss.terms()) {
            weighted += t.weight() * mean(t.perExample().data());
        }
        assertTrue(Math.abs(weighted - loss.objective().item()) < 1e-5 * (1 + Math.abs(weighted)),
                "the objective is the weighted batch mean of the terms: " + weighted + " vs " + loss.objective().item());
        model.parameters().forEach(Parameter::zeroGrad);
        g.backward(loss.objective());
        int checked = 0;
        for (Parameter p : model.parameters()) {
            float[] w = p.value().data();
            float[] analyticGrad = p.grad().data().clone();
            for (int i = 0; i < w.length; i++) {
                double analytic = analyticGrad[i];
                float original = w[i];
                float plus = original + step;
                float minus = original - step;
                w[i] = plus;
                double lPlus = objective(model, g, x, noiseSeed, noiseStep);
                w[i] = minus;
                double lMinus = objective(model, g, x, noiseSeed, noiseStep);
                w[i] = original;
                double numeric = (lPlus - lMinus) / ((double) plus - minus);
                double error = Math.abs(analytic - numeric) / Math.max(1, Math.max(Math.abs(analytic), Math.abs(numeric)));
                assertTrue(error < 5e-3, p.name() + "[" + i + "]: analytic " + analytic + ", numeric " + numeric);
                checked++;
            }
        }
        return checked;
    }
}
