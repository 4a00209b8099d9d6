package vae.core.loss;

import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.tensor.Tensor;

/**
 * The loss of an unlabelled example under a model of x given a class (Kingma et al. 2014, M2):
 * {@code U(x) = Σ_y q(y|x)·L(x, y) − H(q(y|x))}, with {@code q(y|x) = softmax(logits)} and
 * {@code L(x, y)} the loss of x given class y; the negative of a bound on log p(x) when each
 * {@code L} is a −ELBO that includes {@code −log p(y)}. Computed in double per row.
 *
 * <p>Backward, with {@code a_y = L_y + log q_y} and {@code U = Σ_y q_y a_y}:
 * {@code dU/dL_y = q_y} and {@code dU/dlogit_y = q_y (a_y − U)}, each times the row's gradient.
 */
public final class ClassMarginal {

    private ClassMarginal() {
    }

    /**
     * U per row, shape {@code [B]}.
     *
     * @param logits    {@code [B, C]} the classifier's unnormalised log-probabilities
     * @param perClass  C vectors {@code [B]}: the loss of each row given class y
     * @throws IllegalArgumentException when the shapes disagree
     */
    public static Var of(Graph g, Var logits, Var[] perClass) {
        int rows = logits.rows();
        int classes = logits.cols();
        if (perClass.length != classes) {
            throw new IllegalArgumentException(perClass.length + " per-class losses for " + classes + " classes");
        }
        for (Var l : perClass) {
            if (l.size() != rows) {
                throw new IllegalArgumentException("a per-class loss has " + l.size() + " values for " + rows + " rows");
            }
        }
        float[] lg = logits.data();
        double[] q = new double[rows * classes];
        double[] a = new double[rows * classes];
        double[] u = new double[rows];
        Tensor out = g.allocate(rows);
        for (int b = 0; b < rows; b++) {
            int at = b * classes;
            double logSum = SoftmaxCrossEntropy.logSumExp(lg, at, classes);
            double total = 0;
            for (int c = 0; c < classes; c++) {
                double logQ = lg[at + c] - logSum;
                q[at + c] = Math.exp(logQ);
                a[at + c] = perClass[c].data()[b] + logQ;
                total += q[at + c] * a[at + c];
            }
            u[b] = total;
            out.data()[b] = (float) total;
        }
        Var[] inputs = new Var[classes + 1];
        inputs[0] = logits;
        System.arraycopy(perClass, 0, inputs, 1, classes);
        return g.result(out, r -> {
            float[] dr = r.gradData();
            for (int c = 0; c < classes; c++) {
                if (perClass[c].requiresGrad()) {
                    float[] dl = perClass[c].gradData();
                    for (int b = 0; b < rows; b++) {
                        dl[b] += (float) (dr[b] * q[b * classes + c]);
                    }
                }
            }
            if (logits.requiresGrad()) {
                float[] dlg = logits.gradData();
                for (int b = 0; b < rows; b++) {
                    for (int c = 0; c < classes; c++) {
                        int i = b * classes + c;
                        dlg[i] += (float) (dr[b] * q[i] * (a[i] - u[b]));
                    }
                }
            }
        }, inputs);
    }
}
