package vae.core.train;

import java.util.Arrays;
import java.util.List;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.ClassMarginal;
import vae.core.loss.SoftmaxCrossEntropy;
import vae.core.spi.LossContext;
import vae.core.spi.LossTerms;
import vae.core.spi.Model;
import vae.core.tensor.Tensor;

/**
 * The loss of Kingma et al.'s M2 (2014) for a conditional model with a classifier, built from
 * the model's own objective: its loss given class y, per example, is {@code L(x, y)}, to which
 * {@code −log p(y) = log C} (a uniform p(y)) is added so that it bounds {@code −log p(x, y)}.
 * <ul>
 * <li>a labelled example: {@code L(x, y)}, and the classifier's cross-entropy {@code −log q(y|x)};
 * <li>an unlabelled one: {@code U(x) = Σ_y q(y|x) L(x, y) − H(q(y|x))}, which bounds {@code −log p(x)},
 *     every class decoded ({@link ClassMarginal}).
 * </ul>
 * A step's objective is {@code mean L + mean U + w·mean(−log q(y|x))}, w the classifier weight.
 */
public final class SemiSupervisedLoss {
    /** The term of the labelled examples' bound {@code L(x, y)}. */
    public static final String LABELLED = "labelled";
    /** The term of the unlabelled examples' bound {@code U(x)}; the objective of an evaluation. */
    public static final String UNLABELLED = "unlabelled";
    /** The term of the classifier's cross-entropy on the labelled examples. */
    public static final String CLASSIFIER = "classifier";
    /** An evaluation's term: 1 where q(y|x)'s most probable class is wrong, else 0 (weight 0). */
    public static final String ERROR = "error";

    private SemiSupervisedLoss() {
    }

    /** A training step on labelled examples {@code xl} with {@code labels} and unlabelled ones {@code xu}. */
    public static LossTerms step(Graph g, Model model, Var xl, int[] labels, Var xu, LossContext context,
                                 double classifierWeight) {
        Var labelled = given(g, model, xl, labels, context);
        Var crossEntropy = SoftmaxCrossEntropy.of(g, model.classify(g, xl), labels);
        Var unlabelled = unlabelled(g, model, xu, context);
        return LossTerms.weighted(g, List.of(new LossTerms.Term(LABELLED, labelled, 1.0),
                new LossTerms.Term(UNLABELLED, unlabelled, 1.0),
                new LossTerms.Term(CLASSIFIER, crossEntropy, classifierWeight)));
    }

    /**
     * An evaluation of examples whose labels the model does not see: {@code U(x)} (the objective)
     * and, when {@code labels} are given, whether q(y|x)'s most probable class misses them
     * ({@code error}, 0 or 1 per example, weight 0).
     */
    public static LossTerms evaluate(Graph g, Model model, Var x, int[] labels, LossContext context) {
        Var u = unlabelled(g, model, x, context);
        if (labels == null) {
            return LossTerms.weighted(g, List.of(new LossTerms.Term(UNLABELLED, u, 1.0)));
        }
        int classes = model.conditionClasses();
        int[] predicted = SoftmaxCrossEntropy.argmax(model.classify(g, x).data(), labels.length, classes);
        Tensor wrong = g.allocate(labels.length);
        for (int b = 0; b < labels.length; b++) {
            wrong.data()[b] = predicted[b] == labels[b] ? 0f : 1f;
        }
        return new LossTerms(vae.core.graph.ReductionOps.mean(g, u),
                List.of(new LossTerms.Term(UNLABELLED, u, 1.0), new LossTerms.Term(ERROR, g.constant(wrong), 0.0)));
    }

    /** {@code U(x)} per example. */
    static Var unlabelled(Graph g, Model model, Var x, LossContext context) {
        int classes = model.conditionClasses();
        int rows = x.rows();
        Var[] perClass = new Var[classes];
        int[] labels = new int[rows];
        for (int c = 0; c < classes; c++) {
            Arrays.fill(labels, c);
            perClass[c] = given(g, model, x, labels, context);
        }
        return ClassMarginal.of(g, model.classify(g, x), perClass);
    }

    /** {@code L(x, y) = Σ weight·term of the objective given the labels, + log C}, per example. */
    private static Var given(Graph g, Model model, Var x, int[] labels, LossContext context) {
        LossTerms terms = model.given(g, labels.clone()).loss(g, x, context);
        Var[] parts = new Var[terms.terms().size()];
        float[] weights = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = terms.terms().get(i).perExample();
            weights[i] = (float) terms.terms().get(i).weight();
        }
        Var perExample = ElementwiseOps.weightedSum(g, parts, weights);
        Tensor logC = g.allocate(perExample.shape());
        Arrays.fill(logC.data(), (float) Math.log(model.conditionClasses()));
        return ElementwiseOps.add(g, perExample, g.constant(logC));
    }
}
