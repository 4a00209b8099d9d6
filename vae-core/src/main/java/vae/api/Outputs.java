package vae.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Checks made on output locations before any work starts. */
final class Outputs {
    private Outputs() {
    }

    /** Creates {@code dir} if needed and checks it can be written; {@code what} names it in the message. */
    static void requireWritableDirectory(Path dir, String what) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new IllegalArgumentException("cannot create the " + what + " " + dir + " (" + e.getMessage()
                    + "); choose another");
        }
        if (!Files.isWritable(dir)) {
            throw new IllegalArgumentException("the " + what + " " + dir + " is not writable; choose another");
        }
    }
}
