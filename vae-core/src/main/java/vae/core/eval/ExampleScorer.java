package vae.core.eval;

import vae.core.backend.Backend;
import vae.core.data.Dataset;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.ImportanceWeightedBound;
import vae.core.loss.MixedLikelihood;
import vae.core.loss.SoftmaxCrossEntropy;
import vae.core.random.CounterRng;
import vae.core.spi.Encoding;
import vae.core.spi.Model;
import vae.core.tensor.Tensor;

/**
 * Scores examples under a trained model, without gradients: the reconstruction of x at z = μ,
 * the ELBO with its reconstruction term averaged over k samples of q(z|x) and the KL in closed
 * form, and the importance-sampled log-likelihood {@code log (1/k) Σ_s p(x, z_s) / q(z_s|x)}
 * (Burda et al.): an estimate of the k-sample bound L_k, whose expectation is at most log p(x)
 * and rises towards it as k grows.
 *
 * <p>Sample s of example i is values {@code s·L ..} of the importance stream of example i, so a
 * score depends only on the seed, the example and k: not on the batch it was scored in, nor on
 * the thread count. A part of a data set scored on its own (one partition of a distributed data
 * set) gets the scores of the whole when each example is given its index in the whole. The k samples are decoded in chunks of at most {@code ImportanceChunk.MAX_ROWS} rows (or
 * one sample per example for bigger batches), so k = 5000 needs no more memory than k = 50.
 */
public final class ExampleScorer {

    private final Backend backend;
    private final Model model;
    private final CounterRng rng;
    private final int samples;
    private final Graph graph;

