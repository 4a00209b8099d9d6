package vae.models.prior;

import java.util.ArrayList;
import java.util.List;
import vae.core.backend.Backend;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.SamplingOps;
import vae.core.graph.ShapeOps;
import vae.core.graph.Var;
import vae.core.loss.GaussianLogDensity;
import vae.core.loss.KlDivergence;
import vae.core.random.CounterRng;
import vae.core.spi.Encoding;
import vae.core.spi.LossContext;
import vae.core.spi.Prior;
import vae.core.tensor.Tensor;

/**
 * The two-layer model z2 → z1 → x with top-down inference and NVAE's residual posterior (Vahdat &amp;
 * Kautz 2020, eq. 2). The encoder's output e = (μe, log σe²) over z1's columns is x's summary;
 * {@code q(z2|x) = N(q_z2(e))} reads it (as a ladder network's upward pass); z2 is drawn first, then
 * {@code q(z1|x, z2) = N(μp(z2) + Δμ, σp²(z2)·Δσ²)} relative to {@code p(z1|z2) = N(μp(z2), σp²(z2))},
 * with the residual (Δμ, log Δσ²) = e from x alone, or, as NVAE's top-down path combines the encoder's
 * features with z2's, {@code e + r_z1([e, z2])} (the default).
 *
 * <p>z = [z1, z2]. Both KL terms have closed forms given the sampled z2:
 * {@code KL(q(z2|x) ‖ N(0, I))}, and NVAE's {@code ½ Σ (Δμ²/σp² + Δσ² − log Δσ² − 1)}, which is the
 * standard-normal KL of N(Δμ/σp, Δσ²). Importance weights use the exact joint densities of the sample.
 * The networks are recomputed from the encoder's output and z in each call rather than cached
 * between calls, so every method is a function of its arguments.
 */
final class TopDownLayers implements Prior {
    private final GaussianLayer pz1;
    private final GaussianLayer qz2;
    private final GaussianLayer rz1;
    private final int latent1;
    private final int latent2;

    /**
     * @param pz1 p(z1|z2): latent2 inputs, latent1 outputs
     * @param qz2 q(z2|x): 2·latent1 inputs (the encoder's μe and log σe²), latent2 outputs
     * @param rz1 the residual's correction given z2: 2·latent1 + latent2 inputs, latent1 outputs; null for a
     *            residual from x alone
     */
    TopDownLayers(GaussianLayer pz1, GaussianLayer qz2, GaussianLayer rz1, int latent1, int latent2) {
        this.pz1 = pz1;
        this.qz2 = qz2;
        this.rz1 = rz1;
        this.latent1 = latent1;
        this.latent2 = latent2;
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(pz1.parameters());
        all.addAll(qz2.parameters());
        if (rz1 != null) {
            all.addAll(rz1.parameters());
        }
        return all;
    }

    @Override
    public int auxiliaryDimensions() {
        return latent2;
    }

    @Override
    public boolean shapesPosterior() {
        return true;
    }

    @Override
    public boolean klInClosedForm() {
        return false; // exact given z2, but z2 is sampled
    }

    @Override
    public String klEstimate() {
        return "KL(q(z2|x) || p(z2)) + KL(q(z1|x,z2) || p(z1|z2)) in closed form at one sample of z2";
    }

    /** The encoder's output over z1's columns: μe, log σe² and the two side by side, {@code [rows, ·]}. */
    private Var[] encoderOutput(Graph g, Var mu, Var logvar) {
        Var m = ShapeOps.sliceColumns(g, mu, 0, latent1);
        Var lv = ShapeOps.sliceColumns(g, logvar, 0, latent1);
        return new Var[] {m, lv, ShapeOps.concatColumns(g, m, lv)};
    }

    /** q(z2|x): μ and log σ² from the encoder's output. */
    private Var[] upper(Graph g, Var[] e) {
        return qz2.forward(g, e[2]);
    }

    /** The residual of q(z1|x, z2): Δμ and log Δσ², {@code [rows, latent1]} each. */
    private Var[] residual(Graph g, Var[] e, Var z2) {
        if (rz1 == null) {
            return new Var[] {e[0], e[1]};
        }
        Var[] r = rz1.forward(g, ShapeOps.concatColumns(g, e[2], z2));
        return new Var[] {ElementwiseOps.add(g, e[0], r[0]), ElementwiseOps.add(g, e[1], r[1])};
    }

    @Override
    public Var reparameterize(Graph g, Var mu, Var logvar, Tensor eps) {
        Var[] e = encoderOutput(g, mu, logvar);
        Var[] q2 = upper(g, e);
        Var z2 = SamplingOps.reparameterize(g, q2[0], q2[1], columns(g, eps, latent1, latent1 + latent2));
        Var[] r = residual(g, e, z2);
        Var[] p = pz1.forward(g, z2);
        // z1 = μp + Δμ + σp·Δσ·ε1: the mean and log-variance of q(z1|x, z2) are sums
        Var z1 = SamplingOps.reparameterize(g, ElementwiseOps.add(g, p[0], r[0]), ElementwiseOps.add(g, p[1], r[1]),
                columns(g, eps, 0, latent1));
        return ShapeOps.concatColumns(g, z1, z2);
    }

