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
 */
public record ModelSpec(String variant, ComponentSpec objective, ComponentSpec architecture, ComponentSpec prior,
                        ComponentSpec likelihood, ComponentSpec posterior, int conditionClasses) {

    /** The largest number of classes a conditional model takes: one-hot labels wider than this are a mistake. */
    public static final int MAX_CONDITION_CLASSES = 4096;

    /** A model of x alone. */
    public ModelSpec(String variant, ComponentSpec objective, ComponentSpec architecture, ComponentSpec prior,
                     ComponentSpec likelihood, ComponentSpec posterior) {
        this(variant, objective, architecture, prior, likelihood, posterior, 0);
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
                + (conditionClasses == 0 ? "" : ", conditioned on " + conditionClasses + " label classes");
    }
}
