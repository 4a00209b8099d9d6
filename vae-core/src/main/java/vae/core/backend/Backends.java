package vae.core.backend;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The backend providers on the module path, and the one place a backend is chosen: the named
 * one, or the available one of highest priority. Callers never know which implementation they got.
 */
public final class Backends {
    /** Threads per core at most: more only add hand-offs (and thousands stall the machine). */
    public static final int MAX_THREADS_PER_CORE = 4;

    private Backends() {
    }

    /** The most threads a backend may have here: {@value #MAX_THREADS_PER_CORE} per core. */
    public static int maxThreads() {
        return MAX_THREADS_PER_CORE * Runtime.getRuntime().availableProcessors();
    }

    /** Every provider found, highest priority first. */
    public static List<BackendProvider> providers() {
        List<BackendProvider> found = new ArrayList<>();
        ServiceLoader.load(BackendProvider.class).forEach(found::add);
        found.sort(Comparator.comparingInt(BackendProvider::priority).reversed());
        return List.copyOf(found);
    }

    /**
     * The backend named {@code name}, or the best available when {@code name} is null, with
     * {@code threads} threads.
     *
     * @throws IllegalArgumentException when the thread count is below 1, the name is unknown or
     *     the named backend cannot run here
     */
    public static Backend select(String name, int threads) {
        if (threads < 1 || threads > maxThreads()) {
            throw new IllegalArgumentException("the thread count must be in 1.." + maxThreads() + " ("
                    + MAX_THREADS_PER_CORE + " per core here), got " + threads);
        }
        List<BackendProvider> providers = providers();
        if (name == null) {
            for (BackendProvider p : providers) {
                if (p.unavailableReason() == null) {
                    return p.create(threads);
                }
            }
            throw new IllegalStateException("no usable backend (vae-core's scalar backend should always be there)");
        }
        for (BackendProvider p : providers) {
            if (p.name().equals(name)) {
                if (p.unavailableReason() != null) {
                    throw new IllegalArgumentException("backend '" + name + "' cannot run here: " + p.unavailableReason());
                }
                return p.create(threads);
            }
        }
        throw new IllegalArgumentException("unknown backend '" + name + "'; known backends: "
                + String.join(", ", providers.stream().map(BackendProvider::name).toList()));
    }
}
