package vae.models.posterior;

import java.util.ArrayList;
import java.util.List;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.MatrixOps;
import vae.core.graph.Parameter;
import vae.core.graph.ShapeOps;
import vae.core.graph.Var;
import vae.core.nn.Linear;
import vae.core.spi.Hyperparameter;
import vae.core.spi.PosteriorConfig;
import vae.core.spi.PosteriorFlow;
import vae.core.spi.PosteriorProvider;
import vae.core.tensor.Tensor;

/**
 * {@code iaf}: inverse autoregressive flows (Kingma et al. 2016). Each step computes {@code m} and {@code s}
 * from z with a MADE network (one masked tanh layer, Germain et al. 2015), so that output i depends only on
 * the inputs before i in the step's order, and sets {@code z' = m + σ ⊙ (z − m)}, {@code σ = sigmoid(s + 1)}:
 * the Jacobian is triangular and {@code log|det| = Σ log σ}. The order is reversed from one step to the next.
 * Parameters {@code posterior.iaf<t>.fc1}, {@code .m}, {@code .s} are shared by all examples (not amortised
 * by a context from the encoder); the masks are constants.
 */
public final class Iaf extends PosteriorProvider {
    static final Hyperparameter<Integer> STEPS = Hyperparameter.integer("steps", 2, 1, 32, "IAF steps T");
    static final Hyperparameter<Integer> HIDDEN = Hyperparameter.integer("iaf_hidden", 64, 1, 4096,
            "hidden units of each step's MADE network");
    /** The forget-gate bias of Kingma et al.: σ starts near sigmoid(1), close to keeping z. */
    private static final float GATE_BIAS = 1f;

    public Iaf() {
        super("iaf", "T inverse autoregressive flow steps with MADE networks (Kingma et al. 2016); KL estimated "
                + "with the sample", STEPS, HIDDEN);
    }

    @Override
    public PosteriorFlow create(PosteriorConfig config) {
        int latent = config.latentDim();
        int hidden = config.hyperparameters().get(HIDDEN);
        List<Step> steps = new ArrayList<>();
        for (int t = 0; t < config.hyperparameters().get(STEPS); t++) {
            String name = "posterior.iaf" + t;
            int[] inputDegree = new int[latent];
            for (int i = 0; i < latent; i++) {
                inputDegree[i] = t % 2 == 0 ? i + 1 : latent - i; // the order reversed every other step
            }
            int[] hiddenDegree = new int[hidden];
            for (int k = 0; k < hidden; k++) {
                hiddenDegree[k] = latent == 1 ? 1 : k % (latent - 1) + 1;
            }
            Tensor hiddenMask = Tensor.zeros(hidden, latent);
            for (int k = 0; k < hidden; k++) {
                for (int i = 0; i < latent; i++) {
                    hiddenMask.data()[k * latent + i] = hiddenDegree[k] >= inputDegree[i] && latent > 1 ? 1f : 0f;
                }
            }
            Tensor outputMask = Tensor.zeros(latent, hidden);
            for (int i = 0; i < latent; i++) {
                for (int k = 0; k < hidden; k++) {
                    outputMask.data()[i * hidden + k] = inputDegree[i] > hiddenDegree[k] ? 1f : 0f;
                }
            }
            steps.add(new Step(new Linear(name + ".fc1", latent, hidden, config.rng()),
                    new Linear(name + ".m", hidden, latent, config.rng()),
                    new Linear(name + ".s", hidden, latent, config.rng()), hiddenMask, outputMask));
        }
        return new Flows(steps, latent);
    }

    private record Step(Linear fc1, Linear m, Linear s, Tensor hiddenMask, Tensor outputMask) {
        Var masked(Graph g, Linear layer, Tensor mask, Var in) {
            Parameter weight = layer.parameters().get(0);
            Parameter bias = layer.parameters().get(1);
            return MatrixOps.linear(g, in, ElementwiseOps.mul(g, g.parameter(weight), g.constant(mask)),
                    g.parameter(bias));
        }
    }

    private record Flows(List<Step> steps, int latent) implements PosteriorFlow {
        @Override
        public List<Parameter> parameters() {
            List<Parameter> all = new ArrayList<>();
            for (Step s : steps) {
                all.addAll(s.fc1().parameters());
                all.addAll(s.m().parameters());
                all.addAll(s.s().parameters());
            }
            return all;
        }

        @Override
        public Result apply(Graph g, Var z0) {
            int rows = z0.rows();
            Tensor gate = Tensor.zeros(rows, latent);
            java.util.Arrays.fill(gate.data(), GATE_BIAS);
            Tensor ones = Tensor.zeros(1, latent);
            java.util.Arrays.fill(ones.data(), 1f);
            Var z = z0;
            Var logDet = null;
            for (Step step : steps) {
                Var h = ElementwiseOps.tanh(g, step.masked(g, step.fc1(), step.hiddenMask(), z));
                Var m = step.masked(g, step.m(), step.outputMask(), h);
                Var s = ElementwiseOps.add(g, step.masked(g, step.s(), step.outputMask(), h), g.constant(gate));
                Var sigma = ElementwiseOps.sigmoid(g, s);
                z = ElementwiseOps.add(g, m, ElementwiseOps.mul(g, sigma,
                        ElementwiseOps.add(g, z, ElementwiseOps.scale(g, m, -1f))));
                // log σ = −softplus(−s), summed over the dimensions
                Var logSigma = ElementwiseOps.scale(g, ElementwiseOps.softplus(g, ElementwiseOps.scale(g, s, -1f)), -1f);
                Var sum = MatrixOps.linear(g, logSigma, g.constant(ones), null);
                logDet = logDet == null ? sum : ElementwiseOps.add(g, logDet, sum);
            }
            return new Result(z, ShapeOps.reshape(g, logDet, rows));
        }
    }
}
