package vae.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.data.ExampleShape;
import vae.core.graph.Graph;
import vae.core.loss.BernoulliLikelihood;
import vae.core.loss.GaussianLikelihood;
import vae.core.loss.Likelihood;
import vae.core.optim.Adam;
import vae.core.optim.AdamConfig;
import vae.core.random.CounterRng;
import vae.core.spi.Encoding;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.LossContext;
import vae.core.spi.LossTerms;
import vae.core.spi.Variant;
import vae.core.spi.VariantConfig;
import vae.core.spi.VariantProvider;
import vae.core.tensor.Tensor;

/** The built-in variants' losses, their relations to each other, and that each one learns. */
class VariantsTest {
    private static final ExampleShape SHAPE = new ExampleShape(1, 3, 3);
    private static final int B = 4;

    private static Variant create(VariantProvider p, Likelihood likelihood, Map<String, String> params) {
        HyperparameterValues values = HyperparameterValues.parse(p.name(), p.hyperparameters(), params);
        p.validate(values);
        return p.create(new VariantConfig(SHAPE, likelihood, values, new CounterRng(1)));
    }

    private static Variant small(VariantProvider p, Map<String, String> extra) {
        Map<String, String> params = new java.util.HashMap<>(Map.of("hidden", "6", "latent", "2"));
        params.putAll(extra);
        return create(p, new BernoulliLikelihood(), params);
    }

    private static Tensor batch(long seed, int rows) {
        Tensor x = Tensor.zeros(rows, 1, 3, 3);
        CounterRng rng = new CounterRng(seed);
        for (int i = 0; i < x.size(); i++) {
            x.data()[i] = (float) rng.uniform(0, i);
        }
        return x;
    }

