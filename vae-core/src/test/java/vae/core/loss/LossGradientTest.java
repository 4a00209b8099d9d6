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
    void softmaxCrossEntropyGradientOfLogits() {
        int[] labels = {4, 0, 2};
        GradientCheck.of((g, in) -> SoftmaxCrossEntropy.of(g, in[0], labels))
                .input(GradientCheck.uniform(20, -6, 6, B, D))
                .run();
    }

    @Test
    void classMarginalGradientOfLogitsAndPerClassLosses() {
        GradientCheck.of((g, in) -> ClassMarginal.of(g, in[0], new vae.core.graph.Var[] {in[1], in[2], in[3]}))
                .input(GradientCheck.uniform(21, -3, 3, B, 3))
                .input(GradientCheck.uniform(22, 50, 90, B))
                .input(GradientCheck.uniform(23, 50, 90, B))
                .input(GradientCheck.uniform(24, 50, 90, B))
                .run();
    }

    @Test
    void classMarginalIsTheExpectedLossMinusTheEntropy() {
        var g = vae.core.graph.Graph.inference(new vae.core.backend.ScalarBackend());
        Tensor logits = new Tensor(new float[] {0f, (float) Math.log(3)}, 1, 2); // q = (1/4, 3/4)
        var u = ClassMarginal.of(g, g.constant(logits), new vae.core.graph.Var[] {
            g.constant(new Tensor(new float[] {100f}, 1)), g.constant(new Tensor(new float[] {80f}, 1))});
        double expected = 0.25 * 100 + 0.75 * 80 + 0.25 * Math.log(0.25) + 0.75 * Math.log(0.75);
        org.junit.jupiter.api.Assertions.assertEquals(expected, u.item(), 1e-4);
    }

    @Test
    void softmaxCrossEntropyIsMinusTheLogOfTheLabelsProbability() {
        var g = vae.core.graph.Graph.inference(new vae.core.backend.ScalarBackend());
        Tensor logits = new Tensor(new float[] {1f, 2f, 3f, 1000f, 0f, -1000f}, 2, 3);
        float[] nll = SoftmaxCrossEntropy.of(g, g.constant(logits), new int[] {1, 0}).data();
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        org.junit.jupiter.api.Assertions.assertEquals(-Math.log(Math.exp(2) / z), nll[0], 1e-6);
        org.junit.jupiter.api.Assertions.assertEquals(0.0, nll[1], 1e-6); // no overflow at 1000
        org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {2, 0},
                SoftmaxCrossEntropy.argmax(logits.data(), 2, 3));
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
