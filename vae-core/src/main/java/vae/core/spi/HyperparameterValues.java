package vae.core.spi;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The validated values of a variant's hyperparameters, defaults filled in. */
public final class HyperparameterValues {
    private final Map<String, Object> values;

    private HyperparameterValues(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Parses and validates {@code given} (name to text) against the declarations. Unknown names,
     * unparsable and out-of-range values are rejected with a one-line message saying what is valid.
     */
    public static HyperparameterValues parse(String variant, List<Hyperparameter> declared, Map<String, String> given) {
        Map<String, Hyperparameter> byName = new LinkedHashMap<>();
        declared.forEach(h -> byName.put(h.name(), h));
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                String known = byName.isEmpty() ? "it has none" : "known: " + String.join(", ", byName.keySet());
                throw new IllegalArgumentException("variant '" + variant + "' has no hyperparameter '" + key + "' ("
                        + known + ")");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Hyperparameter h : declared) {
            String text = given.getOrDefault(h.name(), h.defaultValue());
            values.put(h.name(), convert(variant, h, text.trim()));
        }
        return new HyperparameterValues(values);
    }

    /** The defaults of every declared hyperparameter. */
    public static HyperparameterValues defaults(String variant, List<Hyperparameter> declared) {
        return parse(variant, declared, Map.of());
    }

    private static Object convert(String variant, Hyperparameter h, String text) {
        String where = "-P " + h.name() + "=" + text + " (variant '" + variant + "')";
        switch (h.type()) {
            case BOOLEAN -> {
                if (!text.equalsIgnoreCase("true") && !text.equalsIgnoreCase("false")) {
                    throw new IllegalArgumentException(where + ": expected true or false");
                }
                return Boolean.parseBoolean(text);
            }
            case CHOICE -> {
                if (!h.choices().contains(text)) {
                    throw new IllegalArgumentException(where + ": expected " + h.validValues());
                }
                return text;
            }
            default -> {
                double number;
                try {
                    number = h.type() == Hyperparameter.Type.INTEGER ? Long.parseLong(text) : Double.parseDouble(text);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(where + ": not " + (h.type() == Hyperparameter.Type.INTEGER
                            ? "an integer" : "a number") + ", expected " + h.validValues());
                }
                boolean belowLower = h.lower() != null && (h.lowerOpen() ? number <= h.lower() : number < h.lower());
                boolean aboveUpper = h.upper() != null && number > h.upper();
                if (Double.isNaN(number) || Double.isInfinite(number) || belowLower || aboveUpper) {
                    throw new IllegalArgumentException(where + ": out of range, expected " + h.validValues());
                }
                return h.type() == Hyperparameter.Type.INTEGER ? (Object) (int) number : (Object) number;
            }
        }
    }

    public int getInt(String name) {
        return (Integer) require(name);
    }

    public double getDouble(String name) {
        return (Double) require(name);
    }

    public boolean getBoolean(String name) {
        return (Boolean) require(name);
    }

    public String getString(String name) {
        return (String) require(name);
    }

    /** Every value by name, in declaration order (for metadata and printing). */
    public Map<String, Object> asMap() {
        return values;
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no hyperparameter '" + name + "' was declared");
        }
        return v;
    }

    /** {@code name=value, ...}, as printed in run headers. */
    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue() instanceof Double d ? String.format(Locale.ROOT, "%g", d)
                        : e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
