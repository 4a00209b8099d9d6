package vae.core.eval;

import vae.core.backend.Backend;
import vae.core.data.ExampleShape;
import vae.core.graph.Graph;
import vae.core.graph.RepeatOps;
import vae.core.graph.Var;
import vae.core.random.CounterRng;
import vae.core.random.RandomPurpose;
import vae.core.spi.Model;
import vae.core.spi.PosteriorSample;
import vae.core.tensor.Tensor;

/**
 * Samples {@code first .. first+c−1} of q(z|x) for a run of examples, decoded and weighed: what
 * scoring and imputation share. Sample s of example i is values {@code s·L ..} of the importance
 * stream of example i, so both see the same z for the same seed, example and k. Rows are
 * sample-major: row {@code s·count + b} is sample s of example b.
 *
 * @param decoded    the decoder's outputs for each row
 * @param nll        −log p(x|z) of each row, in nats
 * @param logWeights log p(x, z) − log q(z|x) of each row
 */
record ImportanceChunk(Var decoded, Var nll, Var logWeights) {

    /** Rows (examples × samples) decoded at once: big enough for efficient GEMMs, small in memory. */
    static final int MAX_ROWS = 4096;

    /** How many samples of each of {@code count} examples a chunk takes, for {@code samples} in all. */
    static int size(int samples, int count) {
        return Math.max(1, Math.min(samples, MAX_ROWS / count));
    }

    /**
     * Draws the chunk in {@code graph} (reset first), for examples {@code from .. from+count−1}
     * with posteriors {@code mu}, {@code logvar} ({@code count × latent}) and values {@code x}.
     */
    static ImportanceChunk draw(Graph graph, Backend backend, Model model, CounterRng rng, float[] mu, float[] logvar,
                                float[] x, ExampleShape shape, int from, int count, int first, int c) {
        return draw(graph, backend, model, rng, mu, logvar, x, shape, null, null, from, count, first, c);
    }

    /**
     * As {@link #draw(Graph, Backend, Model, CounterRng, float[], float[], float[], ExampleShape, int, int, int, int)},
     * with example b's importance stream that of index {@code indices[b]} (null: {@code from + b}), and
     * for a conditional model the examples' {@code labels} (else null).
     */
    static ImportanceChunk draw(Graph graph, Backend backend, Model base, CounterRng rng, float[] mu,
                                float[] logvar, float[] x, ExampleShape shape, long[] indices, int[] labels, int from,
                                int count, int first, int c) {
        int latent = base.latentDim();
        graph.reset();
        Model model = labels == null ? base : base.given(graph, labels);
        Tensor muT = graph.allocate(count, latent);
        Tensor logvarT = graph.allocate(count, latent);
        System.arraycopy(mu, 0, muT.data(), 0, count * latent);
        System.arraycopy(logvar, 0, logvarT.data(), 0, count * latent);
        Tensor xt = graph.allocate(count, shape.channels(), shape.height(), shape.width());
        System.arraycopy(x, 0, xt.data(), 0, count * shape.size());
        Var muR = RepeatOps.repeatBatch(graph, graph.constant(muT), c);
        Var logvarR = RepeatOps.repeatBatch(graph, graph.constant(logvarT), c);
        Tensor eps = graph.allocate(c * count, latent);
        float[] samplesOfOne = graph.allocate(c * latent).data();
        for (int b = 0; b < count; b++) {
            // The chunk's samples of one example are consecutive in its stream: one fill, then rows.
            long index = indices == null ? from + b : indices[b];
            backend.fillGaussian(rng, RandomPurpose.IMPORTANCE.stream(index), (long) first * latent,
                    samplesOfOne, 0, c * latent);
            for (int s = 0; s < c; s++) {
                System.arraycopy(samplesOfOne, s * latent, eps.data(), (s * count + b) * latent, latent);
            }
        }
        PosteriorSample z = PosteriorSample.draw(graph, model, muR, logvarR, eps);
        Var decoded = model.decode(graph, z.z());
        Var nll = model.likelihood().negativeLogLikelihood(graph, decoded,
                RepeatOps.repeatBatch(graph, graph.constant(xt), c));
        return new ImportanceChunk(decoded, nll, z.logImportanceWeights(graph, model, nll, muR, logvarR));
    }
}
