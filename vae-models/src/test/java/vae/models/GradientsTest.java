package vae.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static vae.models.Fixtures.batch;
import static vae.models.Fixtures.checkGradients;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vae.core.data.ExampleShape;
import vae.core.spi.LikelihoodProvider;
import vae.core.spi.Model;
import vae.core.spi.ObjectiveProvider;
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

/**
 * Every objective's gradient, as the graph computes it, against central differences of the
 * loss, for every value of every parameter of small models with fixed noise.
 */
class GradientsTest {
    /**
     * Finite-difference step: small enough that no ReLU input crosses zero, large enough that the
     * float rounding of the loss stays below 5e-3 of the slope.
     */
    private static final float STEP = 1e-3f;
    private static final ExampleShape MLP_SHAPE = new ExampleShape(1, 3, 3);
    /** 1·3·3·6 + 6, 2·(6·2 + 2), 2·6 + 6, 6·9·v + 9·v for v values per pixel. */
    private static final int MLP_PARAMETERS_BERNOULLI = 60 + 28 + 18 + 63;

    private static int mlp(ObjectiveProvider objective, Map<String, String> values, LikelihoodProvider likelihood) {
        Model model = Fixtures.compose(objective, values, new Mlp(), Map.of("hidden", "6", "latent", "2"), likelihood,
                MLP_SHAPE, 1);
        return checkGradients(model, batch(50, 4, MLP_SHAPE), 51, 0, STEP);
    }

    @Test
    void vae() {
        assertEquals(MLP_PARAMETERS_BERNOULLI, mlp(new Vae(), Map.of(), new Bernoulli()));
    }

    @Test
    void betaVae() {
        assertEquals(MLP_PARAMETERS_BERNOULLI, mlp(new BetaVae(), Map.of("beta", "2.5"), new Bernoulli()));
    }

    /** The capacity far above the KL, so that |KL − C| stays away from its kink. */
    @Test
    void betaVaeWithControlledCapacity() {
        assertEquals(MLP_PARAMETERS_BERNOULLI, mlp(new BetaVae(),
                Map.of("capacity", "true", "gamma", "3", "c_max", "50", "c_steps", "0"), new Bernoulli()));
    }

    @Test
    void infoVaeWithEitherKernel() {
        assertEquals(MLP_PARAMETERS_BERNOULLI, mlp(new InfoVae(), Map.of("alpha", "0.5", "lambda", "4"), new Bernoulli()));
        assertEquals(MLP_PARAMETERS_BERNOULLI, mlp(new InfoVae(), Map.of("kernel", "imq", "lambda", "4"),
                new Bernoulli()));
    }

    @Test
    void iwae() {
        assertEquals(MLP_PARAMETERS_BERNOULLI, mlp(new Iwae(), Map.of("k", "3"), new Bernoulli()));
    }

    /** Without fc22 (2·6 + 2 fewer parameters). */
    @Test
    void ae() {
        assertEquals(MLP_PARAMETERS_BERNOULLI - 14, mlp(new Ae(), Map.of(), new Bernoulli()));
    }

    /** fc4 gives means and log-variances: 6·9 + 9 more. */
    @Test
    void vaeWithGaussianLikelihoods() {
        assertEquals(MLP_PARAMETERS_BERNOULLI + 63, mlp(new Vae(), Map.of(), new Gaussian()));
        assertEquals(MLP_PARAMETERS_BERNOULLI, mlp(new Iwae(), Map.of("k", "2"), new GaussianUnitVariance()));
    }

    @Test
    void convBetaVaeWithBernoulliLikelihood() {
        checkConv(new BetaVae(), Map.of("beta", "1"), new Bernoulli());
    }

    @Test
    void convBetaVaeWithGaussianLikelihoodAndBeta() {
        checkConv(new BetaVae(), Map.of("beta", "2.5"), new Gaussian());
    }

    @Test
    void convIwaeWithUnitVarianceGaussian() {
        checkConv(new Iwae(), Map.of("k", "2"), new GaussianUnitVariance());
    }

    /**
     * A tiny conv model (1×6×6 images, 2 and 3 channels, kernel 4, latent 2, batch 2; 6×6 → 3×3
     * → 1×1): conv1 2·1·16 + 2, conv2 3·2·16 + 3, encoder.fc (3 → 4) 12 + 4, decoder.fc 2·3 + 3,
     * deconv1 3·2·16 + 2, deconv2 2·v·16 + v for v values per pixel.
     */
    private static void checkConv(ObjectiveProvider objective, Map<String, String> values, LikelihoodProvider likelihood) {
        Model model = Fixtures.compose(objective, values, new Conv(),
                Map.of("channels1", "2", "channels2", "3", "latent", "2"), likelihood, new ExampleShape(1, 6, 6), 1);
        int v = model.likelihood().decoderOutputs(1);
        int checked = checkGradients(model, batch(52, 2, new ExampleShape(1, 6, 6)), 53, 0, STEP);
        assertEquals(34 + 99 + 16 + 9 + 98 + 32 * v + v, checked);
    }
}
