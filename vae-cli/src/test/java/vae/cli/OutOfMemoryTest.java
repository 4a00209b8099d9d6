package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model too large for the heap ends in one line and exit code 2, not a stack trace. */
class OutOfMemoryTest {
    @TempDir
    Path tmp;

    /** The CLI in a child JVM with a small heap; its exit code and everything it printed. */
    private record Child(int exitCode, String output) {
    }

    private Child vae(String heap, String... args) throws Exception {
        Path log = Files.createTempFile(tmp, "child", ".log");
        List<String> command = new java.util.ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), heap, "--module-path",
                System.getProperty("jdk.module.path"), "-m", "vae.cli/vae.cli.Main"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "did not finish");
        return new Child(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void aHeaderPromisingGigabytesCostsOnlyWhatTheFileHolds() throws Exception {
        Path dir = tmp.resolve("lying");
        MainTest.writeIdxDataset(dir, 8, 4, 6);
        // 16 bytes of header claiming nearly 2^31 bytes of images (46340 x 46340 x 1), then 8 bytes of data
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(24).putInt(0x00000803).putInt(1).putInt(46340)
                .putInt(46340);
        Files.write(dir.resolve("train-images-idx3-ubyte"), b.array());
        Child r = vae("-Xmx24m", "train", "--dataset", dir.toString(), "--epochs", "1", "--backend", "scalar",
                "--threads", "1", "--out", tmp.resolve("run").toString());
        assertEquals(Main.USAGE_ERROR, r.exitCode(), r.output());
        assertTrue(r.output().contains("truncated IDX data"), r.output());
        assertFalse(r.output().contains("out of memory") || r.output().contains("\tat "), r.output());
    }

    @Test
    void aModelTooLargeForTheHeapIsOneLineAndExitCodeTwo() throws Exception {
        Path log = tmp.resolve("out.log");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx48m", "--module-path", System.getProperty("jdk.module.path"), "-m", "vae.cli/vae.cli.Main",
                "train", "--epochs", "1", "--train-limit", "64", "--test-limit", "32", "--backend", "scalar",
                "--threads", "1", "-P", "hidden=8192", "--out", tmp.resolve("run").toString());
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "did not finish");
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(Main.USAGE_ERROR, p.exitValue(), out);
        String last = out.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("vae: out of memory: the Java heap ("), out);
        assertTrue(last.contains("VAE_JAVA_OPTS=-Xmx"), out);
        assertFalse(out.contains("OutOfMemoryError") || out.contains("\tat "), "no stack trace: " + out);
        assertFalse(Files.exists(tmp.resolve("run").resolve("model.safetensors")), "nothing written");
    }
}
