package vae.bench;

import vae.core.backend.Backend;

/** The backend a benchmark asked for, or a failure: a silent fallback is never measured. */
final class Backends {
    private Backends() {
    }

    static Backend create(String name, int threads) {
        Backend b = vae.core.backend.Backends.select(name, threads);
        if (!b.name().equals(name) || b.threads() != threads) {
            throw new IllegalStateException("asked for " + name + " on " + threads + " threads, got " + b.description());
        }
        return b;
    }
}
