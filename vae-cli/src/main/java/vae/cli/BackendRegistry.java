package vae.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;
import vae.core.backend.Backend;

/**
 * The backends found on the module path. The choice is made once, here: the named one, or the
 * available one of highest priority; callers never know which implementation they got.
 */
final class BackendRegistry {
    private final List<Backend> backends;

    private BackendRegistry(List<Backend> backends) {
        this.backends = backends;
    }

    static BackendRegistry load() {
        List<Backend> found = new ArrayList<>();
        ServiceLoader.load(Backend.class).forEach(found::add);
        found.sort(Comparator.comparingInt(Backend::priority).reversed());
        return new BackendRegistry(found);
    }

    List<Backend> all() {
        return List.copyOf(backends);
    }

    /** The backend named {@code name} (or the best available when null) with {@code threads} threads. */
    Backend select(String name, int threads) {
        if (threads < 1) {
            throw new UserError("--threads must be at least 1, got " + threads);
        }
        if (name == null) {
            for (Backend b : backends) {
                if (b.unavailableReason() == null) {
                    return b.withThreads(threads);
                }
            }
            throw new UserError("no usable backend on the module path (vae-core's scalar backend should always be there)");
        }
        for (Backend b : backends) {
            if (b.name().equals(name)) {
                if (b.unavailableReason() != null) {
                    throw new UserError("backend '" + name + "' cannot run here: " + b.unavailableReason());
                }
                return b.withThreads(threads);
            }
        }
        throw new UserError("unknown backend '" + name + "'; known backends: "
                + String.join(", ", backends.stream().map(Backend::name).toList()));
    }
}
