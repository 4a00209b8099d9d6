package vae.models;

import java.util.List;
import java.util.stream.Stream;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.SamplingOps;
import vae.core.graph.Var;
import vae.core.loss.KlDivergence;
import vae.core.loss.Likelihood;
import vae.core.nn.Linear;
import vae.core.nn.Parameter;
import vae.core.spi.Encoding;
import vae.core.spi.LossTerms;
import vae.core.spi.LossContext;
import vae.core.spi.Variant;
import vae.core.spi.VariantConfig;

/**
 * The VAE of pytorch/examples {@code vae/main.py}: encoder {@code fc1} (D→hidden, ReLU), then
 * {@code fc21} and {@code fc22} (hidden→latent) giving μ and log σ²; decoder {@code fc3}
 * (latent→hidden, ReLU) and {@code fc4} (hidden→D·parameters) giving the parameters of p(x|z).
 * The names are those of that example's {@code state_dict}. The loss is
 * {@code recon + β·KL(q(z|x) ‖ N(0, I))} with one sample of z.
 */
public final class MlpVae implements Variant {
    private final Likelihood likelihood;
    private final double beta;
    private final int latent;
    private final Linear fc1;
    private final Linear fc21;
    private final Linear fc22;
    private final Linear fc3;
    private final Linear fc4;

    public MlpVae(VariantConfig config, int hidden, int latent, double beta) {
        this.likelihood = config.likelihood();
        this.beta = beta;
        this.latent = latent;
        int d = config.dataShape().size();
        var rng = config.rng();
        this.fc1 = new Linear("fc1", d, hidden, rng);
        this.fc21 = new Linear("fc21", hidden, latent, rng);
        this.fc22 = new Linear("fc22", hidden, latent, rng);
        this.fc3 = new Linear("fc3", latent, hidden, rng);
        this.fc4 = new Linear("fc4", hidden, d * likelihood.parametersPerValue(), rng);
    }

    @Override
    public List<Parameter> parameters() {
        return Stream.of(fc1, fc21, fc22, fc3, fc4).flatMap(l -> l.parameters().stream()).toList();
    }

    @Override
    public int latentDim() {
        return latent;
    }

    @Override
    public Likelihood likelihood() {
        return likelihood;
    }

    @Override
    public Encoding encode(Graph g, Var x) {
        Var h1 = ElementwiseOps.relu(g, fc1.forward(g, x));
        return new Encoding(fc21.forward(g, h1), fc22.forward(g, h1));
    }

    @Override
    public Var decode(Graph g, Var z) {
        Var h3 = ElementwiseOps.relu(g, fc3.forward(g, z));
        return fc4.forward(g, h3);
    }

    @Override
    public LossTerms loss(Graph g, Var x, LossContext context) {
        Encoding q = encode(g, x);
        Var z = SamplingOps.reparameterize(g, q.mu(), q.logvar(), context.gaussian(g, q.mu().shape()));
        Var recon = likelihood.negativeLogLikelihood(g, decode(g, z), x);
        Var kl = KlDivergence.toStandardNormal(g, q.mu(), q.logvar());
        return LossTerms.weighted(g, List.of(new LossTerms.Term("recon", recon, 1.0),
                new LossTerms.Term("kl", kl, beta)));
    }
}
