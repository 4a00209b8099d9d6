package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin jar dropped on the module path adds components to the model's axes with no change to
 * the CLI: the example plugin (examples/variant-plugin, the objective {@code warmup-vae} and the
 * architecture {@code tanh-mlp}) is compiled and jarred here, offline, and the CLI runs in a
 * child JVM on the test's module path plus that jar. A second jar naming an objective the same
 * gives the registry's duplicate-name error naming both modules.
 */
class PluginModuleTest {
    /** The example's sources (tests run in vae-cli/). */
    private static final Path EXAMPLE = Path.of("..", "examples", "variant-plugin", "src", "main", "java")
            .toAbsolutePath().normalize();
    private static final String MODULE = "module vae.example.plugin";
    private static final int USAGE_ERROR = 2;

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

    /** Compiles a module's sources against the application's modules and jars the classes and resources. */
    private Path buildJar(String name, Path javaSources) throws IOException {
        Path classes = Files.createDirectories(tmp.resolve(name + "-classes"));
        List<String> args = new ArrayList<>(List.of("--release", "25", "--module-path", modulePath(),
                "-d", classes.toString()));
        try (Stream<Path> files = Files.walk(javaSources)) {
            files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
        }
        // java.util.spi.ToolProvider (java.base) finds the JDK's javac in-process, no extra module reads.
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow(
                () -> new AssertionError("javac not found: a JDK (not a JRE) must run the tests"));
        StringWriter diagnostics = new StringWriter();
        PrintWriter log = new PrintWriter(diagnostics);
        int rc = javac.run(log, log, args.toArray(String[]::new));
        assertEquals(0, rc, "javac: " + diagnostics);
        Path jar = tmp.resolve(name + ".jar");
        Path resources = javaSources.resolveSibling("resources");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            for (Path root : Files.isDirectory(resources) ? List.of(classes, resources) : List.of(classes)) {
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
        return run(plugins, List.of("--module-path"), List.of("-m", "vae.cli/vae.cli.Main"), args);
    }

    /** The CLI with every jar on the class path instead: the service files, not module-info, bind the plugins. */
    private Result cliOnClassPath(List<Path> plugins, String... args) throws IOException, InterruptedException {
        return run(plugins, List.of("-cp"), List.of("vae.cli.Main"), args);
    }

    private Result run(List<Path> plugins, List<String> pathOption, List<String> main, String... args)
            throws IOException, InterruptedException {
        StringBuilder path = new StringBuilder(modulePath());
        plugins.forEach(p -> path.append(java.io.File.pathSeparator).append(p));
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(pathOption);
        command.add(path.toString());
        command.addAll(main);
        command.addAll(List.of(args));
        Path log = Files.createTempFile(tmp, "cli", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(tmp.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("vae " + String.join(" ", args) + " did not finish in 3 minutes: " + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    /**
     * Asserts that a listing holds {@code name  (origin)}, then an indented description, then one
     * indented {@code -P name type default value ...} line per hyperparameter, in order.
     */
    private static void assertListed(String listing, String name, String origin, String... hyperparameters) {
        List<String> lines = listing.lines().toList();
        int at = lines.indexOf(name + "  (" + origin + ")");
        assertTrue(at >= 0, "no line '" + name + "  (" + origin + ")' in:\n" + listing);
        assertTrue(at + 1 + hyperparameters.length < lines.size(), "listing of " + name + " is cut short:\n" + listing);
        assertTrue(lines.get(at + 1).matches("\\s+\\S.*"), "no indented description after " + name + ":\n" + listing);
        for (int i = 0; i < hyperparameters.length; i++) {
            String[] h = hyperparameters[i].split(" ");
            Pattern p = Pattern.compile("\\s+-P " + Pattern.quote(h[0]) + "\\s+" + Pattern.quote(h[1])
                    + "\\s+default " + Pattern.quote(h[2]) + "\\s.*");
            String line = lines.get(at + 2 + i);
            assertTrue(p.matcher(line).matches(), "hyperparameter " + (i + 1) + " of " + name + " should be '-P "
                    + hyperparameters[i] + " ...', is '" + line + "' in:\n" + listing);
        }
    }

    @Test
    void pluginComponentsAreListedOnTheirAxesAndTrainTogetherWithoutChangingTheCli() throws Exception {
        Path plugin = buildJar("plugin", EXAMPLE);

        Result variants = cli(List.of(plugin), "variants");
        assertEquals(0, variants.exitCode(), variants.output());
        assertListed(variants.output(), "warmup-vae", MODULE, "warmup_steps integer 2000");
        assertListed(variants.output(), "vae", "module vae.models");
        assertFalse(variants.output().contains("tanh-mlp  ("),
                "an architecture is not a variant: " + variants.output());

        Result archs = cli(List.of(plugin), "archs");
        assertEquals(0, archs.exitCode(), archs.output());
        assertListed(archs.output(), "tanh-mlp", MODULE, "hidden integer 500", "depth integer 1", "latent integer 20");
        assertListed(archs.output(), "mlp", "module vae.models", "hidden integer 400", "latent integer 20");
        assertFalse(archs.output().contains("warmup-vae  ("), "an objective is not an architecture: " + archs.output());

        Result train = cli(List.of(plugin), "train", "--variant", "warmup-vae", "--arch", "tanh-mlp",
                "-P", "hidden=16", "-P", "depth=2", "-P", "latent=3", "--epochs", "1", "--train-limit", "128",
                "--test-limit", "64", "--out", tmp.resolve("run").toString());
        assertEquals(0, train.exitCode(), train.output());
        assertTrue(train.output().contains("warmup-vae"), train.output());
        assertTrue(train.output().contains("arch tanh-mlp"), train.output());
        assertTrue(train.output().contains("epoch 1/1  train "), train.output());
    }

    @Test
    void thePluginAndTheApplicationAlsoRunOnTheClassPath() throws Exception {
        Path plugin = buildJar("plugin", EXAMPLE);
        Result train = cliOnClassPath(List.of(plugin), "train", "--variant", "warmup-vae", "--arch", "tanh-mlp",
                "-P", "hidden=8", "-P", "depth=1", "-P", "latent=2", "--epochs", "1", "--train-limit", "64",
                "--test-limit", "32", "--out", tmp.resolve("cp").toString());
        assertEquals(0, train.exitCode(), train.output());
        assertTrue(train.output().contains("objective warmup-vae") && train.output().contains("arch tanh-mlp"),
                train.output());
        assertTrue(train.output().contains("epoch 1/1  train "), train.output());
    }

    @Test
    void theArchitecturesValidateRefusesTooManyUnitsWithItsOneLineMessage() throws Exception {
        Path plugin = buildJar("plugin", EXAMPLE);

        // The limits keep the run short should validation ever fail to stop it.
        Result rejected = cli(List.of(plugin), "train", "--variant", "warmup-vae", "--arch", "tanh-mlp",
                "-P", "hidden=40000", "-P", "depth=2", "--epochs", "1", "--train-limit", "64", "--test-limit", "32",
                "--out", tmp.resolve("rejected").toString());
        assertEquals(USAGE_ERROR, rejected.exitCode(), rejected.output());
        assertTrue(rejected.output().contains("vae: tanh-mlp: hidden*depth = 80000 is more than the limit 65536"),
                rejected.output());
        assertFalse(rejected.output().contains("Exception"), rejected.output());
    }

    @Test
    void twoObjectivesWithTheSameNameAreAnErrorNamingBothModules() throws Exception {
        Path plugin = buildJar("plugin", EXAMPLE);
        Path src = Files.createDirectories(tmp.resolve("dup-src/dup/objective"));
        Files.writeString(src.getParent().getParent().resolve("module-info.java"), """
                module dup.objective {
                    requires vae.core;
                    provides vae.core.spi.ObjectiveProvider with dup.objective.SameName;
                }
                """);
        Files.writeString(src.resolve("SameName.java"), """
                package dup.objective;

                import vae.core.spi.HyperparameterValues;
                import vae.core.spi.Objective;
                import vae.core.spi.ObjectiveProvider;

                public final class SameName extends ObjectiveProvider {
                    public SameName() {
                        super("warmup-vae", "a second objective under a taken name");
                    }

                    @Override
                    public Objective create(HyperparameterValues values) {
                        throw new UnsupportedOperationException();
                    }
                }
                """);
        Path dup = buildJar("dup", tmp.resolve("dup-src"));

        Result r = cli(List.of(plugin, dup), "variants");
        assertEquals(USAGE_ERROR, r.exitCode(), r.output());
        String err = r.output().strip();
        assertFalse(err.contains("Exception"), err);
        // vae.api.Registry's message; which module the service loader finds first is not specified.
        String message = "vae: two objectives are named 'warmup-vae': %s and %s; "
                + "remove one of them from the module path";
        assertTrue(err.contains(message.formatted(MODULE, "module dup.objective"))
                || err.contains(message.formatted("module dup.objective", MODULE)), err);
    }
}
