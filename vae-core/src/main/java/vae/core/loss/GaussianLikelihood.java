package vae.core.loss;

import vae.core.graph.Graph;
import vae.core.graph.ShapeOps;
import vae.core.graph.Var;
import vae.core.backend.Backend;
import vae.core.tensor.Tensor;

/**
 * p(x|z) as independent Gaussians, for real-valued data. With a learned variance the decoder
 * gives {@code 2·D} values per example, the means then the log-variances; with a fixed unit
 * variance it gives the {@code D} means only.
 */
public final class GaussianLikelihood implements Likelihood {
    private final boolean learnedVariance;

    public GaussianLikelihood(boolean learnedVariance) {
        this.learnedVariance = learnedVariance;
    }

    @Override
    public String name() {
        return learnedVariance ? "gaussian" : "gaussian-unit-variance";
    }

    @Override
    public int decoderOutputs(int values) {
        return learnedVariance ? 2 * values : values;
    }

    /** {@code −log N(x; μ, σ²)} per example, shape {@code [B]}, in nats. */
    @Override
    public Var negativeLogLikelihood(Graph g, Var params, Var x) {
        if (!learnedVariance) {
            return nll(g, params, null, x);
        }
        if (params.cols() != 2 * x.cols()) {
            throw new IllegalArgumentException("a learned-variance Gaussian needs 2·" + x.cols()
                    + " decoder outputs per example, got " + params.value());
        }
        int d = x.cols();
        return nll(g, ShapeOps.sliceColumns(g, params, 0, d), ShapeOps.sliceColumns(g, params, d, 2 * d), x);
    }

    private static Var nll(Graph g, Var mean, Var logvar, Var x) {
        BernoulliLikelihood.checkTargets(mean, x);
        int rows = mean.rows();
        int cols = mean.cols();
        Backend be = g.backend();
        boolean grads = g.isRecording();
        Tensor rowLoss = g.allocate(rows);
        Tensor gradMean = grads && mean.requiresGrad() ? g.allocate(rows, cols) : null;
        Tensor gradLogvar = grads && logvar != null && logvar.requiresGrad() ? g.allocate(rows, cols) : null;
        be.gaussianNll(mean.data(), logvar == null ? null : logvar.data(), x.data(), rows, cols, rowLoss.data(),
                gradMean == null ? null : gradMean.data(), gradLogvar == null ? null : gradLogvar.data());
        Var[] inputs = logvar == null ? new Var[] {mean} : new Var[] {mean, logvar};
        return g.result(rowLoss, r -> {
            if (gradMean != null) {
                be.scaleRowsAccumulate(gradMean.data(), r.gradData(), rows, cols, mean.gradData());
            }
            if (gradLogvar != null) {
                be.scaleRowsAccumulate(gradLogvar.data(), r.gradData(), rows, cols, logvar.gradData());
            }
        }, inputs);
    }

    /** The mean of p(x|z). */
    @Override
    public Var mean(Graph g, Var params) {
        return learnedVariance ? ShapeOps.sliceColumns(g, params, 0, params.cols() / 2) : params;
    }
}