    @Override
    public Var kl(Graph g, Encoding q, Var z) {
        Var[] e = encoderOutput(g, q.mu(), q.logvar());
        Var[] q2 = upper(g, e);
        Var z2 = ShapeOps.sliceColumns(g, z, latent1, latent1 + latent2);
        Var[] r = residual(g, e, z2);
        Var[] p = pz1.forward(g, z2);
        // NVAE's KL(q(z1|x,z2) ‖ p(z1|z2)) is KL(N(Δμ/σp, Δσ²) ‖ N(0, I))
        Var scaledShift = ElementwiseOps.mul(g, r[0], ElementwiseOps.exp(g, ElementwiseOps.scale(g, p[1], -0.5f)));
        return ElementwiseOps.add(g, KlDivergence.toStandardNormal(g, scaledShift, r[1]),
                KlDivergence.toStandardNormal(g, q2[0], q2[1]));
    }

    @Override
    public Var logDensity(Graph g, Var z) {
        Var z2 = ShapeOps.sliceColumns(g, z, latent1, latent1 + latent2);
        Var[] p = pz1.forward(g, z2);
        Var zeros = g.constant(g.zeros(z.rows(), latent2));
        return ElementwiseOps.add(g, GaussianLogDensity.of(g, ShapeOps.sliceColumns(g, z, 0, latent1), p[0], p[1]),
                GaussianLogDensity.of(g, z2, zeros, zeros));
    }

    @Override
    public Var logImportanceWeights(Graph g, Var nll, Var z, Var mu, Var logvar) {
        Var[] e = encoderOutput(g, mu, logvar);
        Var[] q2 = upper(g, e);
        Var z1 = ShapeOps.sliceColumns(g, z, 0, latent1);
        Var z2 = ShapeOps.sliceColumns(g, z, latent1, latent1 + latent2);
        Var[] r = residual(g, e, z2);
        Var[] p = pz1.forward(g, z2);
        Var zeros = g.constant(g.zeros(z.rows(), latent2));
        Var logP = ElementwiseOps.add(g, GaussianLogDensity.of(g, z1, p[0], p[1]),
                GaussianLogDensity.of(g, z2, zeros, zeros));
        Var logQ = ElementwiseOps.add(g, GaussianLogDensity.of(g, z1, ElementwiseOps.add(g, p[0], r[0]),
                ElementwiseOps.add(g, p[1], r[1])), GaussianLogDensity.of(g, z2, q2[0], q2[1]));
        return ElementwiseOps.add(g, ElementwiseOps.add(g, logP, ElementwiseOps.scale(g, logQ, -1f)),
                ElementwiseOps.scale(g, nll, -1f));
    }

    /** z2 at its posterior mean and z1's posterior given it: [μp(μq2) + Δμ, μq2], with their log-variances. */
    @Override
    public Encoding posteriorCode(Graph g, Encoding q) {
        Var[] e = encoderOutput(g, q.mu(), q.logvar());
        Var[] q2 = upper(g, e);
        Var[] r = residual(g, e, q2[0]);
        Var[] p = pz1.forward(g, q2[0]);
        return new Encoding(ShapeOps.concatColumns(g, ElementwiseOps.add(g, p[0], r[0]), q2[0]),
                ShapeOps.concatColumns(g, ElementwiseOps.add(g, p[1], r[1]), q2[1]));
    }

    @Override
    public void sample(Backend backend, CounterRng rng, long stream, float[] z, int count, int latent) {
        Graph g = Graph.inference(backend);
        Tensor noise = g.allocate(count, latent2 + latent1);
        backend.fillGaussian(rng, stream, 0, noise.data(), 0, noise.size());
        System.arraycopy(generate(g, noise).data(), 0, z, 0, count * latent);
    }

    @Override
    public Tensor draw(Graph g, LossContext context, int count, int latent) {
        Tensor noise = context.gaussian(g, count, latent2 + latent1);
        float[] z = generate(Graph.inference(g.backend()), noise).data();
        Tensor out = g.allocate(count, latent);
        System.arraycopy(z, 0, out.data(), 0, z.length);
        return out;
    }

    /** Ancestral sampling from noise {@code [count, latent2 + latent1]}: z2 from the first columns, then z1 ~ p(z1|z2). */
    private Var generate(Graph g, Tensor noise) {
        Var z2 = g.constant(columns(g, noise, 0, latent2));
        Var[] p = pz1.forward(g, z2);
        Var z1 = SamplingOps.reparameterize(g, p[0], p[1], columns(g, noise, latent2, latent2 + latent1));
        return ShapeOps.concatColumns(g, z1, z2);
    }

    /** Columns {@code from .. to−1} of a noise tensor, as a tensor of the graph's pool. */
    private static Tensor columns(Graph g, Tensor t, int from, int to) {
        int rows = t.rows();
        int cols = t.cols();
        Tensor out = g.allocate(rows, to - from);
        for (int i = 0; i < rows; i++) {
            System.arraycopy(t.data(), i * cols + from, out.data(), i * (to - from), to - from);
        }
        return out;
    }
}
