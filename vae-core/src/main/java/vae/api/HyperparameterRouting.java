package vae.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vae.core.spi.Component;

/**
 * Sends each given hyperparameter to the component that declares it. A plain key must belong to
 * exactly one of the model's components; one that two declare (info-vae's and conv's
 * {@code kernel}) is written with its axis, e.g. {@code arch.kernel}.
 */
final class HyperparameterRouting {
    /** The axes in the order they are listed, with the prefix that qualifies a key. */
    enum Axis {
        OBJECTIVE("objective"), ARCHITECTURE("arch"), PRIOR("prior"), LIKELIHOOD("likelihood"), POSTERIOR("posterior");

        final String prefix;

        Axis(String prefix) {
            this.prefix = prefix;
        }
    }

    private final Map<Axis, Component> components;
    private final Map<Axis, Map<String, String>> routed = new LinkedHashMap<>();

    HyperparameterRouting(Map<Axis, Component> components) {
        this.components = components;
        components.keySet().forEach(a -> routed.put(a, new LinkedHashMap<>()));
    }

    /**
     * Routes {@code given}; {@code defaults} (a preset's) are routed the same way but never
     * override; {@code sources} names where a given key came from, for errors.
     */
    HyperparameterRouting route(Map<String, String> given, Map<String, String> defaults, Map<String, String> sources) {
        Map<Axis, Map<String, String>> fromDefaults = new LinkedHashMap<>();
        defaults.forEach((k, v) -> fromDefaults.computeIfAbsent(axisOf(k), a -> new LinkedHashMap<>()).put(plain(k), v));
        given.forEach((k, v) -> {
            Axis axis;
            try {
                axis = axisOf(k);
            } catch (IllegalArgumentException e) {
                String source = sources.get(k);
                throw source == null ? e : new IllegalArgumentException(e.getMessage() + ", in " + source);
            }
            routed.get(axis).put(plain(k), v);
        });
        fromDefaults.forEach((axis, values) -> values.forEach(routed.get(axis)::putIfAbsent));
        return this;
    }

    /** What was routed to {@code axis}, by plain name. */
    Map<String, String> values(Axis axis) {
        return routed.getOrDefault(axis, Map.of());
    }

    private static String plain(String key) {
        int dot = key.indexOf('.');
        return dot < 0 ? key : key.substring(dot + 1);
    }

    private Axis axisOf(String key) {
        int dot = key.indexOf('.');
        if (dot >= 0) {
            String prefix = key.substring(0, dot);
            for (Axis a : components.keySet()) {
                if (a.prefix.equals(prefix)) {
                    if (declares(a, plain(key))) {
                        return a;
                    }
                    throw new IllegalArgumentException(describe(a) + " has no hyperparameter '" + plain(key) + "' ("
                            + known(a) + ")");
                }
            }
            throw new IllegalArgumentException("hyperparameter '" + key + "': '" + prefix + "' is not an axis of this "
                    + "model; qualify a key with " + String.join(", ", components.keySet().stream()
                    .map(a -> a.prefix + ".").toList()));
        }
        List<Axis> owners = new ArrayList<>();
        components.keySet().stream().filter(a -> declares(a, key)).forEach(owners::add);
        if (owners.isEmpty()) {
            throw new IllegalArgumentException("no part of this model has a hyperparameter '" + key + "' ("
                    + String.join("; ", components.keySet().stream().map(a -> describe(a) + ": " + known(a)).toList())
                    + ")");
        }
        if (owners.size() > 1) {
            throw new IllegalArgumentException("'" + key + "' is a hyperparameter of both "
                    + String.join(" and ", owners.stream().map(this::describe).toList()) + "; write it with its axis: "
                    + String.join(" or ", owners.stream().map(a -> a.prefix + "." + key).toList()));
        }
        return owners.get(0);
    }

    private boolean declares(Axis a, String name) {
        return components.get(a).hyperparameters().stream().anyMatch(h -> h.name().equals(name));
    }

    private String describe(Axis a) {
        return (a == Axis.ARCHITECTURE ? "architecture" : a.prefix) + " '" + components.get(a).name() + "'";
    }

    private String known(Axis a) {
        List<String> names = components.get(a).hyperparameters().stream().map(h -> h.name()).toList();
        return names.isEmpty() ? "it has none" : "known: " + String.join(", ", names);
    }
}
