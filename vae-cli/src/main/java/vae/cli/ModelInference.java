package vae.cli;

import vae.core.data.Dataset;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.backend.Backend;
import vae.core.spi.Encoding;
import vae.core.spi.Variant;
import vae.core.tensor.Tensor;

/**
 * A model used without gradients: latents of examples, and the images latents decode to
 * (the mean of p(x|z), which is what the pictures show).
 */
final class ModelInference {
    private final Backend backend;
    private final Variant variant;

    ModelInference(Backend backend, Variant variant) {
        this.backend = backend;
        this.variant = variant;
    }

    /**
     * The latent means and log-variances of examples {@code from .. from+count-1}.
     *
     * @param mu     receives {@code count × latent} means
     * @param logvar receives {@code count × latent} log-variances
     */
    void encode(Dataset data, int from, int count, float[] mu, float[] logvar) {
        Graph g = Graph.inference(backend);
        Tensor x = g.allocate(count, data.shape().channels(), data.shape().height(), data.shape().width());
        data.copyRange(from, count, x.data());
        Encoding e = variant.encode(g, g.constant(x));
        int n = count * variant.latentDim();
        System.arraycopy(e.mu().data(), 0, mu, 0, n);
        System.arraycopy(e.logvar().data(), 0, logvar, 0, n);
    }

    /** The latent means of examples {@code from .. from+count-1}, {@code count × latent}. */
    float[] encodeMeans(Dataset data, int from, int count) {
        float[] mu = new float[count * variant.latentDim()];
        encode(data, from, count, mu, new float[mu.length]);
        return mu;
    }

    /** E[x|z] for {@code count} latents, {@code count × C·H·W} values. */
    float[] decodeMeans(float[] z, int count) {
        Graph g = Graph.inference(backend);
        Tensor zt = g.allocate(count, variant.latentDim());
        System.arraycopy(z, 0, zt.data(), 0, count * variant.latentDim());
        Var mean = variant.likelihood().mean(g, variant.decode(g, g.constant(zt)));
        return mean.data().clone();
    }
}
