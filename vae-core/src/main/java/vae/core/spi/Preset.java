package vae.core.spi;

import java.util.Map;

/**
 * A short name for a combination users know, e.g. {@code conv-vae} for the {@code beta-vae}
 * objective at β = 1 with the {@code conv} architecture. {@code --variant} takes an objective's
 * name or a preset's; a preset fixes its architecture and may change defaults, never values the
 * user gives. Found with {@link java.util.ServiceLoader}.
 */
public abstract class Preset {
    private final String name;
    private final String description;
    private final String objective;
    private final String architecture;
    private final Map<String, String> defaults;

    /**
     * @param defaults hyperparameter defaults it changes, by plain name (e.g. {@code beta=1})
     */
    protected Preset(String name, String description, String objective, String architecture,
                     Map<String, String> defaults) {
        this.name = Component.requireName(name);
        this.description = description;
        this.objective = objective;
        this.architecture = architecture;
        this.defaults = Map.copyOf(defaults);
    }

    /** The name users pass to {@code --variant}. */
    public final String name() {
        return name;
    }

    /** One line on what it is. */
    public final String description() {
        return description;
    }

    /** The objective's name. */
    public final String objective() {
        return objective;
    }

    /** The architecture's name. */
    public final String architecture() {
        return architecture;
    }

    /** The defaults it changes. */
    public final Map<String, String> defaults() {
        return defaults;
    }
}
