package vae.api;

import vae.core.backend.Backend;
import vae.core.data.Dataset;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.spi.Encoding;
import vae.core.spi.Model;
import vae.core.tensor.Tensor;

/** A model used without gradients, on flat arrays: latents of examples and the images latents decode to. */
final class Inference {
    private final Backend backend;
    private final Model model;

    Inference(Backend backend, Model model) {
        this.backend = backend;
        this.model = model;
    }

    /** The latent means and log-variances of examples {@code from .. from+count-1}, {@code count × latent} each. */
    void encode(Dataset data, int from, int count, float[] mu, float[] logvar) {
        Graph g = Graph.inference(backend);
        Tensor x = g.allocate(count, data.shape().channels(), data.shape().height(), data.shape().width());
        data.copyRange(from, count, x.data());
        Encoding e = model.encode(g, g.constant(x));
        int n = count * model.latentDim();
        System.arraycopy(e.mu().data(), 0, mu, 0, n);
        System.arraycopy(e.logvar().data(), 0, logvar, 0, n);
    }

    /** The latent means of examples {@code from .. from+count-1}, {@code count × latent}. */
    float[] encodeMeans(Dataset data, int from, int count) {
        float[] mu = new float[count * model.latentDim()];
        encode(data, from, count, mu, new float[mu.length]);
        return mu;
    }

    /** The decoder's outputs (the parameters of p(x|z)) for {@code count} latents. */
    float[] decodeOutputs(float[] z, int count) {
        Graph g = Graph.inference(backend);
        Tensor zt = g.allocate(count, model.latentDim());
        System.arraycopy(z, 0, zt.data(), 0, count * model.latentDim());
        return model.decode(g, g.constant(zt)).data().clone();
    }

    /** E[x|z] for {@code count} latents, {@code count × C·H·W} values. */
    float[] decodeMeans(float[] z, int count) {
        Graph g = Graph.inference(backend);
        Tensor zt = g.allocate(count, model.latentDim());
        System.arraycopy(z, 0, zt.data(), 0, count * model.latentDim());
        Var mean = model.likelihood().mean(g, model.decode(g, g.constant(zt)));
        return mean.data().clone();
    }
}
