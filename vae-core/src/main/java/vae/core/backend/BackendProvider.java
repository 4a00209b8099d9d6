package vae.core.backend;

/**
 * Makes a {@link Backend}: the service type that {@link java.util.ServiceLoader} finds, so a
 * backend can say it cannot run here (and why) without loading any of its arithmetic.
 */
public interface BackendProvider {

    /** The short name users choose it by, e.g. {@code scalar}. */
    String name();

    /** One line on how its backends compute. */
    String description();

    /** Preference when no backend is named: the highest available wins. */
    int priority();

    /** Null when usable here, else why not and how to fix it. */
    default String unavailableReason() {
        return null;
    }

    /**
     * A backend whose kernels use {@code threads} threads (at least 1).
     *
     * @throws IllegalStateException when {@link #unavailableReason()} is not null
     */
    Backend create(int threads);
}
