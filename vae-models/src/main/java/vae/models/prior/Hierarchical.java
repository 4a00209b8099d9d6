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
import vae.core.nn.VarianceHead;
import vae.core.random.CounterRng;
import vae.core.spi.Hyperparameter;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.LossContext;
import vae.core.spi.DensityPrior;
import vae.core.spi.Prior;
import vae.core.spi.PriorConfig;
import vae.core.spi.PriorProvider;
import vae.core.tensor.Tensor;

/**
 * {@code hierarchical}: a second stochastic layer above z, as the IWAE paper's two-layer model
 * (Burda et al. 2016): {@code p(z2) = N(0, I)}, {@code p(z1|z2)} and the inference step
 * {@code q(z2|z1)} conditional Gaussians ({@code prior.p_z1.*}, {@code prior.q_z2.*}), the model's z
 * being z1 (the encoder's q(z1|x), the decoder's p(x|z1)).
 *
 * <p>The upper layer's noise ε2 is an auxiliary part of z ({@link Prior#auxiliaryDimensions()}):
 * z = [z1, ε2] with q(ε2) = N(0, I) and {@code z2 = μq(z1) + σq(z1)·ε2}, so the joint is the density
 * of (z1, ε2) under the generative model,
 * {@code log p̃(z1, ε2) = log p(z1|z2) + log N(z2; 0, I) + Σ log σq(z1)}, and
 * {@code log q(z|x) − log p̃(z)} is exactly the two-layer bound's
 * {@code log q(z1|x) + log q(z2|z1) − log p(z1|z2) − log p(z2)}. Every objective, the importance
 * weights of {@code iwae}, {@code score} and {@code evaluate} thus get the two-layer model unchanged.
 * The KL is estimated with the sample.
 *
 * <p>With {@code inference=top-down} the same generative model is inferred the other way,
 * as NVAE does ({@link TopDownLayers}): the encoder's output, corrected given z2 by {@code prior.r_z1}
 * (or alone, {@code residual=x}), is the residual of q(z1|x, z2) relative to p(z1|z2),
 * {@code prior.q_z2} reads the encoder's output instead of z1, and z = [z1, z2].
 */
public final class Hierarchical extends PriorProvider {
    static final Hyperparameter<Integer> LATENT2 = Hyperparameter.integer("latent2", 50, 1, 4096,
            "dimension of the upper stochastic layer z2");
    static final Hyperparameter<Integer> HIDDEN = Hyperparameter.integer("prior_hidden", 100, 1, 65536,
            "hidden units of p(z1|z2), q(z2|.) and r_z1");
    static final Hyperparameter<Integer> DEPTH = Hyperparameter.integer("prior_depth", 2, 1, 8,
            "hidden layers of p(z1|z2), q(z2|.) and r_z1");
    static final Hyperparameter<String> ACTIVATION = Hyperparameter.choice("prior_activation", "tanh",
            List.of("tanh", "relu"), "the hidden layers' nonlinearity");
    static final Hyperparameter<String> INFERENCE = Hyperparameter.choice("inference", "bottom-up",
            List.of("bottom-up", "top-down"), "bottom-up: q(z1|x) then q(z2|z1) (IWAE paper); top-down: q(z2|x) then "
                    + "q(z1|x,z2) as a residual of p(z1|z2) (NVAE)").addedLaterWithNeutralDefault();
    static final Hyperparameter<String> RESIDUAL = Hyperparameter.choice("residual", "x-and-z2",
            List.of("x-and-z2", "x"), "top-down only: the residual of q(z1|x,z2) from the encoder's output and "
                    + "z2 (a network prior.r_z1, NVAE), or from the encoder's output alone").addedLaterWithNeutralDefault();
    static final Hyperparameter<String> VARIANCE = Hyperparameter.choice("prior_variance", VarianceHead.LOG_VAR.label(),
            VarianceHead.labels(), "what the variance heads of p(z1|z2), q(z2|.) and r_z1 give: log σ² or log σ (the "
                    + "IWAE paper's code)").addedLaterWithNeutralDefault();

    public Hierarchical() {
        super("hierarchical", "a second stochastic layer z2 above z (the IWAE paper's two-layer model): p(z2) = "
                + "N(0, I), p(z|z2) and q(z2|z) Gaussian networks, or top-down residual inference (NVAE)", LATENT2, HIDDEN,
                DEPTH, ACTIVATION, INFERENCE, RESIDUAL, VARIANCE);
    }

    @Override
    public void validate(HyperparameterValues values) {
        if (values.get(INFERENCE).equals("bottom-up") && values.get(RESIDUAL).equals("x")) {
            throw new IllegalArgumentException("hierarchical: residual=x applies to top-down inference only, and "
                    + "inference is bottom-up; set inference=top-down or drop residual");
        }
    }

