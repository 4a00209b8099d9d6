package vae.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import vae.core.io.AtomicFiles;

/** A UTF-8 text file replaced all at once (see {@link AtomicFiles}), so a failed run never leaves half a file. */
final class AtomicTextFile {
    private AtomicTextFile() {
    }

    /** What writes the content. */
    @FunctionalInterface
    interface Content {
        void writeTo(BufferedWriter w) throws IOException;
    }

    static void write(Path file, Content content) throws IOException {
        AtomicFiles.write(file, out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            content.writeTo(w);
            w.flush();
        });
    }
}
