package vae.core.train;

/** The loss became NaN or infinite: training cannot go on with these settings. */
public final class TrainingDivergedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TrainingDivergedException(String message) {
        super(message);
    }
}
