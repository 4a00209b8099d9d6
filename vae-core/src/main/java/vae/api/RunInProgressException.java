package vae.api;

import java.nio.file.Path;

/**
 * A training run was asked to write into a directory another run is writing into. The other run
 * holds the directory's lock for its lifetime; the operating system drops the lock if it dies.
 */
public final class RunInProgressException extends IllegalArgumentException {
    private final transient Path directory;
    private final String holder;

    RunInProgressException(Path directory, String holder) {
        super(directory + " is in use by another training run (" + holder + "); wait for it to end or write "
                + "into another directory");
        this.directory = directory;
        this.holder = holder;
    }

    /** The directory both runs write into. */
    public Path directory() {
        return directory;
    }

    /** What the other run wrote into the lock: its process id and when it started, if known. */
    public String holder() {
        return holder;
    }
}
