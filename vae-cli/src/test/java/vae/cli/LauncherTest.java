package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
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
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString(), "--version").redirectErrorStream(true);
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
}
