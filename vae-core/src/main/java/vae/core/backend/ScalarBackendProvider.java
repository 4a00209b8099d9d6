package vae.core.backend;

/** Provides the {@link ScalarBackend}, which runs on every JVM. */
public final class ScalarBackendProvider implements BackendProvider {

    @Override public String name() { return "scalar"; }

    @Override public String description() { return "reference Java loops"; }

    @Override public int priority() { return 0; }

    @Override public Backend create(int threads) { return new ScalarBackend(threads); }
}