    /**
     * @param samples k, the importance samples per example (at least 1); ignored by models that
     *                have no posterior to sample (see {@link #hasPosterior()})
     */
    public ExampleScorer(Backend backend, Model model, CounterRng rng, int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("the number of importance samples must be at least 1, got " + samples);
        }
        this.backend = backend;
        this.model = model;
        this.rng = rng;
        this.samples = samples;
        this.graph = Graph.inference(backend);
    }

    /** k. */
    public int samples() {
        return samples;
    }

    /**
     * Whether the model has q(z|x) and a prior, so the ELBO and log p(x) are defined. A plain
     * autoencoder has neither; only its reconstruction is scored.
     */
    public boolean hasPosterior() {
        return model.canSampleFromPrior();
    }

    /** Scores examples {@code from .. from+count−1} of {@code data}. */
    public ScoredBatch score(Dataset data, int from, int count) {
        return score(data, from, count, null);
    }

    /**
     * Scores examples {@code from .. from+count−1} of {@code data}, example {@code from + i} with
     * the importance samples of index {@code indices[i]}: its index in the whole data set that
     * {@code data} is a part of (null: {@code from + i}, its index in {@code data}).
     */
    public ScoredBatch score(Dataset data, int from, int count, long[] indices) {
        if (model.conditionClasses() > 0 && !data.hasLabels() && !model.hasClassifier()) {
            throw new IllegalArgumentException("this is a conditional model and data set " + data.name() + " has no "
                    + "labels; pass labelled data (MNIST, an image folder with one subfolder per class)");
        }
        if (indices != null && indices.length < count) {
            throw new IllegalArgumentException(indices.length + " example indices for " + count + " examples");
        }
        int latent = model.latentDim();
        int dim = data.dimension();
        ScoredBatch out = new ScoredBatch(from, count, latent);

        graph.reset();
        Tensor x = graph.allocate(count, data.shape().channels(), data.shape().height(), data.shape().width());
        data.copyRange(from, count, x.data());
        float[] pixels = x.data().clone();
        Var xv = graph.constant(x);
        int[] labels = model.conditionClasses() == 0 ? null
                : data.hasLabels() ? data.labelRange(from, count) : predictedLabels(xv, count);
        Model model = labels == null ? this.model : this.model.given(graph, labels); // log p(x|y) for a CVAE
        Encoding q = model.encode(graph, xv);
        // the code stands for q(z|x) in the scores; the importance samples come from q itself
        Encoding code = model.posteriorCode(graph, q);
        System.arraycopy(code.mu().data(), 0, out.mu, 0, count * latent);
        System.arraycopy(code.logvar().data(), 0, out.logvar, 0, count * latent);
        float[] qMu = code == q ? out.mu : java.util.Arrays.copyOf(q.mu().data(), count * latent);
        float[] qLogvar = code == q ? out.logvar : java.util.Arrays.copyOf(q.logvar().data(), count * latent);
        Var decodedAtMean = model.decode(graph, code.mu());
        float[] reconAtMean = model.likelihood().negativeLogLikelihood(graph, decodedAtMean, xv).data();
        float[] mean = model.likelihood().mean(graph, decodedAtMean).data();
        if (model.likelihood() instanceof MixedLikelihood mixed) {
            out.reconstructionAtMeanByKind = new double[3 * count];
            mixed.negativeLogLikelihoodByKind(decodedAtMean.data(), pixels, count, out.reconstructionAtMeanByKind);
        }
        for (int b = 0; b < count; b++) {
            out.reconstructionAtMean[b] = reconAtMean[b];
            double se = 0;
            for (int j = b * dim; j < (b + 1) * dim; j++) {
                double d = pixels[j] - mean[j];
                if (d == d) { // a missing value (NaN) has no error
                    se += d * d;
                }
            }
            out.squaredError[b] = se;
        }
        if (hasPosterior()) {
            if (model.klInClosedForm()) {
                float[] kl = model.prior().kl(graph, q, q.mu()).data(); // closed form: the sample is not used
                for (int b = 0; b < count; b++) {
                    out.kl[b] = kl[b];
                }
            }
            double[] reconSum = new double[count];
            double[] klSum = new double[count];
            ImportanceWeightedBound.LogMeanExp logMeanExp = importanceSample(qMu, qLogvar, pixels, data, labels,
                    count, indices, out.from, reconSum, klSum);
            for (int b = 0; b < count; b++) {
                out.reconstruction[b] = reconSum[b] / samples;
                out.negativeLogLikelihood[b] = -logMeanExp.value(b);
                if (!model.klInClosedForm()) {
                    out.kl[b] = klSum[b] / samples;
                }
            }
            if (model.hasClassifier()) {
                marginalise(pixels, data, count, indices, out);
            }
        }
        graph.reset();
        return out;
    }

    /** Unlabelled data under M2: the terms given y are those of the classifier's most probable class. */
    private int[] predictedLabels(Var x, int count) {
        return SoftmaxCrossEntropy.argmax(model.classify(graph, x).data(), count, model.conditionClasses());
    }

    /**
     * M2's −log p(x) = −log Σ_y p(y)·p(x|y), p(y) uniform over the C classes as in its loss, each p(x|y)
     * estimated with the same k importance samples of q(z|x, y): C times the work of one label.
     */
    private void marginalise(float[] pixels, Dataset data, int count, long[] indices, ScoredBatch out) {
        int classes = model.conditionClasses();
        int latent = model.latentDim();
        double[][] logPxGivenY = new double[classes][count];
        for (int y = 0; y < classes; y++) {
            int[] labels = new int[count];
            java.util.Arrays.fill(labels, y);
            graph.reset();
            Tensor x = graph.allocate(count, data.shape().channels(), data.shape().height(), data.shape().width());
            System.arraycopy(pixels, 0, x.data(), 0, pixels.length);
            Encoding q = model.given(graph, labels).encode(graph, graph.constant(x));
            float[] mu = java.util.Arrays.copyOf(q.mu().data(), count * latent);
            float[] logvar = java.util.Arrays.copyOf(q.logvar().data(), count * latent);
            ImportanceWeightedBound.LogMeanExp logMeanExp = importanceSample(mu, logvar, pixels, data, labels, count,
                    indices, out.from, null, null);
            for (int b = 0; b < count; b++) {
                logPxGivenY[y][b] = logMeanExp.value(b);
            }
        }
        for (int b = 0; b < count; b++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int y = 0; y < classes; y++) {
                max = Math.max(max, logPxGivenY[y][b]);
            }
            double sum = 0;
            for (int y = 0; y < classes; y++) {
                sum += Math.exp(logPxGivenY[y][b] - max);
            }
            out.marginalNegativeLogLikelihood[b] = -(max + Math.log(sum / classes));
        }
    }

    /**
     * log (1/k) Σ_s p(x, z_s)/q(z_s|x) of each example, the samples drawn in chunks; when given, adds each
     * sample's −log p(x|z) to {@code reconSum} and its log q − log p to {@code klSum}.
     */
    private ImportanceWeightedBound.LogMeanExp importanceSample(float[] mu, float[] logvar, float[] pixels,
                                                                Dataset data, int[] labels, int count,
                                                                long[] indices, int from, double[] reconSum,
                                                                double[] klSum) {
        int chunk = ImportanceChunk.size(samples, count);
        ImportanceWeightedBound.LogMeanExp logMeanExp = new ImportanceWeightedBound.LogMeanExp(count);
        for (int first = 0; first < samples; first += chunk) {
            int c = Math.min(chunk, samples - first);
            ImportanceChunk drawn = ImportanceChunk.draw(graph, backend, model, rng, mu, logvar, pixels,
                    data.shape(), indices, labels, from, count, first, c);
            Var nll = drawn.nll();
            Var logWeights = drawn.logWeights();
            logMeanExp.add(logWeights.data(), c);
            if (reconSum == null) {
                continue;
            }
            float[] n = nll.data();
            float[] lw = logWeights.data();
            for (int s = 0; s < c; s++) {
                for (int b = 0; b < count; b++) {
                    reconSum[b] += n[s * count + b];
                    // log q(z|x) − log p(z) = −log w − nll: the KL's estimate when it has no closed form
                    klSum[b] -= (double) lw[s * count + b] + n[s * count + b];
                }
            }
        }
        return logMeanExp;
    }
}
