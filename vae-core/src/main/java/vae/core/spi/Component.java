package vae.core.spi;

import java.util.List;

/**
 * What every pluggable part of a model has: the name users type, one line on what it is, and its
 * hyperparameters. A plugin passes these to the constructor and writes only what it builds; the
 * framework parses the hyperparameters, calls {@link #validate} and records them in checkpoints.
 */
public abstract class Component {
    private final String name;
    private final String description;
    private final List<Hyperparameter<?>> hyperparameters;

    /**
     * @param name            lower-case with dashes, e.g. {@code beta-vae}; unique within its axis
     * @param description     one line, e.g. with the paper it follows
     * @param hyperparameters its hyperparameters, with defaults, meanings and valid ranges
     */
    protected Component(String name, String description, Hyperparameter<?>... hyperparameters) {
        this.name = requireName(name);
        this.description = description;
        this.hyperparameters = List.of(hyperparameters);
    }

    /** {@code name} if it is lower-case-with-dashes, as every name users type must be. */
    static String requireName(String name) {
        if (name == null || !name.matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("component names are lower-case-with-dashes, got '" + name + "'");
        }
        return name;
    }

    /** The name users type, e.g. {@code beta-vae}. */
    public final String name() {
        return name;
    }

    /** One line on what it is. */
    public final String description() {
        return description;
    }

    /** Its hyperparameters in declaration order. */
    public List<Hyperparameter<?>> hyperparameters() {
        return hyperparameters;
    }

    /**
     * Checks constraints between hyperparameters that each one's own range cannot express, e.g.
     * that a weight made of two of them is not negative. Throws {@link IllegalArgumentException}
     * with a one-line message saying what is wrong and how to fix it; the default accepts all.
     * The framework calls it before {@code create}.
     */
    public void validate(HyperparameterValues values) {
    }

    /** Parses {@code given} against {@link #hyperparameters()} and {@link #validate validates} them. */
    public final HyperparameterValues parse(String axis, java.util.Map<String, String> given,
                                            java.util.Map<String, String> sources) {
        HyperparameterValues values = HyperparameterValues.parse(axis + " '" + name + "'", hyperparameters(), given,
                sources);
        validate(values);
        return values;
    }
}
