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
