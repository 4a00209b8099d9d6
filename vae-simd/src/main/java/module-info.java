/**
 * A {@link vae.core.backend.Backend} on the JDK Vector API. The incubator module is required
 * statically: the backend is bound whenever this module is on the module path, and reports
 * itself unavailable (so the scalar backend takes over) unless the JVM was started with
 * {@code --add-modules jdk.incubator.vector}.
 */
module vae.simd {
    requires vae.core;
    requires static jdk.incubator.vector;

    exports vae.simd;

    provides vae.core.backend.BackendProvider with vae.simd.SimdBackendProvider;
}
