package vae.core.optim;

import java.util.ArrayList;
import java.util.List;
import vae.core.graph.Parameter;
import vae.core.backend.AdamStep;
import vae.core.backend.Backend;

/**
 * Adam (Kingma and Ba) exactly as {@code torch.optim.Adam} computes it, one fused backend pass
 * per parameter tensor.
 */
public final class Adam {
    private final List<Parameter> parameters;
    private final List<float[]> firstMoments = new ArrayList<>();
    private final List<float[]> secondMoments = new ArrayList<>();
    private final AdamConfig config;
    private long step;

    public Adam(List<Parameter> parameters, AdamConfig config) {
        this.parameters = List.copyOf(parameters);
        this.config = config;
        for (Parameter p : parameters) {
            firstMoments.add(new float[p.size()]);
            secondMoments.add(new float[p.size()]);
        }
    }

    public AdamConfig config() {
        return config;
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
        AdamStep s = AdamStep.of(config.lr(), config.beta1(), config.beta2(), config.eps(), config.weightDecay(), step);
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            backend.adam(p.value().data(), p.grad().data(), firstMoments.get(i), secondMoments.get(i), p.size(), s);
        }
    }
}
