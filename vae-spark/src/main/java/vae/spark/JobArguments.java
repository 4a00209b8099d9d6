package vae.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flags of a {@code spark-submit} job, {@code --name value} each: parsed against the flags the
 * job knows, with one-line errors ({@link UsageException}) for an unknown, repeated or valueless
 * flag, a missing required one or a value out of range.
 */
final class JobArguments {
    private final String job;
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, List<String>> repeated = new LinkedHashMap<>();

    private JobArguments(String job) {
        this.job = job;
    }

    /** A wrong command line; its message is the one line the job prints. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }

    /**
     * Parses {@code args}; {@code aliases} maps short names (e.g. {@code -k}) to the flag they stand for.
     *
     * @throws UsageException for a flag not in {@code known}, a repeated flag or one without a value
     */
    static JobArguments parse(String job, String[] args, Set<String> known, Map<String, String> aliases, String usage) {
        return parse(job, args, known, Set.of(), aliases, usage);
    }

    /** As above; the flags in {@code repeatable} may be given many times ({@link #all}). */
    static JobArguments parse(String job, String[] args, Set<String> known, Set<String> repeatable,
                              Map<String, String> aliases, String usage) {
        JobArguments a = new JobArguments(job);
        for (int i = 0; i < args.length; i++) {
            String flag = aliases.getOrDefault(args[i], args[i]);
            String value = null;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            if (!known.contains(flag) && !repeatable.contains(flag)) {
                throw new UsageException("unknown option '" + args[i] + "'; usage: " + usage);
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new UsageException(flag + " needs a value; usage: " + usage);
                }
                value = args[++i];
            }
            if (repeatable.contains(flag)) {
                a.repeated.computeIfAbsent(flag, f -> new java.util.ArrayList<>()).add(value);
            } else if (a.values.put(flag, value) != null) {
                throw new UsageException(flag + " is given twice; give it once");
            }
        }
        return a;
    }

    /** The value of a flag that must be given. */
    String required(String flag) {
        String v = values.get(flag);
        if (v == null || v.isBlank()) {
            throw new UsageException(flag + " is required");
        }
        return v;
    }

    /** Every value of a repeatable flag, in order. */
    List<String> all(String flag) {
        return repeated.getOrDefault(flag, List.of());
    }

    /** The value of a flag, or null. */
    String optional(String flag) {
        return values.get(flag);
    }

    /** One of {@code allowed}, default {@code fallback}. */
    String choice(String flag, List<String> allowed, String fallback) {
        String v = values.getOrDefault(flag, fallback);
        if (!allowed.contains(v)) {
            throw new UsageException(flag + " must be one of " + String.join(", ", allowed) + ", got '" + v + "'");
        }
        return v;
    }

    /** A whole number in {@code min..max}, default {@code fallback}. */
    long number(String flag, long min, long max, long fallback) {
        String v = values.get(flag);
        if (v == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a whole number, got '" + v + "'");
        }
        if (n < min || n > max) {
            throw new UsageException(flag + " must be in " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    String job() {
        return job;
    }

    /** A decimal number, or {@code fallback}. */
    double decimal(String flag, double fallback) {
        String v = values.get(flag);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException(flag + " must be a number, got '" + v + "'");
        }
    }
}
