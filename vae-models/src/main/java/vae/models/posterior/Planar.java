package vae.models.posterior;

import java.util.ArrayList;
import java.util.List;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.MatrixOps;
import vae.core.graph.Parameter;
import vae.core.graph.ShapeOps;
import vae.core.graph.Var;
import vae.core.nn.Initializers;
import vae.core.spi.Hyperparameter;
import vae.core.spi.PosteriorConfig;
import vae.core.spi.PosteriorFlow;
import vae.core.spi.PosteriorProvider;
import vae.core.tensor.Tensor;

/**
 * {@code planar}: K planar flows (Rezende and Mohamed 2015), {@code f(z) = z + û·tanh(wᵀz + b)} with
 * {@code log|det ∂f/∂z| = log(1 + (1 − tanh²(wᵀz + b))·wᵀû)}. {@code û = u + (m(wᵀu) − wᵀu)·w/‖w‖²} with
 * {@code m(x) = −1 + softplus(x)} keeps {@code wᵀû > −1}, so each f is invertible and the determinant positive.
 * The flows' parameters {@code posterior.flow<k>.u, .w, .b} are shared by all examples and learned with the
 * networks; u and w start at N(0, 0.1²) (near the identity), b at 0.
 */
public final class Planar extends PosteriorProvider {
    static final Hyperparameter<Integer> FLOWS = Hyperparameter.integer("flows", 10, 1, 100, "planar flows K");

    public Planar() {
        super("planar", "K planar flows on q(z|x) (Rezende & Mohamed 2015); KL estimated with the sample", FLOWS);
    }

    @Override
    public PosteriorFlow create(PosteriorConfig config) {
        int latent = config.latentDim();
        List<Parameter[]> flows = new ArrayList<>();
        for (int k = 0; k < config.hyperparameters().get(FLOWS); k++) {
            Parameter u = new Parameter("posterior.flow" + k + ".u", Tensor.zeros(1, latent));
            Parameter w = new Parameter("posterior.flow" + k + ".w", Tensor.zeros(1, latent));
            Parameter b = new Parameter("posterior.flow" + k + ".b", Tensor.zeros(1));
            Initializers.gaussian(u.value().data(), 0, 0.1, config.rng(), u.name());
            Initializers.gaussian(w.value().data(), 0, 0.1, config.rng(), w.name());
            flows.add(new Parameter[] {u, w, b});
        }
        return new Flows(flows);
    }

    private record Flows(List<Parameter[]> flows) implements PosteriorFlow {
        @Override
        public List<Parameter> parameters() {
            List<Parameter> all = new ArrayList<>();
            flows.forEach(f -> all.addAll(List.of(f)));
            return all;
        }

        @Override
        public Result apply(Graph g, Var z0) {
            int rows = z0.rows();
            Var z = z0;
            Var logDet = null;
            Tensor ones = Tensor.zeros(rows, 1);
            java.util.Arrays.fill(ones.data(), 1f);
            Var one = g.constant(ones);
            for (Parameter[] f : flows) {
                Var u = g.parameter(f[0]);
                Var w = g.parameter(f[1]);
                Var b = g.parameter(f[2]);
                Var uHat = constrained(g, u, w);
                Var h = ElementwiseOps.tanh(g, MatrixOps.linear(g, z, w, b)); // [rows, 1]
                z = ElementwiseOps.add(g, z, MatrixOps.matmul(g, h, uHat));
                Var slope = ElementwiseOps.add(g, one, ElementwiseOps.scale(g, ElementwiseOps.mul(g, h, h), -1f));
                Var det = ElementwiseOps.add(g, one, MatrixOps.matmul(g, slope, MatrixOps.linear(g, uHat, w, null)));
                Var log = ElementwiseOps.log(g, det);
                logDet = logDet == null ? log : ElementwiseOps.add(g, logDet, log);
            }
            return new Result(z, ShapeOps.reshape(g, logDet, rows));
        }

        /** û = u + (m(wᵀu) − wᵀu)·w/‖w‖², m(x) = softplus(x) − 1: wᵀû = m(wᵀu) > −1. */
        private static Var constrained(Graph g, Var u, Var w) {
            Var wu = MatrixOps.linear(g, u, w, null); // [1, 1]
            Var ww = MatrixOps.linear(g, w, w, null);
            Tensor minusOne = Tensor.zeros(1, 1);
            minusOne.data()[0] = -1f;
            Var m = ElementwiseOps.add(g, ElementwiseOps.softplus(g, wu), g.constant(minusOne));
            Var gap = ElementwiseOps.add(g, m, ElementwiseOps.scale(g, wu, -1f));
            Var inverseNorm = ElementwiseOps.exp(g, ElementwiseOps.scale(g, ElementwiseOps.log(g, ww), -1f));
            Var coefficient = ElementwiseOps.mul(g, gap, inverseNorm);
            return ElementwiseOps.add(g, u, MatrixOps.matmul(g, coefficient, w));
        }
    }
}
