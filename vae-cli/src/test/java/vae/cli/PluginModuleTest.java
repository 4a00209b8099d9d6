package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A variant jar dropped on the module path is listed and trains with no change to the CLI: the
 * example plugin (examples/variant-plugin) is compiled and jarred here, offline, and the CLI runs
 * in a child JVM on the test's module path plus that jar. A second jar naming its variant the
 * same gives the duplicate-name error naming both modules.
 */
class PluginModuleTest {
    /** The example's sources (tests run in vae-cli/). */
    private static final Path EXAMPLE = Path.of("..", "examples", "variant-plugin", "src", "main")
            .toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private record Result(int exitCode, String output) {
    }

    /** The test JVM's module path: vae.cli's classes and every module it runs with. */
    private static String modulePath() {
        String path = System.getProperty("jdk.module.path");
        assertNotNull(path, "the tests must run on the module path (surefire does so for a modular project)");
        return path;
    }

    /** Compiles a module's sources against the application's modules and jars them with its resources. */
    private Path buildJar(String name, Path javaSources, Path resources) throws IOException {
        Path classes = Files.createDirectories(tmp.resolve(name + "-classes"));
        List<String> args = new ArrayList<>(List.of("--release", "25", "--module-path", modulePath(),
                "-d", classes.toString()));
        try (Stream<Path> files = Files.walk(javaSources)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        // java.util.spi.ToolProvider (java.base) finds the JDK's javac in-process, no extra module reads.
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow(
                () -> new AssertionError("javac not found: a JDK (not a JRE) must run the tests"));
        java.io.StringWriter diagnostics = new java.io.StringWriter();
        java.io.PrintWriter log = new java.io.PrintWriter(diagnostics);
        int rc = javac.run(log, log, args.toArray(String[]::new));
        assertEquals(0, rc, "javac: " + diagnostics);
        Path jar = tmp.resolve(name + ".jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path root : resources == null ? List.of(classes) : List.of(classes, resources)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                        out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
                        Files.copy(f, out);
                        out.closeEntry();
                    }
                }
            }
        }
        return jar;
    }

    private Result cli(List<Path> plugins, String... args) throws IOException, InterruptedException {
        StringBuilder path = new StringBuilder(modulePath());
        plugins.forEach(p -> path.append(java.io.File.pathSeparator).append(p));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", path.toString(), "-m", "vae.cli/vae.cli.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).directory(tmp.toFile()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    @Test
    void exampleAPluginJarIsListedAndTrainsWithoutChangingTheCli() throws Exception {
        Path plugin = buildJar("plugin", EXAMPLE.resolve("java"), EXAMPLE.resolve("resources"));

        Result variants = cli(List.of(plugin), "variants");
        assertEquals(0, variants.exitCode(), variants.output());
        assertTrue(variants.output().contains("tanh-vae  (module vae.example.plugin)"), variants.output());
        assertTrue(variants.output().contains("-P depth      integer  default 1"), variants.output());
        assertTrue(variants.output().contains("vae  (module vae.models)"), "built-ins still listed: "
                + variants.output());

        Result train = cli(List.of(plugin), "train", "--variant", "tanh-vae", "--epochs", "1", "--train-limit", "128",
                "--test-limit", "32", "--batch-size", "64", "--threads", "1", "-P", "hidden=16", "-P", "depth=2",
                "-P", "latent=3", "--out", tmp.resolve("run").toString());
        assertEquals(0, train.exitCode(), train.output());
        assertTrue(train.output().contains("variant tanh-vae (hidden=16, depth=2, latent=3, beta=1)"), train.output());
        assertTrue(train.output().contains("epoch 1/1  train "), train.output());
        assertTrue(Files.exists(tmp.resolve("run/sample_1.png")));

        Result rejected = cli(List.of(plugin), "train", "--variant", "tanh-vae", "-P", "hidden=40000", "-P", "depth=2");
        assertEquals(Main.USAGE_ERROR, rejected.exitCode(), rejected.output());
        assertTrue(rejected.output().contains("vae: tanh-vae: hidden*depth = 80000"), rejected.output());
    }

    @Test
    void twoVariantsWithTheSameNameAreAnErrorNamingBothModules() throws Exception {
        Path plugin = buildJar("plugin", EXAMPLE.resolve("java"), EXAMPLE.resolve("resources"));
        Path src = Files.createDirectories(tmp.resolve("dup-src/dup/variant"));
        Files.writeString(src.getParent().getParent().resolve("module-info.java"), """
                module dup.variant {
                    requires vae.core;
                    provides vae.core.spi.VariantProvider with dup.variant.SameNameProvider;
                }
                """);
        Files.writeString(src.resolve("SameNameProvider.java"), """
                package dup.variant;

                import java.util.List;
                import vae.core.spi.Hyperparameter;
                import vae.core.spi.Variant;
                import vae.core.spi.VariantConfig;
                import vae.core.spi.VariantProvider;

                public final class SameNameProvider implements VariantProvider {
                    public String name() { return "tanh-vae"; }
                    public String description() { return "a second provider under a taken name"; }
                    public List<Hyperparameter> hyperparameters() { return List.of(); }
                    public Variant create(VariantConfig config) { throw new UnsupportedOperationException(); }
                }
                """);
        Path dup = buildJar("dup", tmp.resolve("dup-src"), null);

        Result r = cli(List.of(plugin, dup), "variants");
        assertEquals(Main.USAGE_ERROR, r.exitCode(), r.output());
        String err = r.output().strip();
        assertFalse(err.contains("Exception"), err);
        assertTrue(err.contains("vae: two variants are named 'tanh-vae'"), err);
        assertTrue(err.contains("module vae.example.plugin") && err.contains("module dup.variant"), err);
        assertTrue(err.contains("remove one of them from the module path"), err);
    }
}
