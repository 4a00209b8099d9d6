package vae.core.spi;

import java.util.List;

/**
 * A VAE variant as a service: found with {@link java.util.ServiceLoader} on the module path,
 * listed by {@code vae variants}, built by {@code vae train --variant NAME}. The built-in
 * variants use nothing a third-party provider could not.
 */
public interface VariantProvider {

    /** The name users pass to {@code --variant}, lower-case with dashes, e.g. {@code beta-vae}. */
    String name();

    /** One line on what it is, e.g. with the paper it follows. */
    String description();

    /** Its hyperparameters, with defaults, meanings and valid ranges. */
    List<Hyperparameter> hyperparameters();

    /**
     * Checks constraints between hyperparameters that each one's own range cannot express, e.g.
     * that a weight made of two of them is not negative. Throws {@link IllegalArgumentException}
     * with a one-line message saying what is wrong and how to fix it; the default accepts all.
     */
    default void validate(HyperparameterValues values) {
    }

    /** A new model with freshly initialised parameters. */
    Variant create(VariantConfig config);
}
