package vae.core.loss;

import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.tensor.Tensor;

/**
 * {@code −log softmax(logits)[y]} per row, in nats: the loss of a classifier q(y|x) over C
 * classes. Computed in double with each row's largest logit subtracted first; the gradient of a
 * row is {@code softmax(logits) − onehot(y)}, times the row's gradient.
 */
public final class SoftmaxCrossEntropy {

    private SoftmaxCrossEntropy() {
    }

    /**
     * −log q(y|x) per row, shape {@code [B]}.
     *
     * @param logits {@code [B, C]} unnormalised log-probabilities
     * @param labels {@code B} classes in {@code 0 .. C−1}
     * @throws IllegalArgumentException when the labels do not match the rows or lie outside the classes
     */
    public static Var of(Graph g, Var logits, int[] labels) {
        int rows = logits.rows();
        int classes = logits.cols();
        if (labels.length != rows) {
            throw new IllegalArgumentException(labels.length + " labels for " + rows + " rows of logits");
        }
        float[] l = logits.data();
        Tensor out = g.allocate(rows);
        boolean grads = g.isRecording() && logits.requiresGrad();
        float[] softmax = grads ? new float[rows * classes] : null;
        for (int b = 0; b < rows; b++) {
            int y = labels[b];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " is not one of " + classes + " classes");
            }
            int at = b * classes;
            double logSum = logSumExp(l, at, classes);
            out.data()[b] = (float) (logSum - l[at + y]);
            if (grads) {
                for (int c = 0; c < classes; c++) {
                    softmax[at + c] = (float) Math.exp(l[at + c] - logSum);
                }
            }
        }
        return g.result(out, r -> {
            float[] dl = logits.gradData();
            float[] dr = r.gradData();
            for (int b = 0; b < rows; b++) {
                for (int c = 0; c < classes; c++) {
                    float p = softmax[b * classes + c] - (c == labels[b] ? 1f : 0f);
                    dl[b * classes + c] += dr[b] * p;
                }
            }
        }, logits);
    }

    /** The probabilities softmax(logits) of each row of {@code logits [B, C]}, computed in double. */
    public static float[] probabilities(float[] logits, int rows, int classes) {
        float[] p = new float[rows * classes];
        for (int b = 0; b < rows; b++) {
            int at = b * classes;
            double logSum = logSumExp(logits, at, classes);
            for (int c = 0; c < classes; c++) {
                p[at + c] = (float) Math.exp(logits[at + c] - logSum);
            }
        }
        return p;
    }

    /** {@code log Σ_c e^{v[at + c]}} over {@code classes} values, the largest subtracted first, in double. */
    static double logSumExp(float[] v, int at, int classes) {
        double max = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < classes; c++) {
            max = Math.max(max, v[at + c]);
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += Math.exp(v[at + c] - max);
        }
        return max + Math.log(sum);
    }

    /** The most probable class of each row of {@code logits [B, C]}. */
    public static int[] argmax(float[] logits, int rows, int classes) {
        int[] out = new int[rows];
        for (int b = 0; b < rows; b++) {
            int best = 0;
            for (int c = 1; c < classes; c++) {
                best = logits[b * classes + c] > logits[b * classes + best] ? c : best;
            }
            out[b] = best;
        }
        return out;
    }
}
