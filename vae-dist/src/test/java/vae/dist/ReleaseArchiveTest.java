package vae.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive, unpacked, runs vae on its own runtime: with no JAVA_HOME and no java on the PATH
 * (which holds only the two tools bin/vae uses), as on a machine without a JDK.
 */
class ReleaseArchiveTest {
    private static final Path ZIP = Path.of(System.getProperty("vae.dist.zip"));
    private static final String VERSION = System.getProperty("vae.version");

    @TempDir
    static Path tmp;

    private static Path home;
    private static Path tools;

    private record Result(int exitCode, String output) {
    }

    @BeforeAll
    static void unpack() throws IOException {
        unzip(ZIP, tmp);
        home = tmp.resolve("vae4j");
        tools = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : List.of("dirname", "readlink")) {
            Path wrapper = tools.resolve(tool);
            Files.writeString(wrapper, "#!/bin/sh\nexec " + onPath(tool) + " \"$@\"\n");
            Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void launcherAndRuntimeAreExecutableOnceUnpacked() throws IOException {
        for (String file : List.of("bin/vae", "runtime/bin/java", "runtime/lib/jspawnhelper")) {
            assertEquals("rwxr-xr-x", mode(file), file);
        }
        assertEquals("rw-r--r--", mode("README.txt"));
    }

    private static String mode(String file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(file)));
    }

    @Test
    void printsItsVersionWithoutAJdk() throws Exception {
        Result r = run(home.resolve("bin/vae"), "--version");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("vae4j " + VERSION + " on Java "), r.output());
    }

    @Test
    void trainsOneShortEpochOnMnistWithTheSimdBackend() throws Exception {
        Path out = tmp.resolve("run");
        Result r = run(home.resolve("bin/vae"), "train", "--epochs", "1", "--train-limit", "500", "--test-limit", "100",
                "--out", out.toString());
        assertEquals(0, r.exitCode(), r.output());
        // The runtime has the Vector API (simd chosen) and java.desktop (the PNG pictures).
        assertTrue(r.output().contains("backend Vector API"), r.output());
        assertTrue(Files.size(out.resolve("model.safetensors")) > 0, r.output());
        assertTrue(Files.exists(out.resolve("reconstruction_1.png")), r.output());
    }

    @Test
    void findsTheArchiveThroughASymbolicLink() throws Exception {
        Path link = Files.createSymbolicLink(Files.createDirectories(tmp.resolve("links")).resolve("vae"),
                home.resolve("bin/vae"));
        Result r = run(link, "--version");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("vae4j " + VERSION), r.output());
    }

    /** Runs a vae script in an environment of PATH (no java on it) and HOME only. */
    private static Result run(Path script, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile()).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().putAll(Map.of("PATH", tools.toString(), "HOME", tmp.toString()));
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), output);
        return new Result(p.exitValue(), output);
    }

    /** Unpacks a zip with the file modes it records, as unzip does. */
    private static void unzip(Path zip, Path into) throws IOException {
        try (FileSystem fs = FileSystems.newFileSystem(zip, Map.of("enablePosixFileAttributes", true));
                Stream<Path> entries = Files.walk(fs.getPath("/"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                Path target = into.resolve(entry.toString().substring(1));
                if (Files.isDirectory(entry)) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entry, target);
                    Files.setPosixFilePermissions(target, Files.getPosixFilePermissions(entry));
                }
            }
        }
    }

    private static Path onPath(String tool) {
        for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(tool + " is not on the PATH");
    }
}
