package vae.core.loss;

import vae.core.data.ValueLayout;
import vae.core.data.ValueLayout.Segment;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.random.CounterRng;
import vae.core.tensor.Tensor;

/**
 * p(x|z) for a table: each column its own distribution (a Gaussian with a learned variance for a
 * continuous column, a Bernoulli for a binary one, a categorical over a one-hot block), the
 * columns independent given z, as DL4J's composite reconstruction distribution and HI-VAE have
 * it. A missing entry (NaN in x; a whole block for a categorical column) is left out of the
 * likelihood, as in MIWAE, so that incomplete rows train and score on what they hold.
 *
 * <p>The decoder gives {@code D + C} outputs per example for {@code D} values of which {@code C}
 * are continuous: one per value (a mean, a logit, or a category's logit), then one log-variance
 * per continuous column, in column order. A variance floor of {@value #MIN_VARIANCE} (in
 * standardised units) keeps a column of few distinct values from collapsing its variance to 0.
 */
public final class MixedLikelihood implements Likelihood {
    /** The smallest variance a continuous column's Gaussian may have. */
    public static final double MIN_VARIANCE = 1e-3;
    private static final double LOG_2PI = Math.log(2 * Math.PI);
    /**
     * The log-variance is clamped to ±this (variance from 1e-13 to 1e13) so that a decoder driven far
     * out of range by an extreme row gives a large, finite −log p, never infinity or NaN.
     */
    static final double MAX_LOG_VARIANCE = 30;
    /** Where a row's uniform values start in its stream, far beyond its Gaussian ones. */
    private static final long UNIFORMS = 1L << 60;

    private final ValueLayout layout;
    private final int values;
    private final int outputs;

    /**
     * Creates the likelihood of tables laid out as {@code layout}.
     *
     * @param layout the columns of an example
     */
    public MixedLikelihood(ValueLayout layout) {
        this.layout = layout;
        this.values = layout.values();
        this.outputs = values + layout.continuousColumns();
    }

    @Override
    public String name() {
        return "mixed";
    }

    /** The columns this likelihood models. */
    public ValueLayout layout() {
        return layout;
    }

    @Override
    public int decoderOutputs(int values) {
        if (values != this.values) {
            throw new IllegalArgumentException("the table's columns take " + this.values + " values but the examples "
                    + "have " + values);
        }
        return outputs;
    }

    @Override
    public boolean acceptsMissingValues() {
        return true;
    }

    /** {@code −log p(x_observed|z)} per example, shape {@code [B]}, in nats. */
    @Override
    public Var negativeLogLikelihood(Graph g, Var params, Var x) {
        check(params, x);
        int rows = x.rows();
        float[] p = params.data();
        float[] xs = x.data();
        Tensor rowLoss = g.allocate(rows);
        Tensor grad = g.isRecording() && params.requiresGrad() ? g.allocate(rows, outputs) : null;
        float[] gd = grad == null ? null : grad.data();
        for (int r = 0; r < rows; r++) {
            rowLoss.data()[r] = (float) row(p, r * outputs, xs, r * values, gd, null, 0);
        }
        if (grad == null) {
            return g.constant(rowLoss);
        }
        return g.result(rowLoss, out -> g.backend().scaleRowsAccumulate(gd, out.gradData(), rows, outputs,
                params.gradData()), params);
    }

    /**
     * {@code −log p(x_observed|z)} of each example split by column kind: {@code out[3r + k]} for
     * example {@code r} and kind {@code k} (the ordinal of {@link ValueLayout.Kind}), in nats.
     *
     * @param params {@code rows × (D + C)} decoder outputs
     * @param x      {@code rows × D} values, NaN where missing
     * @param rows   examples
     * @param out    receives {@code 3 × rows} values
     */
    public void negativeLogLikelihoodByKind(float[] params, float[] x, int rows, double[] out) {
        for (int r = 0; r < rows; r++) {
            row(params, r * outputs, x, r * values, null, out, 3 * r);
        }
    }