    /** Noise from a stream of its own: successive requests take successive values. */
    private static LossContext noise(long seed, long step) {
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

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x;
        }
        return s / v.length;
    }

    /** Declared both in module-info (module path) and META-INF/services (class path). */
    @Test
    void everyBuiltInVariantIsDeclaredAsAService() throws java.io.IOException {
        List<String> expected = List.of("vae.models.AeProvider", "vae.models.BetaVaeProvider",
                "vae.models.InfoVaeProvider", "vae.models.IwaeProvider", "vae.models.VaeProvider");
        Module module = VaeProvider.class.getModule();
        if (module.isNamed()) {
            List<String> provided = module.getDescriptor().provides().stream()
                    .filter(p -> p.service().equals(VariantProvider.class.getName()))
                    .flatMap(p -> p.providers().stream()).sorted().toList();
            assertTrue(provided.containsAll(expected), provided.toString());
        }
        try (var in = VaeProvider.class.getResourceAsStream("/META-INF/services/" + VariantProvider.class.getName())) {
            List<String> listed = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(l -> !l.isEmpty()).sorted().toList();
            assertTrue(listed.containsAll(expected), listed.toString());
        }
    }

    @Test
    void betaVaeWithBetaOneIsTheVaeAndBetaScalesTheKl() {
        Graph g = Graph.training(new ScalarBackend(1));
        Tensor x = batch(3, B);
        LossTerms vae = small(new VaeProvider(), Map.of()).loss(g, g.constant(x), noise(5, 0));
        LossTerms beta1 = small(new BetaVaeProvider(), Map.of("beta", "1")).loss(g, g.constant(x), noise(5, 0));
        LossTerms beta4 = small(new BetaVaeProvider(), Map.of()).loss(g, g.constant(x), noise(5, 0));
        assertEquals(vae.objective().item(), beta1.objective().item(), 1e-6);
        double recon = mean(beta4.terms().get(0).perExample().data());
        double kl = mean(beta4.terms().get(1).perExample().data());
        assertEquals(4.0, beta4.terms().get(1).weight());
        assertEquals(recon + 4 * kl, beta4.objective().item(), 1e-4);
    }

    @Test
    void capacityFormPullsTheKlTowardsARampedCapacity() {
        Variant model = small(new BetaVaeProvider(), Map.of("capacity", "true", "gamma", "100", "c_max", "8",
                "c_steps", "100"));
        Graph g = Graph.training(new ScalarBackend(1));
        Tensor x = batch(4, B);
        for (long step : new long[] {0, 50, 200}) {
            g.reset();
            LossTerms loss = model.loss(g, g.constant(x), noise(6, step));
            assertEquals(List.of("recon", "kl", "kl_gap"), loss.terms().stream().map(LossTerms.Term::name).toList());
            double recon = mean(loss.terms().get(0).perExample().data());
            double kl = mean(loss.terms().get(1).perExample().data());
            double c = Math.min(8, 8.0 * step / 100);
            assertEquals(0.0, loss.terms().get(1).weight());
            assertEquals(recon + 100 * Math.abs(kl - c), loss.objective().item(), 1e-3 * (1 + recon), "step " + step);
        }
    }

    @Test
    void infoVaeWeightsItsTermsAndRejectsANegativeMmdWeight() {
        Variant model = small(new InfoVaeProvider(), Map.of("alpha", "0.5", "lambda", "10", "kernel", "imq"));
        Graph g = Graph.training(new ScalarBackend(1));
        LossTerms loss = model.loss(g, g.constant(batch(7, B)), noise(8, 0));
        assertEquals(List.of("recon", "kl", "mmd"), loss.terms().stream().map(LossTerms.Term::name).toList());
        assertEquals(0.5, loss.terms().get(1).weight());
        assertEquals(9.5, loss.terms().get(2).weight());
        double expected = mean(loss.terms().get(0).perExample().data())
                + 0.5 * mean(loss.terms().get(1).perExample().data())
                + 9.5 * mean(loss.terms().get(2).perExample().data());
        assertEquals(expected, loss.objective().item(), 1e-4);

        InfoVaeProvider p = new InfoVaeProvider();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> small(p, Map.of("alpha", "0", "lambda", "0.5")));
        assertTrue(e.getMessage().contains("MMD weight alpha + lambda - 1 = -0.5 is negative"), e.getMessage());
        assertTrue(e.getMessage().contains("maximise the divergence"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        small(p, Map.of("alpha", "0", "lambda", "1")); // weight exactly 0 is allowed
    }

    @Test
    void autoencoderIsDeterministicHasOnlyReconAndCannotSample() {
        Variant ae = small(new AeProvider(), Map.of());
        assertFalse(ae.canSampleFromPrior());
        assertTrue(ae.parameters().stream().noneMatch(p -> p.name().startsWith("fc22")));
        Graph g = Graph.training(new ScalarBackend(1));
        Tensor x = batch(9, B);
        float first = ae.loss(g, g.constant(x), noise(1, 0)).objective().item();
        LossTerms again = ae.loss(g, g.constant(x), noise(2, 0));
        assertEquals(first, again.objective().item());
        assertEquals(List.of("recon"), again.terms().stream().map(LossTerms.Term::name).toList());
        Encoding q = ae.encode(g, g.constant(x));
        assertEquals(Float.NEGATIVE_INFINITY, q.logvar().data()[0], "a point mass");
    }

    /**
     * With k = 1 the IWAE loss is {@code recon + log q(z|x) − log p(z)} at the one sample z: the
     * VAE's reconstruction (same initial weights, same noise) plus a one-sample KL estimate.
     */
    @Test
    void iwaeWithOneSampleIsTheOneSampleElbo() {
        Variant iwae = small(new IwaeProvider(), Map.of("k", "1"));
        Variant vae = small(new VaeProvider(), Map.of());
        Graph g = Graph.training(new ScalarBackend(1));
        Tensor x = batch(10, B);
        LossTerms bound = iwae.loss(g, g.constant(x), noise(11, 0));
        LossTerms elbo = vae.loss(g, g.constant(x), noise(11, 0));
        Encoding q = vae.encode(g, g.constant(x));
        Tensor eps = noise(11, 0).gaussian(g, B, 2);
        for (int b = 0; b < B; b++) {
            double logRatio = 0;
            for (int c = 0; c < 2; c++) {
                int i = b * 2 + c;
                double mu = q.mu().data()[i];
                double lv = q.logvar().data()[i];
                double z = mu + Math.exp(lv / 2) * eps.data()[i];
                logRatio += -0.5 * (lv + eps.data()[i] * eps.data()[i]) + 0.5 * z * z;
            }
            assertEquals(elbo.terms().get(0).perExample().data()[b] + logRatio,
                    bound.terms().get(0).perExample().data()[b], 1e-4, "example " + b);
        }
        assertEquals("iwae", bound.terms().get(0).name());
        assertTrue(iwae.objectiveDescription().contains("IWAE bound with k=1"));
    }

    @Test
    void iwaeBoundIsTighterThanTheAverageOfItsSamples() {
        Variant iwae5 = small(new IwaeProvider(), Map.of("k", "5"));
        Variant iwae1 = small(new IwaeProvider(), Map.of("k", "1"));
        Graph g = Graph.training(new ScalarBackend(1));
        Tensor x = batch(12, B);
        float[] k5 = iwae5.loss(g, g.constant(x), noise(13, 0)).terms().get(0).perExample().data();
        // The same 5·B noise values as five one-sample losses: sample s of example b is row s·B + b.
        LossContext shared = noise(13, 0);
        double[] meanOfOnes = new double[B];
        for (int s = 0; s < 5; s++) {
            float[] one = iwae1.loss(g, g.constant(x), shared).terms().get(0).perExample().data();
            for (int b = 0; b < B; b++) {
                meanOfOnes[b] += one[b] / 5.0;
            }
        }
        for (int b = 0; b < B; b++) {
            assertTrue(k5[b] <= meanOfOnes[b] + 1e-4, "example " + b + ": " + k5[b] + " vs " + meanOfOnes[b]);
            assertNotEquals(k5[b], (float) meanOfOnes[b]);
        }
    }

    /** A few Adam steps on a fixed batch lower every variant's objective, for both kinds of data. */
    @Test
    void everyVariantLearnsWithBernoulliAndGaussianLikelihoods() {
        for (VariantProvider p : List.of(new VaeProvider(), new BetaVaeProvider(), new InfoVaeProvider(),
                new AeProvider(), new IwaeProvider())) {
            for (Likelihood lik : List.of(new BernoulliLikelihood(), new GaussianLikelihood(true))) {
                Variant model = create(p, lik, Map.of("hidden", "16", "latent", "3"));
                Adam adam = new Adam(model.parameters(), new AdamConfig(3e-3, 0.9, 0.999, 1e-8, 0));
                Graph g = Graph.training(new ScalarBackend(1));
                Tensor x = batch(14, 8);
                double first = 0;
                double last = 0;
                adam.zeroGrad();
                for (int step = 0; step < 60; step++) {
                    g.reset();
                    LossTerms loss = model.loss(g, g.constant(x), noise(15, 0));
                    if (step == 0) {
                        first = loss.objective().item();
                    }
                    last = loss.objective().item();
                    g.backward(loss.objective());
                    adam.step(g.backend());
                }
                assertTrue(Double.isFinite(last) && last < first,
                        p.name() + " with " + lik.name() + ": " + first + " -> " + last);
            }
        }
    }
}
