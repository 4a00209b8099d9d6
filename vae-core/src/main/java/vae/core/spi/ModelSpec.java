package vae.core.spi;

import java.util.Objects;

/**
 * A model's composition as a checkpoint records it: the name the user chose it by and each axis
 * with its hyperparameters. Together with the data shape it rebuilds the same model.
 *
 * @param variant      what {@code --variant} named: an objective or a preset, e.g. {@code conv-vae}
 * @param objective    the objective, e.g. {@code beta-vae (beta=1, ...)}
 * @param architecture the architecture, e.g. {@code conv (channels1=32, ...)}
 * @param prior        the prior, or null for an objective without one ({@code ae})
 * @param likelihood   the likelihood, e.g. {@code bernoulli}
 * @param posterior    the flow on q(z|x), e.g. {@code planar (flows=10)}, or null for the encoder's Gaussian
 * @param conditionClasses for a conditional model (CVAE), the classes of the label both networks
 *                     take; 0 for a model of x alone
 * @param classifierHidden for a semi-supervised model (M2), the hidden units of its classifier
 *                     q(y|x) over the condition's classes; 0 for none
 */
public record ModelSpec(String variant, ComponentSpec objective, ComponentSpec architecture, ComponentSpec prior,
                        ComponentSpec likelihood, ComponentSpec posterior, int conditionClasses,
                        int classifierHidden) {

    /** The most hidden units a classifier may have. */
    public static final int MAX_CLASSIFIER_HIDDEN = 65536;

    /** A model with no classifier. */
    public ModelSpec(String variant, ComponentSpec objective, ComponentSpec architecture, ComponentSpec prior,
                     ComponentSpec likelihood, ComponentSpec posterior, int conditionClasses) {
        this(variant, objective, architecture, prior, likelihood, posterior, conditionClasses, 0);
    }

    /** The largest number of classes a conditional model takes: one-hot labels wider than this are a mistake. */
    public static final int MAX_CONDITION_CLASSES = 4096;

    /** A model of x alone. */
    public ModelSpec(String variant, ComponentSpec objective, ComponentSpec architecture, ComponentSpec prior,
                     ComponentSpec likelihood, ComponentSpec posterior) {
        this(variant, objective, architecture, prior, likelihood, posterior, 0, 0);
    }

    /** A model whose q(z|x) is the encoder's Gaussian (no posterior flow). */
    public ModelSpec(String variant, ComponentSpec objective, ComponentSpec architecture, ComponentSpec prior,
                     ComponentSpec likelihood) {
        this(variant, objective, architecture, prior, likelihood, null);
    }

    public ModelSpec {
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(architecture, "architecture");
        Objects.requireNonNull(likelihood, "likelihood");
        if (conditionClasses != 0 && (conditionClasses < 2 || conditionClasses > MAX_CONDITION_CLASSES)) {
            throw new IllegalArgumentException("a conditional model needs 2 to " + MAX_CONDITION_CLASSES
                    + " label classes, not " + conditionClasses);
        }
        if (classifierHidden < 0 || classifierHidden > MAX_CLASSIFIER_HIDDEN) {
            throw new IllegalArgumentException("a classifier needs 1 to " + MAX_CLASSIFIER_HIDDEN + " hidden units, not "
                    + classifierHidden);
        }
        if (classifierHidden > 0 && conditionClasses == 0) {
            throw new IllegalArgumentException("a classifier q(y|x) belongs to a conditional model: it has no classes");
        }
    }

    /** True for a semi-supervised model (M2), which has a classifier q(y|x). */
    public boolean hasClassifier() {
        return classifierHidden > 0;
    }

    /** True for a conditional model, whose networks take a label. */
    public boolean conditional() {
        return conditionClasses > 0;
    }

    /** For run headers: {@code objective beta-vae (...), arch conv (...), prior standard-normal, likelihood bernoulli}. */
    @Override
    public String toString() {
        return "objective " + objective + ", arch " + architecture + (prior == null ? ", no prior" : ", prior " + prior)
                + ", likelihood " + likelihood + (posterior == null ? "" : ", posterior " + posterior)
                + (conditionClasses == 0 ? "" : ", conditioned on " + conditionClasses + " label classes")
                + (classifierHidden == 0 ? "" : ", classifier q(y|x) with " + classifierHidden + " hidden units");
    }
}
