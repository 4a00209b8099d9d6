package vae.core.spi;

import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.Var;
import vae.core.loss.Likelihood;

/**
 * A model assembled from its axes: the architecture's encoder and decoder, the prior, the
 * likelihood, and the objective it trains with. This is what training, evaluation and inference
 * run; an objective's loss is written against it.
 */
public interface Model {

    /** Every learnable parameter, in PyTorch {@code state_dict} order and naming. */
    List<Parameter> parameters();

    /** The dimension of z. */
    int latentDim();

    /** p(x|z). */
    Likelihood likelihood();

    /** p(z); null for a model with a deterministic encoder, which has none. */
    Prior prior();

    /** The training loss on a batch {@code x [B, ...]}, drawing its noise from {@code context}. */
    LossTerms loss(Graph g, Var x, LossContext context);

    /** q(z|x) for a batch. */
    Encoding encode(Graph g, Var x);

    /** The decoder's output for latents {@code z [B, latent]}: the parameters of p(x|z). */
    Var decode(Graph g, Var z);

    /**
     * The classes a conditional model (CVAE) takes its labels from, {@code 0 .. conditionClasses()−1};
     * 0 for a model of x alone.
     */
    default int conditionClasses() {
        return 0;
    }

    /**
     * A conditional model given the labels of a batch's {@code B} examples: a view whose encoder
     * and decoder (and so whose loss) see each example's one-hot label, q(z|x, y) and p(x|z, y).
     * Its decoder takes any multiple of {@code B} rows in sample-major order (row r is example
     * {@code r mod B}), as objectives and scorers lay out several samples per example.
     *
     * @throws IllegalArgumentException      for a label outside {@code 0 .. conditionClasses()−1}
     * @throws UnsupportedOperationException for a model that is not conditional
     */
    default Model given(Graph g, int[] labels) {
        throw new UnsupportedOperationException("this model is not conditional: it takes no labels");
    }

    /**
     * True for a semi-supervised model (M2), which has a classifier q(y|x) over its
     * {@link #conditionClasses()}.
     */
    default boolean hasClassifier() {
        return false;
    }

    /**
     * The logits {@code [B, conditionClasses()]} of q(y|x) for a batch {@code x}.
     *
     * @throws UnsupportedOperationException for a model without a classifier
     */
    default Var classify(Graph g, Var x) {
        throw new UnsupportedOperationException("this model has no classifier q(y|x)");
    }

    /**
     * This model for one batch: itself for a model of x alone, else {@link #given} the labels that
     * {@code labels} supplies (asked for only then, so unlabelled data is fine for the former).
     */
    default Model forBatch(Graph g, java.util.function.Supplier<int[]> labels) {
        return conditionClasses() == 0 ? this : given(g, labels.get());
    }

    /**
     * The dimensions of z the encoder gives and the decoder reads: {@link #latentDim()} less the
     * columns a prior adds for its own noise ({@link Prior#auxiliaryDimensions()}), which follow them.
     */
    default int encoderLatentDim() {
        return latentDim() - (prior() == null ? 0 : prior().auxiliaryDimensions());
    }

    /**
     * One point and spread standing for q(z|x) ({@link Prior#posteriorCode}): what encodings shown to
     * users, reconstructions and active units use; {@code q} itself unless the prior shapes the posterior.
     */
    default Encoding posteriorCode(Graph g, Encoding q) {
        return prior() == null ? q : prior().posteriorCode(g, q);
    }

    /** The flow on q(z|x), or null when q(z|x) is the encoder's diagonal Gaussian. */
    default PosteriorFlow posteriorFlow() {
        return null;
    }

    /** True when the KL is exact: a prior with a closed form and no flow on the posterior. */
    default boolean klInClosedForm() {
        return prior() != null && prior().klInClosedForm() && posteriorFlow() == null;
    }

    /** False for models (such as a plain autoencoder) whose latent space has no prior to sample. */
    default boolean canSampleFromPrior() {
        return prior() != null;
    }

    /**
     * What the loss {@link #loss} reports estimates, in words for the run's header, e.g.
     * {@code -ELBO, one sample of z} or {@code -IWAE bound, k=5 importance samples}.
     */
    default String objectiveDescription() {
        return "-ELBO (recon + kl), one sample of z";
    }

    /** True when its loss applies a KL warm-up factor given by {@link LossContext#klWeighting()}. */
    default boolean supportsKlWarmup() {
        return false;
    }

    /**
     * True when its loss applies free bits given by {@link LossContext#klWeighting()}: the
     * objective does, and the prior's KL splits into one term per latent dimension.
     */
    default boolean supportsFreeBits() {
        return false;
    }
}
