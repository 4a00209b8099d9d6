package vae.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.models.Fixtures.batch;
import static vae.models.Fixtures.mean;
import static vae.models.Fixtures.noise;
import static vae.models.Fixtures.smallMlp;
import static vae.models.Fixtures.termNames;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.data.ExampleShape;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.optim.Adam;
import vae.core.optim.AdamConfig;
import vae.core.spi.Encoding;
import vae.core.spi.KlWeighting;
import vae.core.spi.Objective;
import vae.core.spi.LikelihoodProvider;
import vae.core.spi.LossContext;
import vae.core.spi.LossTerms;
import vae.core.spi.Model;
import vae.core.spi.ObjectiveProvider;
import vae.core.tensor.Tensor;
import vae.models.architecture.Mlp;
import vae.models.likelihood.Bernoulli;
import vae.models.objective.Ae;
import vae.models.objective.BetaVae;
import vae.models.objective.InfoVae;
import vae.models.objective.Iwae;
import vae.models.objective.Vae;

/**
 * The objectives' loss maths, each against an independent computation or its defining relation
 * to another objective: the ELBO, β scaling and controlled capacity, InfoVAE's weights and MMD,
 * IWAE at k = 1 and k > 1, the autoencoder without KL; and that every objective learns and runs
 * with every architecture and likelihood.
 */
class ObjectivesTest {
    private static final ExampleShape SMALL = new ExampleShape(1, 3, 3);
    private static final int B = 4;

    /**
     * The tiny network of {@link Fixtures#tinyMlp} with ε = 0.7, worked out by hand:
     * h1 = 0.175; μ = −0.06; lv = 0.1525; z = μ + e^(lv/2)·0.7 = 0.6954626;
     * h3 = relu(1.5·z + 0.05) = 1.0931940; logits = (h3 + 0.2, −2·h3 + 0.3) = (1.2931940, −1.8863879);
     * BCE = Σ softplus(l) − l·x = 2.5986650; KL = ½(μ² + e^lv − 1 − lv) = 0.0079212.
     */
    @Test
    void vaeLossOfTinyFixedNetworkMatchesHandComputation() {
        Model model = Fixtures.tinyMlp(new Vae(), new Bernoulli());
        Graph g = Graph.training(new ScalarBackend(1));
        LossTerms loss = model.loss(g, g.constant(Fixtures.tinyExample()),
                (graph, shape) -> new Tensor(new float[] {0.7f}, shape));
        assertEquals(List.of("recon", "kl"), termNames(loss));
        assertEquals(1.0, loss.terms().get(0).weight());
        assertEquals(1.0, loss.terms().get(1).weight());
        assertEquals(2.5986650, loss.terms().get(0).perExample().item(), 2e-6);
        assertEquals(0.0079212, loss.terms().get(1).perExample().item(), 2e-7);
        assertEquals(2.6065863, loss.objective().item(), 2e-6);
    }

    @Test
    void vaeObjectiveIsTheBatchMeanOfReconPlusKlAndReachesTheEncoder() {
        ExampleShape shape = new ExampleShape(1, 4, 4);
        Model model = Fixtures.compose(new Vae(), Map.of(), new Mlp(), Map.of("hidden", "8", "latent", "3"),
                new Bernoulli(), shape, 1);
        Graph g = Graph.training(new ScalarBackend(1));
        LossTerms loss = model.loss(g, g.constant(batch(3, 5, shape)), noise(3, 0));
        double expected = 0;
        for (int r = 0; r < 5; r++) {
            expected += loss.terms().get(0).perExample().data()[r] + loss.terms().get(1).perExample().data()[r];
        }
        assertEquals(expected / 5, loss.objective().item(), 1e-4);
        g.backward(loss.objective());
        Parameter fc1 = model.parameters().get(0);
        assertEquals("fc1.weight", fc1.name());
        assertArrayEquals(new int[] {8, 16}, fc1.grad().shape());
        double norm = 0;
        for (float v : fc1.grad().data()) {
            norm += v * v;
        }
        assertTrue(norm > 0, "the encoder receives a gradient");
    }

