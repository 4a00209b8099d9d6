package vae.core.eval;

import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.GaussianLikelihood;
import vae.core.loss.Likelihood;
import vae.core.nn.Linear;
import vae.core.graph.Parameter;
import vae.core.random.CounterRng;
import vae.core.spi.Encoding;
import vae.core.spi.LossContext;
import vae.core.spi.LossTerms;
import vae.core.spi.Model;

/**
 * p(z) = N(0, I₂), p(x|z) = N(Wz + b, I₃) with W = [[1, 0], [0, 2], [0, 0]], so p(x) = N(b,
 * diag(2, 5, 1)) in closed form; its encoder is the exact posterior q(z|x) = N(Σ Wᵀ(x − b), Σ)
 * with Σ = (I + WᵀW)⁻¹ = diag(1/2, 1/5), shifted by {@code muShift} to make it inexact.
 */
class LinearGaussianModel implements Model {
    static final float[] B = {0.5f, -1f, 0.25f};
    static final double[] MARGINAL_VARIANCE = {2, 5, 1};

    private final Linear encoderMean = new Linear("mean", 3, 2, new CounterRng(1));
    private final Linear encoderLogvar = new Linear("logvar", 3, 2, new CounterRng(1));
    private final Linear decoder = new Linear("decoder", 2, 3, new CounterRng(1));
    private final Likelihood likelihood = new GaussianLikelihood(false);

    LinearGaussianModel(float muShift) {
        set(encoderMean.weight(), 0.5f, 0, 0, 0, 0.4f, 0);
        set(encoderMean.bias(), -0.5f * B[0] + muShift, -0.4f * B[1]);
        set(encoderLogvar.weight(), 0, 0, 0, 0, 0, 0);
        set(encoderLogvar.bias(), (float) Math.log(0.5), (float) Math.log(0.2));
        set(decoder.weight(), 1, 0, 0, 2, 0, 0);
        set(decoder.bias(), B);
    }

    private static void set(Parameter p, float... values) {
        System.arraycopy(values, 0, p.value().data(), 0, values.length);
    }

    /** log p(x) in closed form. */
    static double logMarginal(float[] x, int offset) {
        double lp = 0;
        for (int d = 0; d < 3; d++) {
            double diff = x[offset + d] - B[d];
            lp -= 0.5 * (Math.log(2 * Math.PI * MARGINAL_VARIANCE[d]) + diff * diff / MARGINAL_VARIANCE[d]);
        }
        return lp;
    }

    @Override
    public List<Parameter> parameters() {
        return List.of();
    }

    @Override public vae.core.spi.Prior prior() { return vae.core.spi.StandardNormalPrior.INSTANCE; }

    @Override
    public int latentDim() {
        return 2;
    }

    @Override
    public Likelihood likelihood() {
        return likelihood;
    }

    @Override
    public LossTerms loss(Graph g, Var x, LossContext context) {
        throw new UnsupportedOperationException("only scored in these tests");
    }

    @Override
    public Encoding encode(Graph g, Var x) {
        return new Encoding(encoderMean.forward(g, x), encoderLogvar.forward(g, x));
    }

    @Override
    public Var decode(Graph g, Var z) {
        return decoder.forward(g, z);
    }
}
