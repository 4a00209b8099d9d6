package vae.core.optim;

import java.util.ArrayList;
import java.util.List;
import vae.core.graph.Parameter;
import vae.core.backend.AdamStep;
import vae.core.backend.Backend;

/**
 * Adam (Kingma and Ba) exactly as {@code torch.optim.Adam} computes it, one fused backend pass
 * per parameter tensor; with {@link AdamConfig#initialSecondMoment()} above 0 its second moments
 * start there instead of at 0.
 */
public final class Adam {
    private final List<Parameter> parameters;
    private final List<float[]> firstMoments = new ArrayList<>();
    private final List<float[]> secondMoments = new ArrayList<>();
    private final AdamConfig config;
    private double learningRate;
    private long step;

    public Adam(List<Parameter> parameters, AdamConfig config) {
        this.parameters = List.copyOf(parameters);
        this.config = config;
        this.learningRate = config.lr();
        for (Parameter p : parameters) {
            firstMoments.add(new float[p.size()]);
            float[] v = new float[p.size()];
            java.util.Arrays.fill(v, (float) config.initialSecondMoment());
            secondMoments.add(v);
        }
    }

    /** Its settings; {@code lr} is the base rate, which a schedule may change with {@link #setLearningRate}. */
    public AdamConfig config() {
        return config;
    }

    /** The learning rate of the next steps: the base rate unless {@link #setLearningRate} changed it. */
    public double learningRate() {
        return learningRate;
    }

    /** Sets the learning rate of the next steps (a schedule's rate); the base rate in {@link #config()} stays. */
    public void setLearningRate(double lr) {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + lr);
        }
        this.learningRate = lr;
    }

    /** The number of updates made so far. */
    public long stepCount() {
        return step;
    }

    /** The first-moment buffer of parameter {@code i}, for checkpoints. */
    public float[] firstMoment(int i) {
        return firstMoments.get(i);
    }

    /** The second-moment buffer of parameter {@code i}, for checkpoints. */
    public float[] secondMoment(int i) {
        return secondMoments.get(i);
    }

    /** Restores the step count (moments are restored through their buffers). */
    public void setStepCount(long steps) {
        this.step = steps;
    }

    /** Clears every parameter's gradient. */
    public void zeroGrad() {
        for (Parameter p : parameters) {
            p.zeroGrad();
        }
    }

    /** Moves every parameter by one Adam step using its accumulated gradient, then zeroes the gradient. */
    public void step(Backend backend) {
        step++;
        AdamStep s = AdamStep.of(learningRate, config.beta1(), config.beta2(), config.eps(), config.weightDecay(), step);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            backend.adam(p.value().data(), p.grad().data(), firstMoments.get(i), secondMoments.get(i), p.size(), s);
        }
    }
}
