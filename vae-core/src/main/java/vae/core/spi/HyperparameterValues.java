package vae.core.spi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** The validated values of a component's hyperparameters, defaults filled in. */
public final class HyperparameterValues {
    private final Map<String, Object> values;

    private HyperparameterValues(Map<String, Object> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    /**
     * Parses and validates {@code given} (name to text) against the declarations of {@code owner}
     * (named in messages, e.g. {@code objective 'beta-vae'}). Unknown names,
     * unparsable and out-of-range values are rejected with a one-line message saying what is valid.
     */
    public static HyperparameterValues parse(String owner, List<Hyperparameter<?>> declared, Map<String, String> given) {
        return parse(owner, declared, given, Map.of());
    }

    /**
     * As {@link #parse(String, List, Map)}, where {@code sources} names where a value came from
     * (e.g. a config file) for the error messages.
     */
    public static HyperparameterValues parse(String owner, List<Hyperparameter<?>> declared, Map<String, String> given,
                                             Map<String, String> sources) {
        Map<String, Hyperparameter<?>> byName = new LinkedHashMap<>();
        declared.forEach(h -> byName.put(h.name(), h));
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                String known = byName.isEmpty() ? "it has none" : "known: " + String.join(", ", byName.keySet());
                String where = sources.containsKey(key) ? " (in " + sources.get(key) + ")" : "";
                throw new IllegalArgumentException(owner + " has no hyperparameter '" + key + "'"
                        + where + " (" + known + ")");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Hyperparameter<?> h : declared) {
            String text = given.getOrDefault(h.name(), h.defaultValue());
            values.put(h.name(), convert(owner, h, text.trim(), sources.get(h.name())));
        }
        return new HyperparameterValues(values);
    }

    /** The defaults of every declared hyperparameter. */
    public static HyperparameterValues defaults(String owner, List<Hyperparameter<?>> declared) {
        return parse(owner, declared, Map.of());
    }

    private static Object convert(String owner, Hyperparameter<?> h, String text, String source) {
        String where = h.name() + "=" + text + (source == null ? "" : " in " + source) + " (" + owner + ")";
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
            case INTEGER_LIST -> {
                return integers(h, text, where);
            }
            default -> {
                return number(h, text, where);
            }
        }
    }

    /** {@code 32,64,128} (brackets and spaces allowed, as a Java list prints) as whole numbers in range. */
    private static List<Integer> integers(Hyperparameter<?> h, String text, String where) {
        String inner = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1).trim() : text;
        if (inner.isEmpty()) {
            return List.of();
        }
        List<Integer> values = new ArrayList<>();
        for (String item : inner.split(",", -1)) {
            try {
                long value = Long.parseLong(item.trim());
                if (value < h.lower() || value > h.upper()) {
                    throw new IllegalArgumentException(where + ": " + value + " is out of range, expected "
                            + h.validValues());
                }
                values.add((int) value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(where + ": '" + item.trim() + "' is not an integer, expected "
                        + h.validValues());
            }
        }
        return List.copyOf(values);
    }

    private static Object number(Hyperparameter<?> h, String text, String where) {
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

    /** The value of {@code h}, which must be one of the declared hyperparameters. */
    @SuppressWarnings("unchecked")
    public <T> T get(Hyperparameter<T> h) {
        return (T) require(h.name());
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

    /**
     * A number as short as it can be written without losing it: {@code 4}, {@code 0.5},
     * {@code 999}, {@code 1.0E-7}; for run headers and printed weights.
     */
    public static String formatNumber(double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        double a = Math.abs(v);
        if (v != 0 && (a < 1e-4 || a >= 1e12)) {
            return Double.toString(v);
        }
        return new java.math.BigDecimal(Double.toString(v)).stripTrailingZeros().toPlainString();
    }

    /**
     * A value as {@code -P} takes it back: a list as {@code 32,64,128}, anything else as
     * {@link String#valueOf(Object)} does (checkpoints record values this way).
     */
    public static String text(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).collect(Collectors.joining(","));
        }
        return String.valueOf(value);
    }

    /** {@code name=value, ...}, as printed in run headers. */
    @Override
    public String toString() {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue() instanceof Double d ? formatNumber(d) : text(e.getValue())))
                .collect(Collectors.joining(", "));
    }
}
