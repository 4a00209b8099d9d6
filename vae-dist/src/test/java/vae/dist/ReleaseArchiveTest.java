package vae.dist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive, unpacked, runs vae on its own runtime: with no JAVA_HOME and no java on the PATH
 * (which holds only the tools bin/vae uses), as on a machine without a JDK. It is unpacked into a
 * temporary directory, not where the build assembled it, and bin/vae records its class archive into
 * HOME/.cache/vae4j on first use.
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

    private record Output(int exitCode, byte[] stdout, String stderr) {
    }

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @BeforeAll
    static void unpack() throws IOException {
        unzip(ZIP, tmp);
        home = tmp.resolve("vae4j");
        tools = Files.createDirectories(tmp.resolve("tools"));
        for (String tool : List.of("dirname", "readlink", "cksum", "ls", "mkdir", "mv", "rm")) {
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


    /**
     * A short command (sample of 64 images) starts as ./vae starts it: the serial collector from a 16 MB heap,
     * C1 alone with the plain kernels, and the classes mapped from the class archive bin/vae recorded for
     * this directory on its first run; the JVM's logs, asked for in VAE_JAVA_OPTS, go to files, so the
     * picture on the standard output stays whole.
     */
    @Test
    void samplesWithTheLaunchersJvmOptionsAndItsClassArchive() throws Exception {
        Path model = smallModel();
        Path logs = Files.createDirectories(tmp.resolve("logs-sample"));
        Output r = runBinary(Map.of("VAE_JAVA_OPTS", logOptions(logs)), "sample", model.toString(), "-o", "-");
        assertEquals(0, r.exitCode(), r.stderr());
        assertTrue(r.stdout().length > PNG_SIGNATURE.length, r.stderr());
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(r.stdout(), PNG_SIGNATURE.length), r.stderr());
        // Recorded by an earlier command of this HOME (training the model), once.
        assertFalse(r.stderr().contains("recording the class archive"), r.stderr());

        String jvmArgs = jvmArgs(logs);
        Path archive = classArchive();
        for (String option : List.of("-XX:+UseSerialGC", "-Xms16m", "-XX:TieredStopAtLevel=1", "-Dvae.simd.plain=true",
                "-XX:SharedArchiveFile=" + archive)) {
            assertTrue(jvmArgs.contains(" " + option + " "), option + " missing from: " + jvmArgs);
        }
        assertTrue(Files.readString(logs.resolve("gc.log")).contains("Using Serial"), Files.readString(logs.resolve("gc.log")));
        // "shared objects file (top)" is the dynamic archive (the runtime's own is the base).
        List<String> loaded = Files.readAllLines(logs.resolve("class-load.log"));
        long fromArchive = loaded.stream().filter(l -> l.contains("source: shared objects file (top)")).count();
        assertTrue(fromArchive > 500, fromArchive + " classes from the class archive of " + loaded.size());
        assertTrue(loaded.stream().anyMatch(l -> l.contains(" vae.cli.Main source: shared objects file (top)")),
                "vae.cli.Main was not loaded from the class archive");
    }

    /** A collector or heap size in VAE_JAVA_OPTS replaces the launcher's; training keeps both compilers. */
    @Test
    void theUsersCollectorWinsAndTrainingKeepsC2() throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("logs-user"));
        Result r = run(Map.of("VAE_JAVA_OPTS", "-XX:+UseParallelGC -Xmx300m " + logOptions(logs)), home.resolve("bin/vae"),
                "train", "--help");
        assertEquals(0, r.exitCode(), r.output());
        String jvmArgs = jvmArgs(logs);
        for (String option : List.of("-XX:+UseSerialGC", "-Xms16m", "-XX:TieredStopAtLevel=1", "-Dvae.simd.plain=true")) {
            assertFalse(jvmArgs.contains(" " + option + " "), option + " in: " + jvmArgs);
        }
        assertTrue(jvmArgs.contains(" -XX:+UseParallelGC -Xmx300m "), jvmArgs);
        assertTrue(Files.readString(logs.resolve("gc.log")).contains("Using Parallel"), Files.readString(logs.resolve("gc.log")));
    }

    /** A class archive the JVM cannot use (here: not an archive at all) costs its classes, never the command. */
    @Test
    void aBrokenClassArchiveStopsNoCommand() throws Exception {
        Path archive = classArchive();
        Path otherHome = tmp.resolve("home-broken");
        Path cache = Files.createDirectories(otherHome.resolve(".cache/vae4j"));
        Files.copy(archive.resolveSibling(archive.getFileName() + ".id"), cache.resolve(archive.getFileName() + ".id"));
        Files.write(cache.resolve(archive.getFileName()), new byte[4096]);
        Path logs = Files.createDirectories(tmp.resolve("logs-broken"));
        Result r = run(Map.of("HOME", otherHome.toString(), "VAE_JAVA_OPTS", logOptions(logs)), home.resolve("bin/vae"),
                "--version");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("vae4j " + VERSION + " on Java "), r.output());
        assertFalse(r.output().contains("recording the class archive"), r.output());
        assertFalse(r.output().contains("[error"), r.output());
        assertTrue(jvmArgs(logs).contains(" -XX:SharedArchiveFile=" + cache.resolve(archive.getFileName()) + " "),
                jvmArgs(logs));
    }

    private static Path smallModel() throws Exception {
        Path out = tmp.resolve("small");
        Path model = out.resolve("model.safetensors");
        if (!Files.exists(model)) {
            Result r = run(home.resolve("bin/vae"), "train", "--variant", "vae", "-P", "hidden=32", "--epochs", "1",
                    "--train-limit", "256", "--test-limit", "64", "--out", out.toString());
            assertEquals(0, r.exitCode(), r.output());
        }
        return model;
    }

    /** The class archive bin/vae recorded into HOME's cache, recorded now if no command has run yet. */
    private static Path classArchive() throws Exception {
        Path cache = tmp.resolve(".cache/vae4j");
        if (!Files.isDirectory(cache)) {
            Result r = run(home.resolve("bin/vae"), "--version");
            assertEquals(0, r.exitCode(), r.output());
            assertTrue(r.output().contains("recording the class archive"), "bin/vae recorded no class archive: " + r.output());
        }
        try (Stream<Path> files = Files.list(cache)) {
            List<Path> archives = files.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
            assertEquals(1, archives.size(), archives.toString());
            return archives.getFirst();
        }
    }

    /** JVM logs into files of a directory: the options it was started with, the collector, each class's source. */
    private static String logOptions(Path logs) {
        return "-Xlog:arguments=info:file=" + logs.resolve("arguments.log") + " -Xlog:gc=info:file=" + logs.resolve("gc.log")
                + " -Xlog:class+load=info:file=" + logs.resolve("class-load.log");
    }

    /** The JVM options of the logged start, space-separated with a space at each end. */
    private static String jvmArgs(Path logs) throws IOException {
        return Files.readAllLines(logs.resolve("arguments.log")).stream().filter(l -> l.contains("jvm_args: ")).findFirst()
                .map(l -> " " + l.substring(l.indexOf("jvm_args: ") + "jvm_args: ".length()).strip() + " ")
                .orElseThrow(() -> new AssertionError("no jvm_args in " + logs.resolve("arguments.log")));
    }

    /** Runs a vae script in an environment of PATH (no java on it) and HOME only. */
    private static Result run(Path script, String... args) throws IOException, InterruptedException {
        return run(Map.of(), script, args);
    }

    /** Runs a vae script in an environment of PATH (no java on it), HOME and the given variables. */
    private static Result run(Map<String, String> env, Path script, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = processBuilder(env, script, args).redirectErrorStream(true);
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), output);
        return new Result(p.exitValue(), output);
    }

    /** Runs bin/vae as {@link #run} does, keeping its standard output (bytes) apart from its standard error. */
    private static Output runBinary(Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path stderr = Files.createTempFile(tmp, "stderr", ".txt");
        Process p = processBuilder(env, home.resolve("bin/vae"), args).redirectError(stderr.toFile()).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), Files.readString(stderr));
        return new Output(p.exitValue(), stdout, Files.readString(stderr));
    }

    private static ProcessBuilder processBuilder(Map<String, String> env, Path script, String... args) {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(tmp.toFile());
        Map<String, String> environment = new HashMap<>(Map.of("PATH", tools.toString(), "HOME", tmp.toString()));
        environment.putAll(env);
        pb.environment().clear();
        pb.environment().putAll(environment);
        return pb;
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