    /** One example's negative log-likelihood; its gradient (if asked) into {@code grad} at {@code po}, its share per kind (if asked) into {@code kinds} at {@code ko}. */
    private double row(float[] p, int po, float[] x, int xo, float[] grad, double[] kinds, int ko) {
        if (kinds != null) {
            java.util.Arrays.fill(kinds, ko, ko + 3, 0);
        }
        double nll = 0;
        if (grad != null) {
            java.util.Arrays.fill(grad, po, po + outputs, 0f);
        }
        int logvarAt = po + values;
        for (Segment s : layout.segments()) {
            int at = s.offset();
            double before = nll;
            switch (s.kind()) {
                case CONTINUOUS -> {
                    float v = x[xo + at];
                    int lv = logvarAt++;
                    if (Float.isNaN(v)) {
                        continue;
                    }
                    double mean = p[po + at];
                    double logvar = p[lv];
                    boolean clamped = logvar > MAX_LOG_VARIANCE || logvar < -MAX_LOG_VARIANCE;
                    double expL = Math.exp(Math.max(-MAX_LOG_VARIANCE, Math.min(MAX_LOG_VARIANCE, logvar)));
                    double variance = expL + MIN_VARIANCE;
                    double diff = v - mean;
                    double ratio = diff * diff / variance;
                    nll += 0.5 * (LOG_2PI + Math.log(variance) + ratio);
                    if (grad != null) {
                        grad[po + at] = (float) (-diff / variance);
                        grad[lv] = clamped ? 0f : (float) (0.5 * (1 - ratio) * expL / variance);
                    }
                }
                case BINARY -> {
                    float v = x[xo + at];
                    if (Float.isNaN(v)) {
                        continue;
                    }
                    double logit = p[po + at];
                    // softplus(l) − v·l, computed without overflow
                    nll += Math.max(logit, 0) + Math.log1p(Math.exp(-Math.abs(logit))) - v * logit;
                    if (grad != null) {
                        grad[po + at] = (float) (1 / (1 + Math.exp(-logit)) - v);
                    }
                }
                case CATEGORICAL -> {
                    if (Float.isNaN(x[xo + at])) {
                        continue;
                    }
                    double max = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < s.width(); k++) {
                        max = Math.max(max, p[po + at + k]);
                    }
                    double sum = 0;
                    double target = 0;
                    for (int k = 0; k < s.width(); k++) {
                        sum += Math.exp(p[po + at + k] - max);
                        target += x[xo + at + k] * p[po + at + k];
                    }
                    double logSum = max + Math.log(sum);
                    nll += logSum - target; // −log softmax at the one-hot target
                    if (grad != null) {
                        for (int k = 0; k < s.width(); k++) {
                            grad[po + at + k] = (float) (Math.exp(p[po + at + k] - logSum) - x[xo + at + k]);
                        }
                    }
                }
            }
            if (kinds != null) {
                kinds[ko + s.kind().ordinal()] += nll - before;
            }
        }
        return nll;
    }

    /**
     * E[x|z] per value: a continuous column's mean, a binary column's probability of 1, a
     * categorical column's category probabilities. No gradient flows through it.
     */
    @Override
    public Var mean(Graph g, Var params) {
        if (params.cols() != outputs) {
            throw new IllegalArgumentException("the decoder gives " + params.value() + " but the table needs "
                    + outputs + " outputs per example");
        }
        int rows = params.rows();
        float[] p = params.data();
        Tensor out = g.allocate(rows, values);
        float[] o = out.data();
        for (int r = 0; r < rows; r++) {
            int po = r * outputs;
            int oo = r * values;
            for (Segment s : layout.segments()) {
                int at = s.offset();
                switch (s.kind()) {
                    case CONTINUOUS -> o[oo + at] = p[po + at];
                    case BINARY -> o[oo + at] = (float) (1 / (1 + Math.exp(-p[po + at])));
                    case CATEGORICAL -> softmax(p, po + at, s.width(), o, oo + at);
                }
            }
        }
        return g.constant(out);
    }

    /**
     * The log-variances' standard deviations: {@code sqrt(exp(log σ²) + floor)} per continuous
     * column, for drawing samples of p(x|z) and for imputation's spread.
     *
     * @param params the decoder's outputs for one example, {@code D + C} values from {@code from}
     * @param from   where the example's outputs start
     * @param column the index among continuous columns, 0-based
     * @return the column's standard deviation under p(x|z)
     */
    public double standardDeviation(float[] params, int from, int column) {
        double logvar = Math.max(-MAX_LOG_VARIANCE, Math.min(MAX_LOG_VARIANCE, params[from + values + column]));
        return Math.sqrt(Math.exp(logvar) + MIN_VARIANCE);
    }

    /**
     * Draws rows from p(x|z): a continuous value from its Gaussian, a binary one from its
     * Bernoulli, a category from its softmax (written one-hot). Row {@code r} uses stream
     * {@code streams[r]} of {@code rng} alone, so a row depends only on its z and its stream.
     *
     * @param params  {@code count × (D + C)} decoder outputs
     * @param count   rows
     * @param rng     the generator
     * @param streams one stream per row
     * @param out     receives {@code count × D} values
     */
    public void draw(float[] params, int count, CounterRng rng, long[] streams, float[] out) {
        for (int r = 0; r < count; r++) {
            int po = r * outputs;
            int oo = r * values;
            long key = rng.streamKey(streams[r]);
            long gaussians = 0;
            long uniforms = UNIFORMS; // apart from the Gaussians' values, so the two never share bits
            int continuous = 0;
            for (Segment s : layout.segments()) {
                int at = s.offset();
                switch (s.kind()) {
                    case CONTINUOUS -> {
                        double sd = standardDeviation(params, po, continuous++);
                        out[oo + at] = (float) (params[po + at] + sd * CounterRng.gaussianAt(key, gaussians++));
                    }
                    case BINARY -> {
                        double p = 1 / (1 + Math.exp(-params[po + at]));
                        out[oo + at] = uniform(key, uniforms++) < p ? 1f : 0f;
                    }
                    case CATEGORICAL -> {
                        softmax(params, po + at, s.width(), out, oo + at);
                        double u = uniform(key, uniforms++);
                        int chosen = s.width() - 1;
                        double cumulative = 0;
                        for (int k = 0; k < s.width(); k++) {
                            cumulative += out[oo + at + k];
                            if (u < cumulative) {
                                chosen = k;
                                break;
                            }
                        }
                        java.util.Arrays.fill(out, oo + at, oo + at + s.width(), 0f);
                        out[oo + at + chosen] = 1f;
                    }
                }
            }
        }
    }

    private static double uniform(long key, long index) {
        return (CounterRng.bitsAt(key, index) >>> 11) * 0x1.0p-53;
    }

    private static void softmax(float[] p, int from, int width, float[] out, int to) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < width; k++) {
            max = Math.max(max, p[from + k]);
        }
        double sum = 0;
        for (int k = 0; k < width; k++) {
            sum += Math.exp(p[from + k] - max);
        }
        for (int k = 0; k < width; k++) {
            out[to + k] = (float) (Math.exp(p[from + k] - max) / sum);
        }
    }

    private void check(Var params, Var x) {
        if (x.cols() != values || params.cols() != outputs || params.rows() != x.rows()) {
            throw new IllegalArgumentException("the decoder gives " + params.value() + " for data " + x.value()
                    + " but the table needs " + outputs + " outputs for " + values + " values per example");
        }
    }
}
