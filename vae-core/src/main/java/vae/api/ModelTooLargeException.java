package vae.api;

/**
 * A model too large for the heap, refused before any of its parameters is allocated; its message
 * is {@link #problem()}, then the generic fix. A caller that knows what made the model large (the
 * command line, for images whose size was taken from the first one) can give its own fix.
 */
public final class ModelTooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String problem;
    private final long parameters;

    ModelTooLargeException(String problem, String fix, long parameters) {
        super(problem + "; " + fix);
        this.problem = problem;
        this.parameters = parameters;
    }

    /** What is wrong, without the fix: the parameter count, the memory it needs and the heap's space. */
    public String problem() {
        return problem;
    }

    /** The parameters the model would have. */
    public long parameters() {
        return parameters;
    }
}