    @Override
    public Prior create(PriorConfig config) {
        var h = config.hyperparameters();
        int latent1 = config.latentDim();
        int latent2 = h.get(LATENT2);
        boolean tanh = h.get(ACTIVATION).equals("tanh");
        VarianceHead variance = VarianceHead.of(h.get(VARIANCE));
        GaussianLayer pz1 = new GaussianLayer("prior.p_z1", latent2, h.get(HIDDEN), h.get(DEPTH), latent1, tanh,
                variance, config.rng());
        boolean topDown = h.get(INFERENCE).equals("top-down");
        // bottom-up, q(z2|z1) reads a sample of z1; top-down, q(z2|x) reads the encoder's Δμ and log Δσ² of z1
        GaussianLayer qz2 = new GaussianLayer("prior.q_z2", topDown ? 2 * latent1 : latent1, h.get(HIDDEN),
                h.get(DEPTH), latent2, tanh, variance, config.rng());
        if (!topDown) {
            return new TwoLayers(pz1, qz2, latent1, latent2);
        }
        GaussianLayer rz1 = h.get(RESIDUAL).equals("x") ? null : new GaussianLayer("prior.r_z1", 2 * latent1 + latent2,
                h.get(HIDDEN), h.get(DEPTH), latent1, tanh, variance, config.rng());
        return new TopDownLayers(pz1, qz2, rz1, latent1, latent2);
    }

    private static final class TwoLayers implements DensityPrior {
        private final GaussianLayer pz1;
        private final GaussianLayer qz2;
        private final int latent1;
        private final int latent2;
        private final ScaledRowSum halfSum;

        TwoLayers(GaussianLayer pz1, GaussianLayer qz2, int latent1, int latent2) {
            this.pz1 = pz1;
            this.qz2 = qz2;
            this.latent1 = latent1;
            this.latent2 = latent2;
            this.halfSum = new ScaledRowSum(latent2, 0.5f);
        }

        @Override
        public List<Parameter> parameters() {
            List<Parameter> all = new ArrayList<>(pz1.parameters());
            all.addAll(qz2.parameters());
            return all;
        }

        @Override
        public int auxiliaryDimensions() {
            return latent2;
        }

        @Override
        public Var logDensity(Graph g, Var z) {
            Var z1 = ShapeOps.sliceColumns(g, z, 0, latent1);
            Var eps2 = ShapeOps.sliceColumns(g, z, latent1, latent1 + latent2);
            Var[] q = qz2.forward(g, z1);
            Var sigma = ElementwiseOps.exp(g, ElementwiseOps.scale(g, q[1], 0.5f));
            Var z2 = ElementwiseOps.add(g, q[0], ElementwiseOps.mul(g, sigma, eps2));
            Var[] p = pz1.forward(g, z2);
            Var zeros = g.constant(g.zeros(z.rows(), latent2));
            Var logJoint = ElementwiseOps.add(g, GaussianLogDensity.of(g, z1, p[0], p[1]),
                    GaussianLogDensity.of(g, z2, zeros, zeros));
            // Σ_j log σq_j = ½ Σ_j log σ²q_j: the Jacobian of ε2 → z2
            return ElementwiseOps.add(g, logJoint, halfSum.of(g, q[1]));
        }

        @Override
        public void sample(Backend backend, CounterRng rng, long stream, float[] z, int count, int latent) {
            Graph g = Graph.inference(backend);
            Tensor noise = g.allocate(count, latent2 + latent1);
            backend.fillGaussian(rng, stream, 0, noise.data(), 0, noise.size());
            float[] out = generate(g, noise).data();
            System.arraycopy(out, 0, z, 0, count * latent);
        }

        @Override
        public Tensor draw(Graph g, LossContext context, int count, int latent) {
            Tensor noise = context.gaussian(g, count, latent2 + latent1);
            float[] z = generate(Graph.inference(g.backend()), noise).data();
            Tensor out = g.allocate(count, latent);
            System.arraycopy(z, 0, out.data(), 0, z.length);
            return out;
        }

        /**
         * Ancestral sampling from noise {@code [count, latent2 + latent1]}: z2 from the first columns,
         * z1 ~ p(z1|z2) from the rest, and ε2 = (z2 − μq(z1)) / σq(z1); rows of [z1, ε2].
         */
        private Var generate(Graph g, Tensor noise) {
            Var n = g.constant(noise);
            Var z2 = ShapeOps.sliceColumns(g, n, 0, latent2);
            Var[] p = pz1.forward(g, z2);
            Var z1 = ElementwiseOps.add(g, p[0], ElementwiseOps.mul(g,
                    ElementwiseOps.exp(g, ElementwiseOps.scale(g, p[1], 0.5f)),
                    ShapeOps.sliceColumns(g, n, latent2, latent2 + latent1)));
            Var[] q = qz2.forward(g, z1);
            Var eps2 = ElementwiseOps.mul(g, ElementwiseOps.add(g, z2, ElementwiseOps.scale(g, q[0], -1f)),
                    ElementwiseOps.exp(g, ElementwiseOps.scale(g, q[1], -0.5f)));
            return ShapeOps.concatColumns(g, z1, eps2);
        }
    }
}
