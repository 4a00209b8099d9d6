package vae.api;

import java.nio.file.Path;

/** A run would replace another run's checkpoint; nothing has been written. */
public final class OutputConflictException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final transient Path existing;

    OutputConflictException(Path existing) {
        super(existing.getParent() + " already holds a checkpoint (" + existing.getFileName() + "): continue that run, "
                + "write to another directory, or allow replacing it");
        this.existing = existing;
    }

    /** The checkpoint that is in the way. */
    public Path existing() {
        return existing;
    }
}
