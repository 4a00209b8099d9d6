package vae.models.prior;

import java.util.ArrayList;
import java.util.List;
import vae.core.backend.Backend;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.ShapeOps;
import vae.core.graph.Var;
import vae.core.loss.GaussianLogDensity;
import vae.core.nn.Linear;
import vae.core.random.CounterRng;
import vae.core.spi.Hyperparameter;
import vae.core.spi.LossContext;
import vae.core.spi.DensityPrior;
import vae.core.spi.Prior;
import vae.core.spi.PriorConfig;
import vae.core.spi.PriorProvider;
import vae.core.tensor.Tensor;

/**
 * {@code realnvp}: a flow prior (Dinh et al. 2017) of K affine coupling layers on z. In the density
 * direction each layer keeps one half of z, a, and maps the other, b, to {@code (b − t(a)) ⊙ e^{−s(a)}},
 * the halves alternating; {@code log p(z) = log N(f(z); 0, I) − Σ_layers Σ_j s_j(a)}. The nets s and t share
 * one hidden tanh layer ({@code prior.coupling<k>.fc1}, {@code .fc2}); s goes through tanh so no scale
 * explodes, and {@code fc2} starts at zero, so the prior starts as N(0, I). Samples run the layers
 * backwards: {@code b = b' ⊙ e^{s(a)} + t(a)}. The KL is estimated with the sample.
 */
public final class RealNvp extends PriorProvider {
    static final Hyperparameter<Integer> COUPLINGS = Hyperparameter.integer("couplings", 4, 1, 64,
            "affine coupling layers K");
    static final Hyperparameter<Integer> HIDDEN = Hyperparameter.integer("coupling_hidden", 64, 1, 4096,
            "hidden units of each coupling layer's s and t network");

    public RealNvp() {
        super("realnvp", "a flow prior: K RealNVP affine coupling layers on z over N(0, I); KL estimated with the "
                + "sample", COUPLINGS, HIDDEN);
    }

    @Override
    public Prior create(PriorConfig config) {
        int latent = config.latentDim();
        if (latent < 2) {
            throw new IllegalArgumentException("prior 'realnvp' splits z in two halves and needs a latent of at least "
                    + "2 dimensions, got " + latent + "; raise -P latent");
        }
        int hidden = config.hyperparameters().get(HIDDEN);
        List<Coupling> layers = new ArrayList<>();
        for (int k = 0; k < config.hyperparameters().get(COUPLINGS); k++) {
            boolean firstHalfKept = k % 2 == 0;
            int kept = firstHalfKept ? latent / 2 : latent - latent / 2;
            int changed = latent - kept;
            Linear fc1 = new Linear("prior.coupling" + k + ".fc1", kept, hidden, config.rng());
            Linear fc2 = new Linear("prior.coupling" + k + ".fc2", hidden, 2 * changed, config.rng());
            fc2.parameters().forEach(p -> java.util.Arrays.fill(p.value().data(), 0f)); // the identity at first
            layers.add(new Coupling(fc1, fc2, firstHalfKept, latent / 2, changed, new ScaledRowSum(changed, -1f)));
        }
        return new Flow(layers, latent);
    }

    /** One coupling layer: which half it keeps, and its s and t network. */
    private record Coupling(Linear fc1, Linear fc2, boolean firstHalfKept, int half, int changed,
                            ScaledRowSum minusSum) {
        Var kept(Graph g, Var x) {
            return firstHalfKept ? ShapeOps.sliceColumns(g, x, 0, half) : ShapeOps.sliceColumns(g, x, half, x.cols());
        }

        Var changedPart(Graph g, Var x) {
            return firstHalfKept ? ShapeOps.sliceColumns(g, x, half, x.cols()) : ShapeOps.sliceColumns(g, x, 0, half);
        }

        Var join(Graph g, Var kept, Var changedPart) {
            return firstHalfKept ? ShapeOps.concatColumns(g, kept, changedPart) : ShapeOps.concatColumns(g, changedPart, kept);
        }

        /** s(a) (bounded by tanh) and t(a), each [rows, changed]. */
        Var[] scaleAndShift(Graph g, Var a) {
            Var st = fc2.forward(g, ElementwiseOps.tanh(g, fc1.forward(g, a)));
            return new Var[] {ElementwiseOps.tanh(g, ShapeOps.sliceColumns(g, st, 0, changed)),
                ShapeOps.sliceColumns(g, st, changed, 2 * changed)};
        }
    }

    private static final class Flow implements DensityPrior {
        private final List<Coupling> layers;
        private final int latent;

        Flow(List<Coupling> layers, int latent) {
            this.layers = layers;
            this.latent = latent;
        }

        @Override
        public List<Parameter> parameters() {
            List<Parameter> all = new ArrayList<>();
            for (Coupling c : layers) {
                all.addAll(c.fc1().parameters());
                all.addAll(c.fc2().parameters());
            }
            return all;
        }

        @Override
        public Var logDensity(Graph g, Var z) {
            Var x = z;
            Var logDet = null;
            for (Coupling c : layers) {
                Var a = c.kept(g, x);
                Var[] st = c.scaleAndShift(g, a);
                Var b = ElementwiseOps.add(g, c.changedPart(g, x), ElementwiseOps.scale(g, st[1], -1f));
                b = ElementwiseOps.mul(g, b, ElementwiseOps.exp(g, ElementwiseOps.scale(g, st[0], -1f)));
                x = c.join(g, a, b);
                Var minusSumS = c.minusSum().of(g, st[0]);
                logDet = logDet == null ? minusSumS : ElementwiseOps.add(g, logDet, minusSumS);
            }
            Var zeros = g.constant(g.zeros(z.rows(), z.cols()));
            return ElementwiseOps.add(g, GaussianLogDensity.of(g, x, zeros, zeros), logDet);
        }

        @Override
        public void sample(Backend backend, CounterRng rng, long stream, float[] z, int count, int latentDim) {
            Graph g = Graph.inference(backend);
            Tensor eps = g.allocate(count, latentDim);
            backend.fillGaussian(rng, stream, 0, eps.data(), 0, count * latentDim);
            System.arraycopy(generate(g, eps).data(), 0, z, 0, count * latentDim);
        }

        @Override
        public Tensor draw(Graph g, LossContext context, int count, int latentDim) {
            Tensor eps = context.gaussian(g, count, latentDim);
            Graph inference = Graph.inference(g.backend());
            float[] z = generate(inference, eps).data();
            Tensor out = g.allocate(count, latentDim);
            System.arraycopy(z, 0, out.data(), 0, z.length);
            return out;
        }

        /** The sampling direction: the layers backwards, b = b' ⊙ e^{s(a)} + t(a). */
        private Var generate(Graph g, Tensor eps) {
            Var x = g.constant(eps);
            for (int k = layers.size() - 1; k >= 0; k--) {
                Coupling c = layers.get(k);
                Var a = c.kept(g, x);
                Var[] st = c.scaleAndShift(g, a);
                Var b = ElementwiseOps.add(g, ElementwiseOps.mul(g, c.changedPart(g, x), ElementwiseOps.exp(g, st[0])),
                        st[1]);
                x = c.join(g, a, b);
            }
            return x;
        }
    }
}
