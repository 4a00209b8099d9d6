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

/** What does not fit in the heap ends in one line and exit code 2, not a stack trace, and limits bound what is loaded. */
class OutOfMemoryTest {
    @TempDir
    Path tmp;

    /** The CLI in a child JVM with a small heap; its exit code and everything it printed. */
    private record Child(int exitCode, String output) {
    }

    private Child vae(String heap, String... args) throws Exception {
        return vae(List.of(heap), args);
    }

    private Child vae(List<String> jvmOptions, String... args) throws Exception {
        Path log = Files.createTempFile(tmp, "child", ".log");
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("--module-path", System.getProperty("jdk.module.path"), "-m", "vae.cli/vae.cli.Main"));
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

    /** A gzipped IDX file of {@code n} blank w×w images: a few kilobytes that inflate to n·w² bytes. */
    private static void writeBlankImagesGz(Path file, int n, int w) throws java.io.IOException {
        try (var out = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(Files.newOutputStream(file)))) {
            out.writeInt(0x00000803);
            out.writeInt(n);
            out.writeInt(w);
            out.writeInt(w);
            byte[] row = new byte[w * w];
            for (int i = 0; i < n; i++) {
                out.write(row);
            }
        }
    }

    @Test
    void limitsApplyWhileLoadingSoAHugeFileTrainsOnASmallHeap() throws Exception {
        Path dir = tmp.resolve("huge");
        MainTest.writeIdxDataset(dir, 8, 40, 28);
        Files.delete(dir.resolve("train-images-idx3-ubyte"));
        Files.delete(dir.resolve("train-labels-idx1-ubyte"));
        writeBlankImagesGz(dir.resolve("train-images-idx3-ubyte.gz"), 120_000, 28); // 94 MB inflated, 376 MB as floats
        try (var out = new java.io.DataOutputStream(new java.util.zip.GZIPOutputStream(
                Files.newOutputStream(dir.resolve("train-labels-idx1-ubyte.gz"))))) {
            out.writeInt(0x00000801);
            out.writeInt(120_000);
            out.write(new byte[120_000]);
        }
        Child r = vae("-Xmx48m", "train", "--dataset", dir.toString(), "--train-limit", "64", "--test-limit", "32",
                "--epochs", "1", "-P", "hidden=8", "-P", "latent=2", "--backend", "scalar", "--threads", "1",
                "--out", tmp.resolve("run").toString());
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("64 train, 32 test"), r.output());
        Child all = vae("-Xmx48m", "train", "--dataset", dir.toString(), "--epochs", "1", "-P", "hidden=8",
                "--backend", "scalar", "--threads", "1", "--out", tmp.resolve("all").toString());
        // Without a limit the whole file is loaded, and what no check foresaw ends in one line too.
        assertEquals(Main.USAGE_ERROR, all.exitCode(), all.output());
        String last = all.output().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("vae: out of memory: the Java heap (48 MiB)") && last.contains("VAE_JAVA_OPTS=-Xmx"),
                all.output());
        assertFalse(all.output().contains("OutOfMemoryError") || all.output().contains("\tat "), all.output());
    }

    @Test
    void theInferenceCommandsLoadOnlyTheExamplesTheyUse() throws Exception {
        Path model = Files.createDirectories(tmp.resolve("v1")).resolve("model.safetensors");
        Files.copy(Path.of("src", "test", "resources", "format1", "vae", "model.safetensors"), model);
        // All of MNIST as floats is 220 MB; the first 16 test images and one training image are not.
        Child r = vae("-Xmx48m", "evaluate", model.toString(), "--limit", "16", "-k", "2", "--backend", "scalar",
                "--threads", "1");
        assertEquals(0, r.exitCode(), r.output());
        assertTrue(r.output().contains("16 test examples"), r.output());
    }

    @Test
    void aModelTooLargeForASmallHeapIsRefusedBeforeAllocation() throws Exception {
        Child r = vae("-Xmx48m", "train", "--epochs", "1", "--train-limit", "64", "--test-limit", "32", "--backend",
                "scalar", "--threads", "1", "-P", "hidden=8192", "--out", tmp.resolve("run").toString());
        assertEquals(Main.USAGE_ERROR, r.exitCode(), r.output());
        String last = r.output().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("vae: a model of 13,353,784 parameters needs "), r.output());
        assertTrue(last.contains("of the Java heap (48 MiB)") && last.contains("-Xmx"), r.output());
        assertFalse(Files.exists(tmp.resolve("run").resolve("model.safetensors")), "nothing written");
    }

    /**
     * A folder like /usr/share/doc: many subfolders (classes, nearly all empty) and a few images whose size, taken
     * from the first one, makes the model's input large. Under the serial collector ./vae chooses, the model's
     * arrays must fit in the old generation (two thirds of the heap); a model of 220 MiB passed the check against
     * the 225 MiB free of a 247 MiB heap and ended in an out-of-memory after its first epoch.
     */
    @Test
    void aModelSizedByTheFirstImageThatOnlyTheWholeHeapCouldHoldIsRefusedNamingTheImageSize() throws Exception {
        Path folder = tmp.resolve("doc");
        Path pkg = Files.createDirectories(folder.resolve("pkg"));
        for (int i = 0; i < 3; i++) {
            var image = new java.awt.image.BufferedImage(100, 60, java.awt.image.BufferedImage.TYPE_INT_RGB);
            image.setRGB(i, i, 0xffffff);
            javax.imageio.ImageIO.write(image, "png", pkg.resolve("img" + i + ".png").toFile());
        }
        Files.writeString(pkg.resolve("README.txt"), "not an image");
        Files.createDirectories(pkg.resolve("examples"));
        for (int i = 0; i < 20; i++) {
            Files.writeString(Files.createDirectories(folder.resolve("other" + i)).resolve("copyright"), "text");
        }
        List<String> launcher = List.of("-Xmx256m", "-XX:+UseSerialGC", "-Xms16m"); // as ./vae runs it
        Child r = vae(launcher, "train", "--dataset", folder.toString(), "--epochs", "1", "--backend", "scalar",
                "--threads", "1", "--out", tmp.resolve("run").toString());
        assertEquals(Main.USAGE_ERROR, r.exitCode(), r.output());
        String last = r.output().strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("vae: a model of 14,442,840 parameters needs 220 MiB "), r.output());
        assertTrue(last.contains("free in the old generation") && last.contains("3x60x100 = 18,000 values per image "
                + "(the size of the first image") && last.contains("pass a smaller --image-size"), r.output());
        assertFalse(r.output().contains("out of memory") || r.output().contains("\tat "), r.output());
        assertFalse(Files.exists(tmp.resolve("run").resolve("model.safetensors")), "nothing written");

        Child small = vae(launcher, "train", "--dataset", folder.toString(), "--image-size", "16x16", "--epochs", "1",
                "--backend", "scalar", "--threads", "1", "--out", tmp.resolve("small").toString());
        assertEquals(0, small.exitCode(), small.output());
        assertTrue(small.output().contains("images as 3x16x16") && small.output().contains("2 train, 1 test"),
                small.output());
    }
}
