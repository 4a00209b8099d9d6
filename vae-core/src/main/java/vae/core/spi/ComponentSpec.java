package vae.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One axis of a model as recorded: the component's name and every hyperparameter's value as text,
 * in declaration order.
 *
 * @param name            the component's name, e.g. {@code conv}
 * @param hyperparameters every hyperparameter's value as text
 */
public record ComponentSpec(String name, Map<String, String> hyperparameters) {

    public ComponentSpec {
        hyperparameters = Collections.unmodifiableMap(new LinkedHashMap<>(hyperparameters));
    }

    /**
     * The component with its validated values; a hyperparameter {@link Hyperparameter#addedLater() added
     * later} is left out at its default, so that the record is the one older versions wrote.
     */
    public static ComponentSpec of(Component c, HyperparameterValues values) {
        Map<String, String> text = new LinkedHashMap<>();
        values.asMap().forEach((k, v) -> text.put(k, HyperparameterValues.text(v)));
        for (Hyperparameter<?> h : c.hyperparameters()) {
            Object byDefault = HyperparameterValues.parse(c.name(), List.of(h), Map.of(), Map.of()).asMap().get(h.name());
            if (h.addedLater() && byDefault.equals(values.asMap().get(h.name()))) {
                text.remove(h.name());
            }
        }
        return new ComponentSpec(c.name(), text);
    }

    /** {@code name (k=v, ...)}, or the bare name when it has no hyperparameters. */
    @Override
    public String toString() {
        if (hyperparameters.isEmpty()) {
            return name;
        }
        StringBuilder b = new StringBuilder(name).append(" (");
        hyperparameters.forEach((k, v) -> b.append(k).append('=').append(v).append(", "));
        b.setLength(b.length() - 2);
        return b.append(')').toString();
    }
}
