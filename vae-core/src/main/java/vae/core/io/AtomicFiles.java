package vae.core.io;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/** Files replaced all at once: written beside the target, flushed to disk, then renamed over it. */
public final class AtomicFiles {
    private AtomicFiles() {
    }

    /** What writes a file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Deletes the temporary files that interrupted writes of {@code target} left beside it; only
     * safe while nothing else writes it (a training run holds its directory's lock).
     *
     * @return how many were deleted
     */
    public static int deleteStaleTemps(Path target) throws IOException {
        Path absolute = target.toAbsolutePath();
        String prefix = "." + absolute.getFileName() + ".";
        int deleted = 0;
        try (var files = Files.newDirectoryStream(absolute.getParent(),
                p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"))) {
            for (Path p : files) {
                if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(p)) {
                    deleted++;
                }
            }
        }
        return deleted;
    }

    /** Writes {@code content} to a new temporary file in the target's directory and returns it. */
    public static Path writeTemp(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        // Same directory, so the rename cannot cross file systems.
        Path temp = absolute.resolveSibling("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + ".tmp");
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
            content.writeTo(out);
            out.flush();
            ch.force(true); // on disk before the rename, so a crash cannot leave a renamed but empty file
        } catch (FileSystemException e) {
            Files.deleteIfExists(temp);
            // The user named the target; the temporary file is ours and means nothing to them.
            FileSystemException named = new FileSystemException(absolute.toString(), null, reason(e));
            named.initCause(e);
            throw named;
        } catch (IOException e) {
            Files.deleteIfExists(temp);
            // e.g. "No space left on device" while writing: said of the file the user named
            FileSystemException named = new FileSystemException(absolute.toString(), null, e.getMessage());
            named.initCause(e);
            throw named;
        } catch (RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        return temp;
    }

    /** Why a file could not be made, in words (the JDK leaves the reason empty for the common cases). */
    private static String reason(FileSystemException e) {
        if (e.getReason() != null) {
            return e.getReason();
        }
        return switch (e) {
            case java.nio.file.AccessDeniedException x -> "permission denied";
            case java.nio.file.NoSuchFileException x -> "no file can be created there";
            case java.nio.file.NotDirectoryException x -> "a part of the path is not a directory";
            case java.nio.file.FileAlreadyExistsException x -> "a file of that name is in the way";
            default -> "the file system refused it";
        };
    }

    /** Renames {@code temp} over {@code target}. */
    public static void commit(Path temp, Path target) throws IOException {
        try {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            // Some network and FUSE file systems cannot rename atomically; a plain replace is the best left.
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Replaces {@code target} by {@code content} at once: a reader sees the old file or the new one.
     * A symbolic link is written through (the file it points to is replaced, the link stays), and
     * a special file such as a named pipe or a device is written in place, never replaced.
     */
    public static void write(Path target, Content content) throws IOException {
        Path real = throughLinks(target.toAbsolutePath());
        if (Files.isDirectory(real)) {
            throw new IOException(target + " is a directory");
        }
        if (Files.exists(real) && !Files.isRegularFile(real)) {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(real, StandardOpenOption.WRITE),
                    1 << 16)) {
                content.writeTo(out);
            }
            return;
        }
        Path temp = writeTemp(real, content);
        try {
            commit(temp, real);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The file {@code path} names once symbolic links (even dangling ones) are followed. */
    private static Path throughLinks(Path path) throws IOException {
        Path p = path;
        for (int hops = 0; Files.isSymbolicLink(p); hops++) {
            if (hops == 40) {
                throw new IOException(path + ": too many levels of symbolic links");
            }
            p = p.getParent().resolve(Files.readSymbolicLink(p)).normalize();
        }
        return p;
    }
}
