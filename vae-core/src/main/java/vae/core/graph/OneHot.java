package vae.core.graph;

import vae.core.tensor.Tensor;

/** Class labels as one-hot rows: what a conditional model's networks take as their condition. */
public final class OneHot {

    private OneHot() {
    }

    /**
     * {@code [labels.length, classes]}: row b is 1 at column {@code labels[b]} and 0 elsewhere,
     * borrowed from {@code g}.
     *
     * @throws IllegalArgumentException for a label outside {@code 0 .. classes−1}
     */
    public static Tensor of(Graph g, int[] labels, int classes) {
        Tensor t = g.zeros(labels.length, classes);
        float[] d = t.data();
        for (int b = 0; b < labels.length; b++) {
            int y = labels[b];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " is not one of the model's " + classes
                        + " classes (0.." + (classes - 1) + ")");
            }
            d[b * classes + y] = 1f;
        }
        return t;
    }
}
