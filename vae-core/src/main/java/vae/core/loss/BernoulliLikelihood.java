package vae.core.loss;

import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.backend.Backend;
import vae.core.tensor.Tensor;

/**
 * p(x|z) as independent Bernoulli variables whose logits the decoder gives; for data in [0, 1].
 * Grey values are accepted as targets, as PyTorch's binary cross-entropy accepts them.
 */
public final class BernoulliLikelihood implements Likelihood {

    @Override
    public String name() {
        return "bernoulli";
    }

    @Override
    public int decoderOutputs(int values) {
        return values;
    }

    /** {@code −log p(x|z)} per example, shape {@code [B]}, in nats; fused loss and gradient. */
    @Override
    public Var negativeLogLikelihood(Graph g, Var logits, Var x) {
        int rows = logits.rows();
        int cols = logits.cols();
        checkTargets(logits, x);
        Backend be = g.backend();
        Tensor rowLoss = g.allocate(rows);
        Tensor grad = g.isRecording() && logits.requiresGrad() ? g.allocate(rows, cols) : null;
        be.bernoulliNll(logits.data(), x.data(), rows, cols, rowLoss.data(), grad == null ? null : grad.data());
        return g.result(rowLoss,
                r -> be.scaleRowsAccumulate(grad.data(), r.gradData(), rows, cols, logits.gradData()), logits);
    }

    /** The mean of p(x|z): the sigmoid of the logits. */
    @Override
    public Var mean(Graph g, Var logits) {
        return vae.core.graph.ElementwiseOps.sigmoid(g, logits);
    }

    static void checkTargets(Var parameters, Var x) {
        if (parameters.rows() != x.rows() || parameters.cols() != x.cols()) {
            throw new IllegalArgumentException("the decoder gives " + parameters.value()
                    + " but the data is " + x.value());
        }
    }
}
