package vae.core.eval;

import vae.core.backend.Backend;
import vae.core.data.Dataset;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.random.CounterRng;
import vae.core.spi.Encoding;
import vae.core.spi.Model;
import vae.core.tensor.Tensor;

/**
 * Fills the missing values (NaN) of examples with MIWAE's single imputation (Mattei &amp; Frellsen
 * 2019): k samples z_s of q(z|x_observed), self-normalised importance weights
 * {@code w_s ∝ p(x_observed|z_s) p(z_s) / q(z_s|x_observed)}, and for each missing value
 * {@code Σ_s w_s E[x|z_s]}: the conditional mean of a continuous value, the probabilities of a
 * binary value or of each category (whose largest gives the most probable category). Observed
 * values are copied unchanged.
 *
 * <p>The samples are {@link ExampleScorer}'s (the same streams), so an
 * imputation depends only on the seed, the example and k.
 */
public final class MissingValueImputer {
    private final Backend backend;
    private final Model model;
    private final CounterRng rng;
    private final int samples;
    private final Graph graph;

    /**
     * @param samples k, the importance samples per example, at least 1
     * @throws IllegalArgumentException if the model has no posterior or cannot leave missing values out
     */
    public MissingValueImputer(Backend backend, Model model, CounterRng rng, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("the number of importance samples must be at least 1, got " + samples);
        }
        if (!model.canSampleFromPrior()) {
            throw new IllegalArgumentException("imputation weighs samples of q(z|x) by p(z), and this model has no prior");
        }
        if (!model.likelihood().acceptsMissingValues()) {
            throw new IllegalArgumentException("likelihood '" + model.likelihood().name() + "' cannot leave missing "
                    + "values out; imputation needs a model trained with likelihood 'mixed'");
        }
        this.backend = backend;
        this.model = model;
        this.rng = rng;
        this.samples = samples;
        this.graph = Graph.inference(backend);
    }

    /**
     * Imputes examples {@code from .. from+count−1} of {@code data} into {@code out}
     * ({@code count × dimension} values): observed values as they are, missing ones filled.
     */
    public void impute(Dataset data, int from, int count, float[] out) {
        int dim = data.dimension();
        graph.reset();
        Tensor x = graph.allocate(count, data.shape().channels(), data.shape().height(), data.shape().width());
        data.copyRange(from, count, x.data());
        float[] values = x.data().clone();
        Encoding q = model.encode(graph, graph.constant(x));
        float[] mu = q.mu().data().clone();
        float[] logvar = q.logvar().data().clone();

        int chunk = ImportanceChunk.size(samples, count);
        double[] maxLogWeight = new double[count];
        java.util.Arrays.fill(maxLogWeight, Double.NEGATIVE_INFINITY);
        double[] weightSum = new double[count];
        double[] weighted = new double[count * dim];
        for (int first = 0; first < samples; first += chunk) {
            int c = Math.min(chunk, samples - first);
            ImportanceChunk drawn = ImportanceChunk.draw(graph, backend, model, rng, mu, logvar, values, data.shape(),
                    from, count, first, c);
            Var decoded = drawn.decoded();
            float[] logWeights = drawn.logWeights().data();
            float[] means = model.likelihood().mean(graph, decoded).data();
            for (int s = 0; s < c; s++) {
                for (int b = 0; b < count; b++) {
                    double lw = logWeights[s * count + b];
                    if (lw > maxLogWeight[b]) { // rescale what is summed so far to the new maximum
                        double scale = Math.exp(maxLogWeight[b] - lw);
                        weightSum[b] *= scale;
                        for (int j = 0; j < dim; j++) {
                            weighted[b * dim + j] *= scale;
                        }
                        maxLogWeight[b] = lw;
                    }
                    double w = Math.exp(lw - maxLogWeight[b]);
                    weightSum[b] += w;
                    int m = (s * count + b) * dim;
                    for (int j = 0; j < dim; j++) {
                        weighted[b * dim + j] += w * means[m + j];
                    }
                }
            }
        }
        for (int b = 0; b < count; b++) {
            for (int j = 0; j < dim; j++) {
                float v = values[b * dim + j];
                out[b * dim + j] = Float.isNaN(v) ? (float) (weighted[b * dim + j] / weightSum[b]) : v;
            }
        }
        graph.reset();
    }
}
