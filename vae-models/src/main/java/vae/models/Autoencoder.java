package vae.models;

import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.Likelihood;
import vae.core.graph.Parameter;
import vae.core.spi.Encoding;
import vae.core.spi.LossContext;
import vae.core.spi.LossTerms;
import vae.core.spi.Variant;
import vae.core.spi.VariantConfig;
import vae.core.tensor.Tensor;

/**
 * The deterministic autoencoder baseline: the VAE's MLPs without {@code fc22}, z = the code
 * {@code fc21(relu(fc1(x)))}, loss {@code −log p(x|z)} alone: no sampling, no KL, and so no prior
 * to sample from.
 */
public final class Autoencoder implements Variant {
    private final Likelihood likelihood;
    private final int latent;
    private final MlpEncoder encoder;
    private final MlpDecoder decoder;

    Autoencoder(VariantConfig config, int hidden, int latent) {
        this.likelihood = config.likelihood();
        this.latent = latent;
        int d = config.dataShape().size();
        this.encoder = new MlpEncoder(d, hidden, latent, false, config.rng());
        this.decoder = new MlpDecoder(latent, hidden, d * likelihood.parametersPerValue(), config.rng());
    }

    @Override
    public List<Parameter> parameters() {
        return java.util.stream.Stream.concat(encoder.parameters().stream(), decoder.parameters().stream()).toList();
    }

    @Override
    public int latentDim() {
        return latent;
    }

    @Override
    public Likelihood likelihood() {
        return likelihood;
    }

    /** The code as μ, and log σ² = −∞: a point mass, the deterministic encoder as a distribution. */
    @Override
    public Encoding encode(Graph g, Var x) {
        Var code = encoder.code(g, x);
        Tensor logvar = g.allocate(code.shape());
        java.util.Arrays.fill(logvar.data(), Float.NEGATIVE_INFINITY);
        return new Encoding(code, g.constant(logvar));
    }

    @Override
    public Var decode(Graph g, Var z) {
        return decoder.decode(g, z);
    }

    @Override
    public LossTerms loss(Graph g, Var x, LossContext context) {
        Var recon = likelihood.negativeLogLikelihood(g, decode(g, encoder.code(g, x)), x);
        return LossTerms.weighted(g, List.of(new LossTerms.Term("recon", recon, 1.0)));
    }

    @Override
    public boolean canSampleFromPrior() {
        return false;
    }

    @Override
    public String objectiveDescription() {
        return "recon = -log p(x|z) at z = encoder(x); deterministic, no KL: not a bound on log p(x)";
    }
}
