package vae.core.spi;

import java.util.List;
import java.util.Locale;

/**
 * One hyperparameter of a component (objective, architecture, prior or likelihood), declared as
 * data so that the framework can parse, validate, print and record it without knowing the
 * component. The type parameter is the Java type of its value, so that a component reads it back
 * with {@link HyperparameterValues#get(Hyperparameter)} and no cast.
 *
 * @param <T>          the value's Java type: Integer, Double, Boolean, String or {@code List<Integer>}
 * @param name         the key in {@code -P name=value}
 * @param type         how its value is written
 * @param defaultValue its value when not given, as text
 * @param description  what it means, one line
 * @param lower        the lowest valid value (numbers, and each number of a list), or null for none
 * @param lowerOpen    true when {@code lower} itself is not valid
 * @param upper        the highest valid value (numbers), or null for none
 * @param choices      the valid values of a {@link Type#CHOICE}, else empty
 * @param addedLater   true for a hyperparameter added to a component after checkpoints of it were written:
 *                     its default must keep the component as it was, it is recorded only when set to
 *                     another value, and a record without it means the default (so old checkpoints load
 *                     and keep their run id)
 */
public record Hyperparameter<T>(String name, Type type, String defaultValue, String description,
                                Double lower, boolean lowerOpen, Double upper, List<String> choices,
                                boolean addedLater) {

    /**
     * How a value is written and checked: a whole number, a real number, true or false, one of a list,
     * or whole numbers separated by commas ({@code 32,64,128}; empty for none).
     */
    public enum Type { INTEGER, REAL, BOOLEAN, CHOICE, INTEGER_LIST }

    /** A hyperparameter that every record of its component holds. */
    public Hyperparameter(String name, Type type, String defaultValue, String description, Double lower,
                          boolean lowerOpen, Double upper, List<String> choices) {
        this(name, type, defaultValue, description, lower, lowerOpen, upper, choices, false);
    }

    public Hyperparameter {
        choices = List.copyOf(choices);
        if (!name.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("hyperparameter names are lower_snake_case, got '" + name + "'");
        }
    }

    /** An integer in {@code [min, max]}. */
    public static Hyperparameter<Integer> integer(String name, int defaultValue, int min, int max, String description) {
        return new Hyperparameter<>(name, Type.INTEGER, Integer.toString(defaultValue), description,
                (double) min, false, (double) max, List.of());
    }

    /**
     * Whole numbers each in {@code [min, max]}, written {@code 32,64,128}; the default is written
     * the same way ({@code ""}: the empty list).
     */
    public static Hyperparameter<List<Integer>> integers(String name, String defaultValue, int min, int max,
                                                         String description) {
        return new Hyperparameter<>(name, Type.INTEGER_LIST, defaultValue, description, (double) min, false,
                (double) max, List.of());
    }

    /** A real number in {@code [min, max]}. */
    public static Hyperparameter<Double> real(String name, double defaultValue, double min, double max,
                                              String description) {
        return new Hyperparameter<>(name, Type.REAL, Double.toString(defaultValue), description, min, false, max,
                List.of());
    }

    /** A real number greater than zero. */
    public static Hyperparameter<Double> positiveReal(String name, double defaultValue, String description) {
        return new Hyperparameter<>(name, Type.REAL, Double.toString(defaultValue), description, 0.0, true, null,
                List.of());
    }

    /** One of a few names. */
    public static Hyperparameter<String> choice(String name, String defaultValue, List<String> choices,
                                                String description) {
        return new Hyperparameter<>(name, Type.CHOICE, defaultValue, description, null, false, null, choices);
    }

    /** true or false. */
    public static Hyperparameter<Boolean> flag(String name, boolean defaultValue, String description) {
        return new Hyperparameter<>(name, Type.BOOLEAN, Boolean.toString(defaultValue), description,
                null, false, null, List.of());
    }

    /** The same declaration with another default, as a preset sets it (e.g. β = 1 for conv-vae). */
    public Hyperparameter<T> withDefault(String newDefault) {
        return new Hyperparameter<>(name, type, newDefault, description, lower, lowerOpen, upper, choices, addedLater);
    }

    /** The same declaration marked as {@link #addedLater()}: recorded only when not at its default. */
    public Hyperparameter<T> addedLaterWithNeutralDefault() {
        return new Hyperparameter<>(name, type, defaultValue, description, lower, lowerOpen, upper, choices, true);
    }

    /** The valid values in words, e.g. {@code integer in [1, 4096]} or {@code one of rbf, imq}. */
    public String validValues() {
        return switch (type) {
            case BOOLEAN -> "true or false";
            case CHOICE -> "one of " + String.join(", ", choices);
            case INTEGER_LIST -> "integers separated by commas, each in [" + format(lower) + ", " + format(upper) + "]";
            case INTEGER, REAL -> (type == Type.INTEGER ? "integer" : "number") + " in "
                    + (lower == null ? "(-inf" : (lowerOpen ? "(" : "[") + format(lower)) + ", "
                    + (upper == null ? "inf)" : format(upper) + "]");
        };
    }

    private String format(double v) {
        return type == Type.INTEGER || v == Math.rint(v) && Math.abs(v) < 1e15
                ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
