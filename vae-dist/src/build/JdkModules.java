import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.lang.module.ResolvedModule;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.spi.ToolProvider;

/**
 * Prints, comma-separated for jlink's --add-modules, the JDK modules that the jars in a directory need:
 * those the boot layer resolves from the modules' requires, those jdeps finds used by the classes of
 * automatic modules (which declare no requires), and the extra modules named after the directory (such as
 * jdk.incubator.vector, which vae.simd requires only statically). Run by vae-dist's build with the JDK
 * being linked: {@code java JdkModules.java LIB_DIR [EXTRA_MODULE...]}.
 */
public final class JdkModules {
    public static void main(String[] args) {
        Path lib = Path.of(args[0]);
        ModuleFinder app = ModuleFinder.of(lib);
        Set<String> roots = new TreeSet<>();
        for (ModuleReference ref : app.findAll()) {
            roots.add(ref.descriptor().name());
        }
        Configuration resolved = Configuration.empty().resolve(ModuleFinder.ofSystem(), app, roots);
        Set<String> jdk = new TreeSet<>(Arrays.asList(args).subList(1, args.length));
        for (ResolvedModule m : resolved.modules()) {
            if (m.reference().location().map(uri -> uri.getScheme().equals("jrt")).orElse(false)) {
                jdk.add(m.name());
            }
        }
        for (ModuleReference ref : app.findAll()) {
            if (ref.descriptor().isAutomatic()) {
                jdk.addAll(usedByClasses(lib, Path.of(ref.location().orElseThrow())));
            }
        }
        System.out.println(String.join(",", jdk));
    }

    /** The JDK modules jdeps finds the classes of one jar use. */
    private static Set<String> usedByClasses(Path lib, Path jar) {
        StringWriter out = new StringWriter();
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(System.err),
                "--multi-release", Integer.toString(Runtime.version().feature()), "--ignore-missing-deps",
                "--module-path", lib.toString(), "--print-module-deps", jar.toString());
        if (status != 0) {
            throw new IllegalStateException("jdeps failed on " + jar + " (status " + status + ")");
        }
        Set<String> modules = new TreeSet<>();
        for (String name : out.toString().strip().split(",")) {
            if (!name.isBlank() && ModuleFinder.ofSystem().find(name).isPresent()) {
                modules.add(name);
            }
        }
        return modules;
    }
}