    @Test
    void betaVaeWithBetaOneIsTheVaeAndBetaScalesTheKl() {
        Graph g = Graph.training(new ScalarBackend(1));
        Tensor x = batch(3, B, SMALL);
        LossTerms vae = smallMlp(new Vae(), Map.of()).loss(g, g.constant(x), noise(5, 0));
        LossTerms beta1 = smallMlp(new BetaVae(), Map.of("beta", "1")).loss(g, g.constant(x), noise(5, 0));
        LossTerms beta4 = smallMlp(new BetaVae(), Map.of()).loss(g, g.constant(x), noise(5, 0));
        assertEquals(vae.objective().item(), beta1.objective().item(), 1e-6);
        assertEquals(termNames(vae), termNames(beta1));
        // β changes the KL's weight, not the terms (same weights, same noise).
        assertArrayEquals(vae.terms().get(0).perExample().data(), beta4.terms().get(0).perExample().data());
        assertArrayEquals(vae.terms().get(1).perExample().data(), beta4.terms().get(1).perExample().data());
        double recon = mean(beta4.terms().get(0).perExample().data());
        double kl = mean(beta4.terms().get(1).perExample().data());
        assertEquals(4.0, beta4.terms().get(1).weight(), "the default beta");
        assertEquals(recon + 4 * kl, beta4.objective().item(), 1e-4);
        assertNotEquals(vae.objective().item(), beta4.objective().item());
    }

    @Test
    void capacityFormPullsTheKlTowardsARampedCapacity() {
        Model model = smallMlp(new BetaVae(), Map.of("capacity", "true", "gamma", "100", "c_max", "8",
                "c_steps", "100"));
        Graph g = Graph.training(new ScalarBackend(1));
        Tensor x = batch(4, B, SMALL);
        for (long step : new long[] {0, 50, 200}) {
            g.reset();
            LossTerms loss = model.loss(g, g.constant(x), noise(6, step));
            assertEquals(List.of("recon", "kl", "kl_gap"), termNames(loss));
            double recon = mean(loss.terms().get(0).perExample().data());
            double kl = mean(loss.terms().get(1).perExample().data());
            double c = Math.min(8, 8.0 * step / 100);
            assertEquals(0.0, loss.terms().get(1).weight());
            assertEquals(100.0, loss.terms().get(2).weight());
            assertEquals(recon + 100 * Math.abs(kl - c), loss.objective().item(), 1e-3 * (1 + recon), "step " + step);
        }
        // c_steps = 0: the capacity is c_max from the first step.
        Model atOnce = smallMlp(new BetaVae(), Map.of("capacity", "true", "gamma", "2", "c_max", "3", "c_steps", "0"));
        g.reset();
        LossTerms loss = atOnce.loss(g, g.constant(x), noise(6, 0));
        double kl = mean(loss.terms().get(1).perExample().data());
        assertEquals(Math.abs(kl - 3), mean(loss.terms().get(2).perExample().data()), 1e-5);
    }

    @Test
    void infoVaeWeightsItsTerms() {
        Model model = smallMlp(new InfoVae(), Map.of("alpha", "0.5", "lambda", "10", "kernel", "imq"));
        Graph g = Graph.training(new ScalarBackend(1));
        LossTerms loss = model.loss(g, g.constant(batch(7, B, SMALL)), noise(8, 0));
        assertEquals(List.of("recon", "kl", "mmd"), termNames(loss));
        assertEquals(1.0, loss.terms().get(0).weight());
        assertEquals(0.5, loss.terms().get(1).weight(), "1 - alpha");
        assertEquals(9.5, loss.terms().get(2).weight(), "alpha + lambda - 1");
        double expected = mean(loss.terms().get(0).perExample().data())
                + 0.5 * mean(loss.terms().get(1).perExample().data())
                + 9.5 * mean(loss.terms().get(2).perExample().data());
        assertEquals(expected, loss.objective().item(), 1e-4);

        LossTerms noKl = smallMlp(new InfoVae(), Map.of("alpha", "1", "lambda", "3")).loss(g,
                g.constant(batch(7, B, SMALL)), noise(8, 0));
        assertEquals(0.0, noKl.terms().get(1).weight(), "alpha = 1: no KL");
        assertEquals(3.0, noKl.terms().get(2).weight());
    }

