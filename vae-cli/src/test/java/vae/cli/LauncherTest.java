package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ./vae launcher script refuses what cannot work, with one clear line. */
class LauncherTest {
    /** The launcher at the top of the repository (tests run in vae-cli/). */
    private static final Path LAUNCHER = Path.of("..", "vae").toAbsolutePath().normalize();

    @TempDir
    Path tmp;

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path script, Map<String, String> env) throws IOException, InterruptedException {
        return run(script, env, "--version");
    }

    private static Result run(Path script, Map<String, String> env, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().remove("VAE_JAVA_OPTS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    @Test
    void refusesAJavaOlderThan25() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("jdk17/bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho '    java.specification.version = 17' >&2\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result r = run(LAUNCHER, Map.of("JAVA_HOME", tmp.resolve("jdk17").toString()));
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("needs Java 25 or newer, found 17"), r.output());
        assertEquals(1, r.output().strip().lines().count(), r.output());
    }

    @Test
    void saysHowToBuildWhenTheBuildIsMissing() throws Exception {
        Path copy = tmp.resolve("vae");
        Files.copy(LAUNCHER, copy);
        Result r = run(copy, Map.of("JAVA_HOME", System.getProperty("java.home")));
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("the build is missing") && r.output().contains("./mvnw"), r.output());
    }

    /**
     * A checkout with a built module directory (one empty jar) and a JDK 25 whose java prints its
     * arguments, one a line: what the launcher would run. The JDK has a release file and its java
     * cannot report a version, so a launch also shows the version was read from the file.
     */
    private Path checkoutWithEchoingJava() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("checkout"));
        Files.copy(LAUNCHER, root.resolve("vae"));
        Files.createFile(Files.createDirectories(root.resolve("vae-cli/target/modules")).resolve("vae-cli-0.jar"));
        Path jdk = Files.createDirectories(tmp.resolve("jdk25/bin"));
        Files.writeString(jdk.getParent().resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"25.0.9\"\n");
        Path java = jdk.resolve("java");
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return root;
    }

    private List<String> launch(Path root, Map<String, String> env, String... args) throws Exception {
        Map<String, String> all = new java.util.HashMap<>(env);
        all.put("JAVA_HOME", tmp.resolve("jdk25").toString());
        Result r = run(root.resolve("vae"), all, args);
        assertEquals(0, r.exitCode(), r.output());
        return r.output().lines().toList();
    }

    @Test
    void runsTheSerialCollectorFromASmallHeapUnlessTheUserPicksACollectorOrHeap() throws Exception {
        Path root = checkoutWithEchoingJava();
        List<String> plain = launch(root, Map.of(), "train");
        assertTrue(plain.contains("-XX:+UseSerialGC") && plain.contains("-Xms16m"), plain.toString());
        assertFalse(plain.stream().anyMatch(a -> a.startsWith("-Xmx")), "the maximum heap stays the JVM's: " + plain);

        List<String> g1 = launch(root, Map.of("VAE_JAVA_OPTS", "-Xmx2g -XX:+UseG1GC"), "train");
        assertFalse(g1.contains("-XX:+UseSerialGC"), g1.toString());
        // The user's -Xmx could be below our initial size, which the JVM refuses: theirs alone decides.
        assertFalse(g1.contains("-Xms16m"), g1.toString());
        assertTrue(g1.contains("-XX:+UseG1GC") && g1.contains("-Xmx2g"), g1.toString());
    }

    @Test
    void commandsOfAFewImagesRunOnTheFirstCompilerAlone() throws Exception {
        Path root = checkoutWithEchoingJava();
        for (String[] quick : new String[][] {{"sample", "m.safetensors"}, {"sample", "m.safetensors", "-n", "1024"},
                {"reconstruct", "m.safetensors", "-n=16"}, {"variants"}, {"--version"}, {"traverse", "m"}}) {
            List<String> args = launch(root, Map.of(), quick);
            assertTrue(args.contains("-XX:TieredStopAtLevel=1") && args.contains("-Dvae.simd.plain=true"),
                    String.join(" ", quick));
        }
        for (String[] heavy : new String[][] {{"train"}, {"sample", "m.safetensors", "-n", "4096"},
                {"sample", "m.safetensors", "-n4096"}, {"score", "m.safetensors"}, {"encode", "m.safetensors"}}) {
            List<String> args = launch(root, Map.of(), heavy);
            assertFalse(args.contains("-XX:TieredStopAtLevel=1") || args.contains("-Dvae.simd.plain=true"),
                    String.join(" ", heavy));
        }
    }

    @Test
    void mapsTheClassArchiveQuietlyWhenTheBuildMadeOne() throws Exception {
        Path root = checkoutWithEchoingJava();
        assertFalse(launch(root, Map.of(), "sample").stream().anyMatch(a -> a.contains("SharedArchiveFile")));

        Path archive = Files.createFile(root.resolve("vae-cli/target/vae.jsa"));
        Path recordedFrom = root.resolve("vae-cli/target/vae.jsa.modules");
        // Recorded from another directory (this checkout is a copy of it): not passed.
        Files.writeString(recordedFrom, "/elsewhere/vae-cli/target/modules");
        assertFalse(launch(root, Map.of(), "sample").stream().anyMatch(a -> a.contains("SharedArchiveFile")));

        Files.writeString(recordedFrom, root.toRealPath().resolve("vae-cli/target/modules").toString());
        List<String> args = launch(root, Map.of(), "sample");
        assertTrue(args.contains("-XX:SharedArchiveFile=" + archive.toRealPath()), args.toString());
        // A stale archive (rebuilt jars, another JDK) is refused by the JVM with lines on standard output.
        assertTrue(args.contains("-Xlog:cds*=off,aot*=off"), args.toString());
    }
}
