package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vae.cli.CliRun.assertOneLineError;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run holds a lock on its output directory: a second run into it stops at once with
 * one line naming the first, in this JVM or another process, and the lock goes with the run.
 */
class RunLockTest {
    private static final String LOCK = ".vae-run.lock";

    @TempDir
    Path tmp;

    private static List<String> trainArgs(Path out) {
        return List.of("train", "--epochs", "1", "--train-limit", "64", "--test-limit", "32", "--batch-size", "32",
                "-P", "hidden=8", "-P", "latent=2", "--threads", "1", "--backend", "scalar", "--out", out.toString());
    }

    /** Holds the lock as a running training would, recording {@code holder} in it. */
    private static FileLock hold(FileChannel ch, String holder) throws Exception {
        ch.write(ByteBuffer.wrap(holder.getBytes(StandardCharsets.UTF_8)), 0);
        return ch.lock();
    }

    @Test
    void aSecondRunInThisJvmStopsAtOnceNamingTheFirst() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("run"));
        try (FileChannel ch = FileChannel.open(out.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock ignored = hold(ch, "pid 4242, started 2026-12-06T20:00:00Z")) {
            CliRun r = CliRun.of(trainArgs(out).toArray(String[]::new));
            assertOneLineError(r, "--out " + out + " is in use by another training run (pid 4242, started "
                    + "2026-12-06T20:00:00Z)", "choose another --out");
            assertFalse(r.out().contains("epoch 1/1"), r.out());
            assertFalse(Files.exists(out.resolve("model.safetensors")), "nothing written");
        }
        CliRun after = CliRun.of(trainArgs(out).toArray(String[]::new));
        assertEquals(0, after.exitCode(), "the lock goes with its holder: " + after.err());
        CliRun again = CliRun.of(trainArgs(out).toArray(String[]::new));
        assertOneLineError(again, "already holds a checkpoint"); // the finished run released its lock
    }

    @Test
    void aRunInAnotherProcessIsRefusedWhileThisOneHoldsTheLock() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("shared"));
        try (FileChannel ch = FileChannel.open(out.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); FileLock ignored = hold(ch, "pid 77, started 2026-12-06T20:01:00Z")) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--module-path", System.getProperty("jdk.module.path"), "-m", "vae.cli/vae.cli.Main"));
            command.addAll(trainArgs(out));
            Path log = tmp.resolve("child.log");
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            assertTrue(p.waitFor(2, TimeUnit.MINUTES), "did not finish");
            String text = Files.readString(log);
            assertEquals(Main.USAGE_ERROR, p.exitValue(), text);
            assertTrue(text.contains("is in use by another training run (pid 77, started 2026-12-06T20:01:00Z)"), text);
            assertFalse(text.contains("Exception"), text);
        }
    }

    @Test
    void temporaryFilesOfAnInterruptedWriteAreDeletedWhenTheNextRunStarts() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("interrupted"));
        Path stale = Files.writeString(out.resolve(".model.safetensors.5f3a.tmp"), "half a checkpoint");
        Path staleOptimizer = Files.writeString(out.resolve(".model.optimizer.safetensors.77.tmp"), "half");
        Path unrelated = Files.writeString(out.resolve(".notes.tmp"), "mine");
        CliRun r = CliRun.of(trainArgs(out).toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(Files.exists(stale));
        assertFalse(Files.exists(staleOptimizer));
        assertTrue(Files.exists(unrelated), "only the checkpoints' temporary files are deleted");
    }
}
