package vae.api;

import vae.core.backend.Backend;
import vae.core.data.Dataset;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.SoftmaxCrossEntropy;
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

    /**
     * The latent means and log-variances of examples {@code from .. from+count-1}, {@code count × latent}
     * each: the posterior's code ({@link Model#posteriorCode}), the encoder's output for most priors.
     */
    void encode(Dataset data, int from, int count, float[] mu, float[] logvar) {
        Graph g = Graph.inference(backend);
        Tensor x = g.allocate(count, data.shape().channels(), data.shape().height(), data.shape().width());
        data.copyRange(from, count, x.data());
        Model m = model.forBatch(g, () -> data.labelRange(from, count));
        Encoding e = m.posteriorCode(g, m.encode(g, g.constant(x)));
        int n = count * model.latentDim();
        System.arraycopy(e.mu().data(), 0, mu, 0, n);
        System.arraycopy(e.logvar().data(), 0, logvar, 0, n);
    }

    /** The latent means of examples {@code from .. from+count-1} (given their labels, for a CVAE), {@code count × latent}. */
    float[] encodeMeans(Dataset data, int from, int count) {
        float[] mu = new float[count * model.latentDim()];
        encode(data, from, count, mu, new float[mu.length]);
        return mu;
    }

    /**
     * The decoder's outputs (the parameters of p(x|z)) for {@code count} latents; a conditional
     * model's with their {@code labels} (else null).
     */
    float[] decodeOutputs(float[] z, int[] labels, int count) {
        Graph g = Graph.inference(backend);
        return decoded(g, z, labels, count).data().clone();
    }

    /** E[x|z] for {@code count} latents (given {@code labels} for a conditional model), {@code count × C·H·W} values. */
    float[] decodeMeans(float[] z, int[] labels, int count) {
        Graph g = Graph.inference(backend);
        return model.likelihood().mean(g, decoded(g, z, labels, count)).data().clone();
    }

    private Var decoded(Graph g, float[] z, int[] labels, int count) {
        Tensor zt = g.allocate(count, model.latentDim());
        System.arraycopy(z, 0, zt.data(), 0, count * model.latentDim());
        Model m = model;
        if (model.conditionClasses() > 0) {
            if (labels == null || labels.length != count) {
                throw new IllegalArgumentException("a conditional model decodes given one label per latent: "
                        + count + " latents, " + (labels == null ? "no" : labels.length) + " labels");
            }
            m = model.given(g, labels);
        }
        return m.decode(g, g.constant(zt));
    }

    /** q(y|x) of a model with a classifier for examples {@code from .. from+count-1}, {@code count × classes} probabilities. */
    float[] classProbabilities(Dataset data, int from, int count) {
        Graph g = Graph.inference(backend);
        Tensor x = g.allocate(count, data.shape().channels(), data.shape().height(), data.shape().width());
        data.copyRange(from, count, x.data());
        return SoftmaxCrossEntropy.probabilities(model.classify(g, g.constant(x)).data(), count,
                model.conditionClasses());
    }
}
