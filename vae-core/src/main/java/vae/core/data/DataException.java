package vae.core.data;

import java.io.Serial;

/**
 * A problem with input data that the user can fix: a missing or malformed file, an unknown data set name.
 *
 * <p>The message is a single line naming the problem and the fix, because the command line prints it as the
 * only output before exiting with status 2.
 */
public class DataException extends RuntimeException {

    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a one-line message.
     *
     * @param message what is wrong and how to fix it, on one line
     */
    public DataException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a one-line message and the low-level cause kept for debugging.
     *
     * @param message what is wrong and how to fix it, on one line
     * @param cause   the underlying failure
     */
    public DataException(String message, Throwable cause) {
        super(message, cause);
    }
}
