package vae.cli;

import vae.core.backend.Backends;

/** The {@code --threads} option of every command: all cores by default, at most a few per core. */
final class ThreadOption {
    private ThreadOption() {
    }

    /** The thread count {@code given} asks for (null: every core), or a one-line error. */
    static int resolve(Integer given) {
        if (given == null) {
            return Runtime.getRuntime().availableProcessors();
        }
        if (given < 1 || given > Backends.maxThreads()) {
            throw new UserError("--threads must be in 1.." + Backends.maxThreads() + " (" + Backends.MAX_THREADS_PER_CORE
                    + " per core on this machine), got " + given);
        }
        return given;
    }
}
