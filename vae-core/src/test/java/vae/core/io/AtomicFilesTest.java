package vae.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs replace regular files at once, write through links, and never replace special files. */
class AtomicFilesTest {
    @TempDir
    Path tmp;

    private static void write(Path target, String text) throws IOException {
        AtomicFiles.write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    private long tempFiles() throws IOException {
        try (Stream<Path> files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".tmp")).count();
        }
    }

    @Test
    void aRegularFileIsReplacedAndNoTemporaryFileIsLeft() throws IOException {
        Path f = tmp.resolve("a.csv");
        write(f, "old");
        write(f, "new");
        assertEquals("new", Files.readString(f));
        assertEquals(0, tempFiles());
    }

    @Test
    void aSymbolicLinkIsWrittenThroughAndStaysALink() throws IOException {
        Path real = Files.createDirectories(tmp.resolve("real")).resolve("out.csv");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(tmp.resolve("link.csv"), Path.of("real", "out.csv"));
        write(link, "new");
        assertTrue(Files.isSymbolicLink(link), "the link is kept");
        assertEquals("new", Files.readString(real));
        Path dangling = Files.createSymbolicLink(tmp.resolve("dangling.csv"), Path.of("real", "later.csv"));
        write(dangling, "made");
        assertTrue(Files.isSymbolicLink(dangling));
        assertEquals("made", Files.readString(tmp.resolve("real/later.csv")));
    }

    @Test
    void aNamedPipeIsWrittenInPlaceNotReplaced() throws Exception {
        Path fifo = tmp.resolve("pipe");
        Process mkfifo;
        try {
            mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        } catch (IOException e) {
            assumeTrue(false, "no mkfifo here");
            return;
        }
        assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo failed");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        write(fifo, "through the pipe");
        assertEquals("through the pipe", reader.get(10, TimeUnit.SECONDS));
        assertFalse(Files.isRegularFile(fifo), "still a pipe");
        assertEquals(0, tempFiles());
    }

    @Test
    void aDirectoryIsRefused() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("d"));
        assertThrows(IOException.class, () -> write(dir, "x"));
    }
}
