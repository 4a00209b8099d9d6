package vae.core.checkpoint;

import java.io.Serial;

/**
 * A checkpoint that cannot be used: missing, truncated, damaged, or made for another model. The
 * message is one line naming the file, what is wrong and, where there is one, the fix.
 */
public class CheckpointException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * @param message one line naming the file and the problem
     */
    public CheckpointException(String message) {
        super(message);
    }

    /**
     * @param message one line naming the file and the problem
     * @param cause   the low-level failure, kept for debugging
     */
    public CheckpointException(String message, Throwable cause) {
        super(message, cause);
    }
}
