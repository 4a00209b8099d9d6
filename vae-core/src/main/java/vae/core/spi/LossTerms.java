package vae.core.spi;

import java.util.List;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.ReductionOps;
import vae.core.graph.Var;

/**
 * A model's loss on a batch: the objective that is minimised, and the named terms it is made
 * of, each per example in nats with the weight it enters the objective with. While a run trains
 * with KL warm-up or free bits ({@link KlWeighting}), the objective counts the KL term as they
 * say and the terms keep the weights evaluation uses, so that {@code Σ weight · mean(term)} is
 * the objective without those aids.
 *
 * @param objective the batch mean of {@code Σ weight · term} (but see above), a one-element value
 * @param terms     the terms, e.g. {@code recon} and {@code kl}
 */
public record LossTerms(Var objective, List<Term> terms) {

    /**
     * One term of the loss.
     *
     * @param name       short name, e.g. {@code recon}, {@code kl}, {@code mmd}
     * @param perExample its value per example, shape {@code [B]}, in nats
     * @param weight     its weight in the objective (β for the KL of a β-VAE)
     */
    public record Term(String name, Var perExample, double weight) {
    }

    public LossTerms {
        terms = List.copyOf(terms);
    }

    /** The objective {@code mean_batch(Σ weight · term)} built from the terms on the graph. */
    public static LossTerms weighted(Graph g, List<Term> terms) {
        Var[] means = new Var[terms.size()];
        float[] weights = new float[terms.size()];
        for (int i = 0; i < terms.size(); i++) {
            means[i] = ReductionOps.mean(g, terms.get(i).perExample());
            weights[i] = (float) terms.get(i).weight();
        }
        return new LossTerms(ElementwiseOps.weightedSum(g, means, weights), terms);
    }
}
