package vae.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vae.models.Fixtures.batch;
import static vae.models.Fixtures.noise;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.data.ExampleShape;
import vae.core.graph.Graph;
import vae.core.spi.Encoding;
import vae.core.spi.LikelihoodProvider;
import vae.core.spi.LossTerms;
import vae.core.spi.Model;
import vae.core.tensor.Tensor;
import vae.models.architecture.Conv;
import vae.models.likelihood.Bernoulli;
import vae.models.likelihood.Gaussian;
import vae.models.likelihood.GaussianUnitVariance;
import vae.models.objective.Vae;

/** The likelihoods: what the decoder's outputs mean to each, and the reconstruction term they give. */
class LikelihoodsTest {

    @Test
    void namesAndDecoderOutputsPerValue() {
        assertEquals(List.of("bernoulli", "gaussian", "gaussian-unit-variance"),
                Fixtures.likelihoods().stream().map(LikelihoodProvider::name).toList());
        for (LikelihoodProvider p : Fixtures.likelihoods()) {
            var likelihood = p.create(p.parse("likelihood", Map.of(), Map.of()));
            assertEquals(p.name(), likelihood.name());
            assertEquals(p.name().equals("gaussian") ? 2 : 1, likelihood.decoderOutputs(1), p.name());
            assertEquals(List.of(), p.hyperparameters(), p.name());
        }
    }

    /**
     * The tiny network of {@link Fixtures#tinyMlp} with ε = 0.7 (z = 0.6954626, h3 = 1.0931940),
     * worked out by hand: means m = (h3 + 0.2, −2·h3 + 0.3) = (1.2931940, −1.8863879);
     * learned log-variances (0.5·h3 − 0.1, −0.4·h3 + 0.25) = (0.4465970, −0.1872776);
     * −log N(x; m, e^lv) = Σ ½(log 2π + lv + (x − m)² e^−lv) = 6.8027738; with unit variance
     * Σ ½(log 2π + (x − m)²) = 5.9601149.
     */
    @Test
    void gaussianReconstructionOfTinyFixedNetworkMatchesHandComputation() {
        assertEquals(6.8027738, recon(new Gaussian()), 5e-6);
        assertEquals(5.9601149, recon(new GaussianUnitVariance()), 5e-6);
        assertEquals(2.5986650, recon(new Bernoulli()), 2e-6);
    }

    private static double recon(LikelihoodProvider likelihood) {
        Model model = Fixtures.tinyMlp(new Vae(), likelihood);
        Graph g = Graph.training(new ScalarBackend(1));
        LossTerms loss = model.loss(g, g.constant(Fixtures.tinyExample()),
                (graph, shape) -> new Tensor(new float[] {0.7f}, shape));
        assertEquals(0.0079212, loss.terms().get(1).perExample().item(), 2e-7, "the KL does not depend on p(x|z)");
        return loss.terms().get(0).perExample().item();
    }

    /**
     * On a conv model with two-channel images, the reconstruction term recomputed from the
     * decoder's output at the same z: Gaussian means in the first C channels and log-variances in
     * the next C, per example.
     */
    @Test
    void reconstructionIsTheNegativeLogLikelihoodOfTheDecoderOutput() {
        ExampleShape shape = new ExampleShape(2, 4, 5);
        int n = 3;
        int d = shape.size();
        for (LikelihoodProvider lik : Fixtures.likelihoods()) {
            Model model = Fixtures.compose(new Vae(), Map.of(), new Conv(),
                    Map.of("channels1", "3", "channels2", "2", "kernel", "3", "latent", "2"), lik, shape, 4);
            Graph g = Graph.training(new ScalarBackend(1));
            Tensor x = batch(60, n, shape);
            LossTerms loss = model.loss(g, g.constant(x), noise(61, 0));
            Encoding q = model.encode(g, g.constant(x));
            float[] eps = noise(61, 0).gaussian(g, n, 2).data();
            float[] z = new float[n * 2];
            for (int i = 0; i < z.length; i++) {
                z[i] = (float) (q.mu().data()[i] + Math.exp(q.logvar().data()[i] / 2) * eps[i]);
            }
            float[] out = model.decode(g, g.constant(new Tensor(z, n, 2))).data();
            int v = model.likelihood().decoderOutputs(1);
            for (int b = 0; b < n; b++) {
                double nll = 0;
                for (int i = 0; i < d; i++) {
                    double t = x.data()[b * d + i];
                    double o = out[b * v * d + i];
                    nll += switch (lik.name()) {
                        case "bernoulli" -> Math.max(o, 0) - o * t + Math.log1p(Math.exp(-Math.abs(o)));
                        case "gaussian" -> {
                            double lv = out[b * v * d + d + i];
                            yield 0.5 * (Math.log(2 * Math.PI) + lv + (t - o) * (t - o) * Math.exp(-lv));
                        }
                        default -> 0.5 * (Math.log(2 * Math.PI) + (t - o) * (t - o));
                    };
                }
                assertEquals(nll, loss.terms().get(0).perExample().data()[b], 1e-4 * (1 + Math.abs(nll)),
                        lik.name() + ", example " + b);
            }
        }
    }
}
