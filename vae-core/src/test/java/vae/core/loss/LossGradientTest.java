package vae.core.loss;

import org.junit.jupiter.api.Test;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.GradientCheck;
import vae.core.graph.MatrixOps;
import vae.core.tensor.Tensor;

/** The fused losses' gradients against finite differences. */
class LossGradientTest {

    private static final int B = 3;
    private static final int D = 5;

    private static Tensor greyTargets(long seed) {
        return GradientCheck.uniform(seed, 0, 1, B, D);
    }

    @Test
    void bernoulliNllGradientOfLogitsWithGreyTargets() {
        GradientCheck.of((g, in) -> new BernoulliLikelihood().negativeLogLikelihood(g, in[0], in[1]))
                .input(GradientCheck.uniform(1, -4, 4, B, D))
                .constant(greyTargets(2))
                .run();
    }

    @Test
    void bernoulliNllGradientWithBinaryTargets() {
        Tensor targets = greyTargets(3);
        for (int i = 0; i < targets.size(); i++) {
            targets.data()[i] = targets.data()[i] < 0.5f ? 0f : 1f;
        }
        GradientCheck.of((g, in) -> new BernoulliLikelihood().negativeLogLikelihood(g, in[0], in[1]))
                .input(GradientCheck.uniform(4, -4, 4, B, D))
                .constant(targets)
                .run();
    }

    @Test
    void bernoulliNllGradientThroughALinearDecoder() {
        GradientCheck.of((g, in) -> new BernoulliLikelihood().negativeLogLikelihood(g,
                        MatrixOps.linear(g, in[0], in[1], in[2]), in[3]))
                .input(GradientCheck.uniform(5, -1, 1, B, 2))
                .input(GradientCheck.uniform(6, -1, 1, D, 2))
                .input(GradientCheck.uniform(7, -1, 1, D))
                .constant(greyTargets(8))
                .run();
    }

    @Test
    void gaussianNllGradientWithLearnedVariance() {
        // params [B, 2D]: means, then log-variances.
        Tensor params = GradientCheck.uniform(9, -1, 1, B, 2 * D);
        GradientCheck.of((g, in) -> new GaussianLikelihood(true).negativeLogLikelihood(g, in[0], in[1]))
                .input(params)
                .constant(GradientCheck.uniform(10, -1.5, 1.5, B, D))
                .run();
    }

    @Test
    void gaussianNllGradientWithUnitVariance() {
        GradientCheck.of((g, in) -> new GaussianLikelihood(false).negativeLogLikelihood(g, in[0], in[1]))
                .input(GradientCheck.uniform(11, -1, 1, B, D))
                .constant(GradientCheck.uniform(12, -1.5, 1.5, B, D))
                .run();
    }

    @Test
    void gaussianNllGradientThroughAnUpstreamOp() {
        GradientCheck.of((g, in) -> new GaussianLikelihood(true).negativeLogLikelihood(g,
                        ElementwiseOps.tanh(g, in[0]), in[1]))
                .input(GradientCheck.uniform(13, -1, 1, B, 2 * D))
                .constant(GradientCheck.uniform(14, -1.5, 1.5, B, D))
                .run();
    }

    @Test
    void klToStandardNormalGradientOfMuAndLogvar() {
        GradientCheck.of((g, in) -> KlDivergence.toStandardNormal(g, in[0], in[1]))
                .input(GradientCheck.uniform(15, -1.5, 1.5, B, D))
                .input(GradientCheck.uniform(16, -2, 1.5, B, D))
                .run();
    }

    @Test
    void klGradientWhenOnlyOneInputLearns() {
        GradientCheck.of((g, in) -> KlDivergence.toStandardNormal(g, in[0], in[1]))
                .input(GradientCheck.uniform(17, -1.5, 1.5, B, D))
                .constant(GradientCheck.uniform(18, -2, 1.5, B, D))
                .run();
        GradientCheck.of((g, in) -> KlDivergence.toStandardNormal(g, in[0], in[1]))
                .constant(GradientCheck.uniform(19, -1.5, 1.5, B, D))
                .input(GradientCheck.uniform(20, -2, 1.5, B, D))
                .run();
    }
}
