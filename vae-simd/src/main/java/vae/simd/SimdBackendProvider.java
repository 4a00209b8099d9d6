package vae.simd;

import vae.core.backend.Backend;
import vae.core.backend.BackendProvider;

/**
 * The service entry of the SIMD backend. It loads no Vector API class until it knows the
 * incubator module is in the boot layer (the JVM was started with
 * {@code --add-modules jdk.incubator.vector}); otherwise it reports itself unavailable with the
 * fix, and the scalar backend is chosen instead.
 */
public final class SimdBackendProvider implements BackendProvider {
    static final String VECTOR_MODULE = "jdk.incubator.vector";
    private static final String MISSING = "the JVM was started without the Vector API module; add "
            + "'--add-modules " + VECTOR_MODULE + "' to the java command (the ./vae launcher does)";

    /** True when the incubator module is readable here, so the Vector API classes can load. */
    static boolean vectorApiPresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    @Override public String name() { return "simd"; }

    @Override public String description() { return "JDK Vector API kernels"; }

    @Override public int priority() { return 100; }

    @Override public String unavailableReason() { return vectorApiPresent() ? null : MISSING; }

    @Override
    public Backend create(int threads) {
        if (!vectorApiPresent()) {
            throw new IllegalStateException("simd backend unavailable: " + MISSING);
        }
        return new SimdBackend(threads);
    }
}
