package vae.spark;

import java.io.Serializable;
import java.util.List;
import vae.core.graph.Parameter;
import vae.core.optim.Adam;

/**
 * What local SGD ships between the driver and the partitions: every parameter's values and Adam's
 * two moments (in the model's parameter order), Adam's step count and the global step, plus, coming
 * back from a partition, the steps it took and its summed training loss.
 */
final class ModelState implements Serializable {
    private static final long serialVersionUID = 1L;

    final float[][] weights;
    final float[][] firstMoments;
    final float[][] secondMoments;
    final long adamStep;
    final long globalStep;
    final int steps;
    final double lossSum;
    final long examples;

    ModelState(float[][] weights, float[][] firstMoments, float[][] secondMoments, long adamStep, long globalStep,
               int steps, double lossSum, long examples) {
        this.weights = weights;
        this.firstMoments = firstMoments;
        this.secondMoments = secondMoments;
        this.adamStep = adamStep;
        this.globalStep = globalStep;
        this.steps = steps;
        this.lossSum = lossSum;
        this.examples = examples;
    }

    /** A copy of the model's parameters and {@code adam}'s state. */
    static ModelState of(List<Parameter> parameters, Adam adam, long globalStep, int steps, double lossSum,
                         long examples) {
        int n = parameters.size();
        float[][] w = new float[n][];
        float[][] m = new float[n][];
        float[][] v = new float[n][];
        for (int i = 0; i < n; i++) {
            w[i] = parameters.get(i).value().data().clone();
            m[i] = adam.firstMoment(i).clone();
            v[i] = adam.secondMoment(i).clone();
        }
        return new ModelState(w, m, v, adam.stepCount(), globalStep, steps, lossSum, examples);
    }

    /** Copies the state into the model's parameters and {@code adam}. */
    void restore(List<Parameter> parameters, Adam adam) {
        for (int i = 0; i < parameters.size(); i++) {
            System.arraycopy(weights[i], 0, parameters.get(i).value().data(), 0, weights[i].length);
            System.arraycopy(firstMoments[i], 0, adam.firstMoment(i), 0, firstMoments[i].length);
            System.arraycopy(secondMoments[i], 0, adam.secondMoment(i), 0, secondMoments[i].length);
        }
        adam.setStepCount(adamStep);
    }

    /**
     * The mean of the partitions' states, summed in partition order (the order of {@code parts},
     * never the order tasks finished in), so a run is the same bits for a given partition count.
     */
    static ModelState average(List<ModelState> parts, long startStep) {
        ModelState first = parts.get(0);
        int n = first.weights.length;
        float[][] w = new float[n][];
        float[][] m = new float[n][];
        float[][] v = new float[n][];
        long adamStep = 0;
        int steps = 0;
        double loss = 0;
        long examples = 0;
        for (ModelState p : parts) {
            adamStep = Math.max(adamStep, p.adamStep);
            steps = Math.max(steps, p.steps);
            loss += p.lossSum;
            examples += p.examples;
        }
        for (int i = 0; i < n; i++) {
            w[i] = mean(parts, i, 0);
            m[i] = mean(parts, i, 1);
            v[i] = mean(parts, i, 2);
        }
        return new ModelState(w, m, v, adamStep, startStep + steps, steps, loss, examples);
    }

    private static float[] mean(List<ModelState> parts, int param, int which) {
        int len = parts.get(0).weights[param].length;
        double[] sum = new double[len];
        for (ModelState p : parts) {
            float[] a = which == 0 ? p.weights[param] : which == 1 ? p.firstMoments[param] : p.secondMoments[param];
            for (int j = 0; j < len; j++) {
                sum[j] += a[j];
            }
        }
        float[] out = new float[len];
        for (int j = 0; j < len; j++) {
            out[j] = (float) (sum[j] / parts.size());
        }
        return out;
    }
}
