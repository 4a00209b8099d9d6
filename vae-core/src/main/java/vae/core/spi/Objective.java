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
}
