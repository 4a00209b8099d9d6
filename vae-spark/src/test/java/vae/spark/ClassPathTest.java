package vae.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.cfg.PackageVersion;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import vae.api.Registry;
import vae.core.backend.BackendProvider;
import vae.core.backend.Backends;

/**
 * On the class path (where Spark puts vae4j) the services are found from META-INF/services, which
 * must list what each module's descriptor {@code provides}; and vae-core runs on Spark's Jackson.
 */
class ClassPathTest {

    @Test
    void vae4jRunsFromTheClassPathHere() {
        assertEquals(null, Registry.class.getModule().getName(), "the unnamed module: the class path");
    }

    @Test
    void everyBuiltInComponentAndBothBackendsAreFound() {
        List<String> backends = Backends.providers().stream().map(BackendProvider::name).sorted().toList();
        assertEquals(List.of("scalar", "simd"), backends);
        Registry r = Registry.load();
        for (String objective : List.of("vae", "beta-vae", "info-vae", "iwae", "ae")) {
            r.objective(objective);
        }
        r.architecture("mlp");
        r.architecture("conv");
        for (String likelihood : List.of("bernoulli", "gaussian", "gaussian-unit-variance", "mixed")) {
            r.likelihood(likelihood);
        }
        r.prior("standard-normal");
    }

    @Test
    void theServiceFilesListWhatTheModuleDescriptorsProvide() throws IOException {
        for (Class<?> inModule : List.of(Registry.class, vae.simd.SimdBackendProvider.class,
                vae.models.objective.Vae.class)) {
            URL root = inModule.getProtectionDomain().getCodeSource().getLocation();
            try (URLClassLoader jar = new URLClassLoader(new URL[] {root}, null)) {
                ModuleDescriptor d;
                try (InputStream in = jar.findResource("module-info.class").openStream()) { // its own, not the JDK's
                    d = ModuleDescriptor.read(in);
                }
                assertTrue(!d.provides().isEmpty(), d.name());
                for (ModuleDescriptor.Provides p : d.provides()) {
                    String file = "META-INF/services/" + p.service();
                    Set<String> listed = new TreeSet<>();
                    URL url = jar.findResource(file);
                    assertTrue(url != null, d.name() + " has no " + file);
                    try (InputStream in = url.openStream()) {
                        for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                            String name = line.replaceAll("#.*", "").trim();
                            if (!name.isEmpty()) {
                                listed.add(name);
                            }
                        }
                    }
                    assertEquals(new TreeSet<>(p.providers()), listed, d.name() + ": " + file);
                }
            }
        }
    }

    @Test
    void vaeCoreUsesSparksJackson() {
        // Spark 4.2 ships Jackson 2.21; vae-core (built against 2.22) reads its checkpoints with it
        // in the other tests here.
        assertEquals(2, PackageVersion.VERSION.getMajorVersion());
        assertEquals(21, PackageVersion.VERSION.getMinorVersion());
    }
}
