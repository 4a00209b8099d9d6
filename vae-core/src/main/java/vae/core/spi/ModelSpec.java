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
 */
public record ModelSpec(String variant, ComponentSpec objective, ComponentSpec architecture, ComponentSpec prior,
                        ComponentSpec likelihood, ComponentSpec posterior) {

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
    }

    /** For run headers: {@code objective beta-vae (...), arch conv (...), prior standard-normal, likelihood bernoulli}. */
    @Override
    public String toString() {
        return "objective " + objective + ", arch " + architecture + (prior == null ? ", no prior" : ", prior " + prior)
                + ", likelihood " + likelihood + (posterior == null ? "" : ", posterior " + posterior);
    }
}
