package vae.core.spi;

/**
 * How a training step's objective counts the KL term, set by the training run's aids and read by
 * objectives through {@link LossContext#klWeighting()}. Evaluation always uses {@link #NONE}, so
 * test and validation losses are the objective itself, comparable across epochs and runs.
 *
 * @param factor   the warm-up factor in [0, 1] that multiplies the KL term's weight (1: none)
 * @param freeBits λ in nats (0: none): free bits (Kingma et al. 2016), the objective counts
 *                 {@code Σ_j max(λ, KL_j)} with {@code KL_j} latent dimension j's KL averaged over
 *                 the batch, so a dimension below λ gets no gradient from the KL
 */
public record KlWeighting(double factor, double freeBits) {
    /** The KL term as the objective states it: factor 1, no free bits. */
    public static final KlWeighting NONE = new KlWeighting(1, 0);

    public KlWeighting {
        if (!(factor >= 0 && factor <= 1)) {
            throw new IllegalArgumentException("the KL warm-up factor must be in [0, 1], got " + factor);
        }
        if (!(freeBits >= 0) || Double.isInfinite(freeBits)) {
            throw new IllegalArgumentException("free bits must be a number of nats >= 0, got " + freeBits);
        }
    }

    /** True when the KL term counts as the objective states it. */
    public boolean isNone() {
        return factor == 1 && freeBits == 0;
    }
}
