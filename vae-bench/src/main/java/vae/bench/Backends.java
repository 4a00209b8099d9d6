package vae.bench;

import vae.core.backend.ScalarBackend;
import vae.core.backend.Backend;
import vae.simd.SimdBackend;
import vae.simd.SimdBackendProvider;

/** The backend a benchmark asked for, or a failure: a silent fallback is never measured. */
final class Backends {
    private Backends() {
    }

    static Backend create(String name, int threads) {
        Backend b = switch (name) {
            case "scalar" -> new ScalarBackend(threads);
            case "simd" -> {
                String reason = new SimdBackendProvider().unavailableReason();
                if (reason != null) {
                    throw new IllegalStateException("simd benchmark without the Vector API: " + reason);
                }
                yield new SimdBackend(threads);
            }
            default -> throw new IllegalArgumentException("unknown backend " + name);
        };
        if (!b.name().equals(name) || b.threads() != threads) {
            throw new IllegalStateException("asked for " + name + " on " + threads + " threads, got " + b.description());
        }
        return b;
    }
}
