package vae.core.spi;

import java.util.List;
import vae.core.backend.Backend;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.SamplingOps;
import vae.core.graph.Var;
import vae.core.loss.GaussianLogDensity;
import vae.core.random.CounterRng;
import vae.core.tensor.Tensor;

/** p(z), made by a {@link PriorProvider}. */
public interface Prior {

    /** Its learnable parameters (none for a fixed prior), trained with the networks'. */
    default List<Parameter> parameters() {
        return List.of();
    }

    /**
     * {@code KL(q(z|x) ‖ p(z))} per example, {@code [B]}, in nats: in closed form when it exists,
     * otherwise the one-sample estimate {@code log q(z|x) − log p(z)} at the given sample.
     *
     * @param q the encoding, {@code [B, latent]} each
     * @param z one reparameterised sample of q per example, {@code [B, latent]}
     */
    Var kl(Graph g, Encoding q, Var z);

    /**
     * log p(z) per row, {@code [rows]}: what a KL estimated with the sample needs when q(z|x) is not the
     * encoder's Gaussian (a flowed posterior). By default it is read off {@link #logImportanceWeights} with
     * {@code nll = 0} and q = N(0, I): {@code log w + log N(z; 0, I)}; a prior can give it directly.
     */
    default Var logDensity(Graph g, Var z) {
        Var zeros = g.constant(g.zeros(z.rows(), z.cols()));
        Var logW = logImportanceWeights(g, g.constant(g.zeros(z.rows())), z, zeros, zeros);
        return ElementwiseOps.add(g, logW, GaussianLogDensity.of(g, z, zeros, zeros));
    }

    /**
     * Latent dimensions the prior adds after the encoder's (0 by default): q(z|x) gives them
     * N(0, 1), the decoder does not read them, and the prior's density covers them. A hierarchical
     * prior keeps its upper layer's noise there, so that z = [z1, ε2] with {@code z2 = μ(z1) + σ(z1)·ε2}
     * and the model stays a one-sample-of-z model to every objective and scorer.
     */
    default int auxiliaryDimensions() {
        return 0;
    }

    /** True when {@link #kl} is exact, false when it is a one-sample estimate (named in headers). */
    boolean klInClosedForm();

    /**
     * How {@link #kl} is computed when it is not exact, in words for the run's header. By default the
     * one-sample estimate; a prior with partly closed forms says which.
     */
    default String klEstimate() {
        return "one-sample estimate log q(z|x) - log p(z)";
    }

    /**
     * True when the prior takes part in inference (top-down, as NVAE): q(z|x) is then built by
     * {@link #reparameterize} from the encoder's output and the prior's own layers, and is not the
     * encoder's Gaussian, so no posterior flow can be put on it. Default false.
     */
    default boolean shapesPosterior() {
        return false;
    }

    /**
     * A sample of q(z|x), {@code [rows, latent]}, from the encoder's output {@code mu}, {@code logvar}
     * (with the auxiliary columns N(0, 1)) and standard normal noise {@code eps}: {@code μ + σ·ε} by
     * default. A prior that {@link #shapesPosterior() shapes the posterior} builds it through its own
     * layers, and reads {@code mu} and {@code logvar} the same way in {@link #kl} and
     * {@link #logImportanceWeights}.
     */
    default Var reparameterize(Graph g, Var mu, Var logvar, Tensor eps) {
        return SamplingOps.reparameterize(g, mu, logvar, eps);
    }

    /**
     * One point and spread standing for q(z|x) where a single code is wanted (encodings shown to
     * users, reconstructions, active units): the encoding itself by default. A prior that
     * {@link #shapesPosterior() shapes the posterior} gives its own (e.g. z1's mean at z2's mean).
     */
    default Encoding posteriorCode(Graph g, Encoding q) {
        return q;
    }

    /**
     * True when the KL is a sum of one term per latent dimension that {@link #klPerDimension}
     * gives (a prior that factorises over dimensions), which free bits need. Default false.
     */
    default boolean klSplitsByDimension() {
        return false;
    }

    /**
     * The KL of each latent dimension per example, {@code [B, latent]}, whose row sums are
     * {@link #kl}; only for a prior whose {@link #klSplitsByDimension()} is true.
     *
     * @throws UnsupportedOperationException for a prior whose KL does not split by dimension
     */
    default Var klPerDimension(Graph g, Encoding q, Var z) {
        throw new UnsupportedOperationException("the KL of this prior does not split into one term per latent "
                + "dimension");
    }

    /**
     * The importance log-weights {@code log p(x|z) + log p(z) − log q(z|x)} per row, {@code [rows]},
     * for the IWAE bound and log p(x) estimates.
     *
     * @param nll    {@code −log p(x|z)} per row
     * @param z      the samples, {@code [rows, latent]}
     * @param mu     q's means for the same rows
     * @param logvar q's log-variances for the same rows
     */
    Var logImportanceWeights(Graph g, Var nll, Var z, Var mu, Var logvar);

    /**
     * Fills {@code z[0 .. count·latent)} with {@code count} samples of p(z), drawn from stream
     * {@code stream} of {@code rng}, so the same stream gives the same samples.
     */
    void sample(Backend backend, CounterRng rng, long stream, float[] z, int count, int latent);

    /**
     * {@code count} samples of p(z), {@code [count, latent]}, for a loss that compares q(z) with
     * p(z) by samples (InfoVAE's MMD), drawn from {@code context}'s noise so a run stays a
     * function of its seed.
     */
    Tensor draw(Graph g, LossContext context, int count, int latent);
}
