package vae.models.objective;

import java.util.ArrayList;
import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.ReductionOps;
import vae.core.graph.RepeatOps;
import vae.core.graph.Var;
import vae.core.loss.ImportanceWeightedBound;
import vae.core.spi.Encoding;
import vae.core.spi.Hyperparameter;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.LossContext;
import vae.core.spi.LossTerms;
import vae.core.spi.Model;
import vae.core.spi.Objective;
import vae.core.spi.PosteriorSample;
import vae.core.spi.ObjectiveProvider;

/**
 * {@code iwae}, the importance-weighted autoencoder (Burda et al. 2016): the batch is encoded
 * once, k samples of z per example are decoded in one pass, and the loss is the negative k-sample
 * bound {@code −log (1/k) Σ_s p(x, z_s) / q(z_s|x)}. The closed-form KL of q(z|x) from the prior,
 * when it has one, is reported beside it with weight 0, for comparison with the VAE; it is not in
 * the objective. A run's KL warm-up and free bits are refused: the bound has no KL term to scale
 * (log p(z) − log q(z|x) sits inside the log-sum-exp, where annealing would change the importance
 * weights themselves), and Burda et al. trained it unannealed.
 */
public final class Iwae extends ObjectiveProvider {
    static final Hyperparameter<Integer> K = Hyperparameter.integer("k", 5, 1, 1024,
            "importance samples per example (each step decodes batch*k samples)");

    public Iwae() {
        super("iwae", "IWAE (Burda et al. 2016): trains the k-sample importance-weighted bound (k=1: the ELBO)", K);
    }

    @Override
    public Objective create(HyperparameterValues v) {
        int k = v.get(K);
        return new Objective() {
            @Override
            public LossTerms loss(Graph g, Model model, Var x, LossContext context) {
                Encoding q = model.encode(g, x);
                Var mu = RepeatOps.repeatBatch(g, q.mu(), k);
                Var logvar = RepeatOps.repeatBatch(g, q.logvar(), k);
                PosteriorSample sample = PosteriorSample.draw(g, model, mu, logvar, context.gaussian(g, mu.shape()));
                Var nll = model.likelihood().negativeLogLikelihood(g, model.decode(g, sample.z()),
                        RepeatOps.repeatBatch(g, x, k));
                Var logWeights = sample.logImportanceWeights(g, model, nll, mu, logvar);
                Var bound = ImportanceWeightedBound.negativeBound(g, logWeights, k);
                List<LossTerms.Term> terms = new ArrayList<>(List.of(new LossTerms.Term("iwae", bound, 1.0)));
                if (model.klInClosedForm()) { // reported only; an estimate would need one z per example
                    terms.add(new LossTerms.Term("kl", model.prior().kl(g, q, q.mu()), 0.0));
                }
                return new LossTerms(ReductionOps.mean(g, bound), terms);
            }

            @Override
            public String description() {
                return "-IWAE bound with k=" + k + " importance samples (Burda et al.), not the ELBO";
            }
        };
    }
}