    @Test
    void infoVaeMmdIsTheUnbiasedEstimateBetweenTheSampledZAndFreshPriorSamples() {
        for (String kernel : List.of("rbf", "imq")) {
            checkMmd(kernel, B);
            checkMmd(kernel, 1); // one example still gets two prior samples
        }
    }

    /**
     * Recomputes the {@code mmd} term from the encoder's q, the noise stream (first the ε of z,
     * then the prior samples) and the documented per-example share
     * {@code 1/(n−1) Σ_{j≠i} k(z_i, z_j) − 2/m Σ_j k(z_i, p_j) + 1/(m(m−1)) Σ_{a≠b} k(p_a, p_b)}
     * (the z–z part being k(0) = 1 for a batch of one), whose mean is the unbiased MMD²
     * U-statistic; C = 2·latent.
     */
    private static void checkMmd(String kernel, int n) {
        int latent = 2;
        Model model = smallMlp(new InfoVae(), Map.of("kernel", kernel));
        Graph g = Graph.training(new ScalarBackend(1));
        Tensor x = batch(17, n, SMALL);
        LossTerms loss = model.loss(g, g.constant(x), noise(18, 0));
        Encoding q = model.encode(g, g.constant(x));
        int m = Math.max(2, n);
        LossContext stream = noise(18, 0);
        float[] eps = stream.gaussian(g, n, latent).data().clone();
        float[] prior = stream.gaussian(g, m, latent).data().clone();
        double[][] z = new double[n][latent];
        double[][] p = new double[m][latent];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < latent; c++) {
                int at = i * latent + c;
                z[i][c] = q.mu().data()[at] + Math.exp(q.logvar().data()[at] / 2) * eps[at];
            }
        }
        for (int i = 0; i < m; i++) {
            for (int c = 0; c < latent; c++) {
                p[i][c] = prior[i * latent + c];
            }
        }
        double scale = 2.0 * latent;
        double pp = 0;
        for (int a = 0; a < m; a++) {
            for (int b = 0; b < m; b++) {
                if (a != b) {
                    pp += k(kernel, p[a], p[b], scale);
                }
            }
        }
        pp /= m * (m - 1.0);
        float[] mmd = loss.terms().get(2).perExample().data();
        double estimate = 0;
        for (int i = 0; i < n; i++) {
            double zz = 0;
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    zz += k(kernel, z[i], z[j], scale);
                }
            }
            zz = n == 1 ? 1 : zz / (n - 1);
            double zp = 0;
            for (int j = 0; j < m; j++) {
                zp += k(kernel, z[i], p[j], scale);
            }
            double share = zz - 2 * zp / m + pp;
            assertEquals(share, mmd[i], 1e-5, kernel + ", n=" + n + ", example " + i);
            estimate += share / n;
        }
        assertEquals(estimate, mean(mmd), 1e-5);
    }

    private static double k(String kernel, double[] a, double[] b, double scale) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return kernel.equals("rbf") ? Math.exp(-d / scale) : scale / (scale + d);
    }

    @Test
    void infoVaeRefusesANegativeMmdWeight() {
        InfoVae p = new InfoVae();
        var e = assertThrows(IllegalArgumentException.class,
                () -> p.parse("objective", Map.of("alpha", "0", "lambda", "0.5"), Map.of()));
        assertEquals("info-vae: the MMD weight alpha + lambda - 1 = -0.5 is negative (alpha=0, lambda=0.5), which would "
                + "maximise the divergence between q(z) and p(z); use lambda >= 1 - alpha", e.getMessage());
        p.parse("objective", Map.of("alpha", "0", "lambda", "1"), Map.of()); // weight exactly 0 is allowed
        p.parse("objective", Map.of("alpha", "-2", "lambda", "3"), Map.of());
        assertThrows(IllegalArgumentException.class,
                () -> p.parse("objective", Map.of("alpha", "-2", "lambda", "2.5"), Map.of()));
    }

    @Test
    void autoencoderIsDeterministicHasOnlyReconAndNoPrior() {
        Ae provider = new Ae();
        assertFalse(provider.stochasticEncoder());
        for (ObjectiveProvider p : List.of(new Vae(), new BetaVae(), new InfoVae(), new Iwae())) {
            assertTrue(p.stochasticEncoder(), p.name());
        }
        Model ae = smallMlp(provider, Map.of());
        assertTrue(ae.parameters().stream().noneMatch(p -> p.name().startsWith("fc22")));
        Graph g = Graph.training(new ScalarBackend(1));
        Tensor x = batch(9, B, SMALL);
        float first = ae.loss(g, g.constant(x), noise(1, 0)).objective().item();
        LossTerms again = ae.loss(g, g.constant(x), noise(2, 0));
        assertEquals(first, again.objective().item(), "other noise, the same loss");
        assertEquals(List.of("recon"), termNames(again));
        assertEquals(1.0, again.terms().get(0).weight());

        // recon = BCE(decode(code), x) with the code itself, no sample.
        Encoding q = ae.encode(g, g.constant(x));
        assertEquals(Float.NEGATIVE_INFINITY, q.logvar().data()[0], "a point mass");
        float[] logits = ae.decode(g, q.mu()).data();
        for (int b = 0; b < B; b++) {
            double bce = 0;
            for (int i = 0; i < 9; i++) {
                double l = logits[b * 9 + i];
                double t = x.data()[b * 9 + i];
                bce += Math.max(l, 0) - l * t + Math.log1p(Math.exp(-Math.abs(l)));
            }
            assertEquals(bce, again.terms().get(0).perExample().data()[b], 1e-4, "example " + b);
        }
        assertEquals(mean(again.terms().get(0).perExample().data()), again.objective().item(), 1e-5);
    }

    /**
     * With k = 1 the IWAE loss is {@code recon + log q(z|x) − log p(z)} at the one sample z: the
     * VAE's reconstruction (same initial weights, same noise) plus a one-sample KL estimate.
     */
    @Test
    void iwaeWithOneSampleIsTheOneSampleElbo() {
        Model iwae = smallMlp(new Iwae(), Map.of("k", "1"));
        Model vae = smallMlp(new Vae(), Map.of());
        Graph g = Graph.training(new ScalarBackend(1));
        Tensor x = batch(10, B, SMALL);
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
        assertEquals(List.of("iwae", "kl"), termNames(bound));
        assertEquals(1.0, bound.terms().get(0).weight());
        assertEquals(0.0, bound.terms().get(1).weight(), "the KL is reported, not trained");
        // The reported KL is the VAE's closed-form KL of the same q.
        assertArrayEquals(elbo.terms().get(1).perExample().data(), bound.terms().get(1).perExample().data(), 1e-6f);
        assertEquals(mean(bound.terms().get(0).perExample().data()), bound.objective().item(), 1e-5);
        assertTrue(iwae.objectiveDescription().contains("IWAE bound with k=1"), iwae.objectiveDescription());
    }

    @Test
    void iwaeBoundIsTighterThanTheAverageOfItsSamples() {
        Model iwae5 = smallMlp(new Iwae(), Map.of("k", "5"));
        Model iwae1 = smallMlp(new Iwae(), Map.of("k", "1"));
        Graph g = Graph.training(new ScalarBackend(1));
        Tensor x = batch(12, B, SMALL);
        float[] k5 = iwae5.loss(g, g.constant(x), noise(13, 0)).terms().get(0).perExample().data();
        // The same 5·B noise values as five one-sample losses: sample s of example b is row s·B + b.
        LossContext shared = noise(13, 0);
        double[] meanOfOnes = new double[B];
        double[] logMeanExp = new double[B];
        double[][] ones = new double[5][];
        for (int s = 0; s < 5; s++) {
            float[] one = iwae1.loss(g, g.constant(x), shared).terms().get(0).perExample().data();
            ones[s] = new double[B];
            for (int b = 0; b < B; b++) {
                ones[s][b] = one[b];
                meanOfOnes[b] += one[b] / 5.0;
            }
        }
        for (int b = 0; b < B; b++) {
            // −log (1/5) Σ_s exp(−loss_s): the k-sample bound from the five one-sample log-weights.
            double max = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < 5; s++) {
                max = Math.max(max, -ones[s][b]);
            }
            double sum = 0;
            for (int s = 0; s < 5; s++) {
                sum += Math.exp(-ones[s][b] - max);
            }
            logMeanExp[b] = -(max + Math.log(sum / 5));
            assertEquals(logMeanExp[b], k5[b], 1e-4, "example " + b);
            assertTrue(k5[b] <= meanOfOnes[b] + 1e-4, "example " + b + ": " + k5[b] + " vs " + meanOfOnes[b]);
            assertNotEquals(k5[b], (float) meanOfOnes[b]);
        }
    }

    @Test
    void descriptionsNameWhatTheLossEstimates() {
        assertEquals("-ELBO (recon + kl), one sample of z", smallMlp(new Vae(), Map.of()).objectiveDescription());
        assertEquals(smallMlp(new Vae(), Map.of()).objectiveDescription(),
                smallMlp(new BetaVae(), Map.of("beta", "1")).objectiveDescription(), "beta-vae at beta=1 is the VAE");
        assertTrue(smallMlp(new BetaVae(), Map.of("beta", "0.5")).objectiveDescription().contains("beta=0.5"));
        assertTrue(smallMlp(new BetaVae(), Map.of("capacity", "true", "gamma", "7")).objectiveDescription()
                .contains("gamma=7"));
        assertTrue(smallMlp(new InfoVae(), Map.of("kernel", "imq")).objectiveDescription().contains("imq kernel"));
        assertTrue(smallMlp(new Iwae(), Map.of("k", "7")).objectiveDescription().contains("k=7"));
        assertTrue(smallMlp(new Ae(), Map.of()).objectiveDescription().contains("no KL"));
    }

    /** A few Adam steps on a fixed batch lower every objective's loss, with every likelihood. */
    @Test
    void everyObjectiveLearnsWithEveryLikelihood() {
        for (ObjectiveProvider p : Fixtures.objectives()) {
            for (LikelihoodProvider lik : Fixtures.likelihoods()) {
                Model model = Fixtures.compose(p, Map.of(), new Mlp(), Map.of("hidden", "16", "latent", "3"), lik,
                        SMALL, 1);
                Adam adam = new Adam(model.parameters(), new AdamConfig(3e-3, 0.9, 0.999, 1e-8, 0));
                Graph g = Graph.training(new ScalarBackend(1));
                Tensor x = batch(14, 8, SMALL);
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
                assertTrue(Double.isFinite(last) && last < first, p.name() + " with " + lik.name() + ": " + first
                        + " -> " + last);
            }
        }
    }

    /**
     * One forward and backward pass of every objective with both architectures and every
     * likelihood (two-channel 6×5 images, batch 3): the expected terms, a finite loss, and a
     * finite gradient, not all zero, for every parameter.
     */
    @Test
    void everyObjectiveRunsWithEveryArchitectureAndLikelihood() {
        ExampleShape shape = new ExampleShape(2, 6, 5);
        Map<String, Map<String, String>> archValues = Map.of(
                "mlp", Map.of("hidden", "5", "latent", "3"),
                "conv", Map.of("channels1", "3", "channels2", "4", "kernel", "3", "latent", "3"));
        Map<String, List<String>> terms = Map.of("vae", List.of("recon", "kl"), "beta-vae", List.of("recon", "kl"),
                "info-vae", List.of("recon", "kl", "mmd"), "iwae", List.of("iwae", "kl"), "ae", List.of("recon"));
        Tensor x = batch(30, 3, shape);
        List<String> failures = new ArrayList<>();
        int combinations = 0;
        for (ObjectiveProvider objective : Fixtures.objectives()) {
            for (String arch : List.of("mlp", "conv")) {
                for (LikelihoodProvider lik : Fixtures.likelihoods()) {
                    String what = objective.name() + " + " + arch + " + " + lik.name();
                    Model model = Fixtures.compose(objective, Map.of(), Fixtures.architecture(arch), archValues.get(arch),
                            lik, shape, 2);
                    Graph g = Graph.training(new ScalarBackend(1));
                    LossTerms loss = model.loss(g, g.constant(new Tensor(x.data().clone(), x.shape())), noise(31, 0));
                    assertEquals(terms.get(objective.name()), termNames(loss), what);
                    if (!Float.isFinite(loss.objective().item())) {
                        failures.add(what + ": loss " + loss.objective().item());
                    }
                    g.backward(loss.objective());
                    for (Parameter p : model.parameters()) {
                        boolean nonZero = false;
                        for (float v : p.grad().data()) {
                            if (!Float.isFinite(v)) {
                                failures.add(what + ": " + p.name() + " has gradient " + v);
                                break;
                            }
                            nonZero |= v != 0;
                        }
                        if (!nonZero) {
                            failures.add(what + ": " + p.name() + " has no gradient");
                        }
                    }
                    combinations++;
                }
            }
        }
        assertEquals(30, combinations);
        assertEquals(List.of(), failures);
    }

    /** {@code noise} with a run's KL weighting, as a training step under warm-up or free bits sees it. */
    private static LossContext weighted(LossContext noise, KlWeighting weighting) {
        return new LossContext() {
            @Override
            public Tensor gaussian(Graph g, int... shape) {
                return noise.gaussian(g, shape);
            }

            @Override
            public KlWeighting klWeighting() {
                return weighting;
            }
        };
    }

    @Test
    void warmupScalesTheKlInTheObjectiveWhileTheTermsKeepTheirWeights() {
        for (String beta : List.of("1", "4")) {
            Model model = smallMlp(new BetaVae(), Map.of("beta", beta));
            Graph g = Graph.training(new ScalarBackend(1));
            Tensor x = batch(3, B, SMALL);
            LossTerms plain = model.loss(g, g.constant(x), noise(5, 0));
            LossTerms warm = model.loss(g, g.constant(x), weighted(noise(5, 0), new KlWeighting(0.25, 0)));
            assertArrayEquals(plain.terms().get(1).perExample().data(), warm.terms().get(1).perExample().data());
            assertEquals(plain.terms().get(1).weight(), warm.terms().get(1).weight(), "terms report beta, not the factor");
            double recon = mean(warm.terms().get(0).perExample().data());
            double kl = mean(warm.terms().get(1).perExample().data());
            double b = Double.parseDouble(beta);
            assertEquals(recon + 0.25 * b * kl, warm.objective().item(), 1e-4);
            assertEquals(recon + b * kl, plain.objective().item(), 1e-4);
        }
    }

    @Test
    void aWarmupFactorOfZeroLeavesTheEncoderOnlyTheReconstructionsGradient() {
        Model model = smallMlp(new Vae(), Map.of());
        Tensor x = batch(3, B, SMALL);
        Graph g = Graph.training(new ScalarBackend(1));
        g.backward(model.loss(g, g.constant(x), weighted(noise(5, 0), new KlWeighting(0, 0))).objective());
        float[] warm = model.parameters().get(2).grad().data().clone(); // fc21 (mu)
        model.parameters().forEach(Parameter::zeroGrad);
        Graph h = Graph.training(new ScalarBackend(1));
        LossTerms plain = model.loss(h, h.constant(x), noise(5, 0));
        h.backward(vae.core.graph.ReductionOps.mean(h, plain.terms().get(0).perExample())); // recon alone
        assertEquals("fc21.weight", model.parameters().get(2).name());
        assertArrayEquals(model.parameters().get(2).grad().data(), warm, 1e-6f);
    }

    @Test
    void freeBitsCountEachDimensionsBatchMeanKlAsAtLeastLambda() {
        Model model = smallMlp(new InfoVae(), Map.of()); // latent 2; its KL weight is 1 - alpha = 1
        Graph g = Graph.training(new ScalarBackend(1));
        Tensor x = batch(3, B, SMALL);
        LossTerms loss = model.loss(g, g.constant(x), weighted(noise(5, 0), new KlWeighting(1, 100)));
        double recon = mean(loss.terms().get(0).perExample().data());
        double mmd = mean(loss.terms().get(2).perExample().data());
        assertEquals(recon + 2 * 100 + loss.terms().get(2).weight() * mmd, loss.objective().item(), 1e-2,
                "both dimensions are far below 100 nats, so each counts 100");
        assertTrue(mean(loss.terms().get(1).perExample().data()) < 10, "the reported kl is the true one");
    }

    @Test
    void theObjectivesWithAKlTermTheyScaleTakeTheAidsAndTheOthersSaySo() {
        for (ObjectiveProvider p : List.of(new Vae(), new BetaVae(), new InfoVae())) {
            Objective o = p.create(p.parse("objective", Map.of(), Map.of()));
            assertTrue(o.supportsKlWarmup() && o.supportsFreeBits(), p.name());
        }
        for (ObjectiveProvider p : List.of(new Iwae(), new Ae())) {
            Objective o = p.create(p.parse("objective", Map.of(), Map.of()));
            assertFalse(o.supportsKlWarmup() || o.supportsFreeBits(), p.name());
        }
        BetaVae capacity = new BetaVae();
        Objective o = capacity.create(capacity.parse("objective", Map.of("capacity", "true"), Map.of()));
        assertFalse(o.supportsKlWarmup() || o.supportsFreeBits(), "beta-vae with capacity=true schedules its own KL");
    }

    /** The per-example terms do not depend on the other examples of the batch (except InfoVAE's MMD and the capacity gap). */
    @Test
    void perExampleTermsDoNotDependOnTheRestOfTheBatch() {
        for (ObjectiveProvider p : List.of(new Vae(), new BetaVae(), new Iwae(), new Ae())) {
            Model model = smallMlp(p, new HashMap<>());
            Graph g = Graph.training(new ScalarBackend(1));
            Tensor x = batch(40, B, SMALL);
            // Noise that is the same for row 0 whatever the batch size: a constant.
            LossContext constant = (graph, shape) -> {
                Tensor t = graph.allocate(shape);
                java.util.Arrays.fill(t.data(), 0.3f);
                return t;
            };
            float[] whole = model.loss(g, g.constant(x), constant).terms().get(0).perExample().data().clone();
            Tensor first = new Tensor(java.util.Arrays.copyOf(x.data(), 9), 1, 1, 3, 3);
            float alone = model.loss(g, g.constant(first), constant).terms().get(0).perExample().data()[0];
            assertEquals(whole[0], alone, 1e-5, p.name());
        }
    }
}
