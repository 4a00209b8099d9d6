package vae.core.spi;

import vae.core.graph.Graph;
import vae.core.graph.Var;

/** How a model's terms combine into the loss it trains; made by an {@link ObjectiveProvider}. */
public interface Objective {

    /** The loss on a batch {@code x [B, ...]} of {@code model}, drawing its noise from {@code context}. */
    LossTerms loss(Graph g, Model model, Var x, LossContext context);

    /**
     * What the loss estimates, in words for the run's header, e.g. {@code -ELBO (recon + kl), one
     * sample of z} or {@code -IWAE bound with k=5 importance samples}.
     */
    String description();

    /**
     * True when the loss scales its KL term by {@link LossContext#klWeighting()}'s warm-up factor
     * while training (as {@link OneSampleElbo#loss} does); a run refuses KL warm-up for an
     * objective that does not, rather than silently train without it. Default false.
     */
    default boolean supportsKlWarmup() {
        return false;
    }

    /**
     * True when the loss applies {@link LossContext#klWeighting()}'s free bits to its KL term while
     * training (as {@link OneSampleElbo#loss} does, given a prior whose KL splits by dimension).
     * Default false.
     */
    default boolean supportsFreeBits() {
        return false;
    }
}
