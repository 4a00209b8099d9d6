package vae.core.train;

import java.util.List;
import java.util.stream.Stream;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.ShapeOps;
import vae.core.graph.Var;
import vae.core.loss.BernoulliLikelihood;
import vae.core.loss.Likelihood;
import vae.core.nn.Linear;
import vae.core.graph.Parameter;
import vae.core.random.CounterRng;
import vae.core.spi.Encoding;
import vae.core.spi.LossTerms;
import vae.core.spi.LossContext;
import vae.core.spi.Model;
import vae.core.spi.OneSampleElbo;

/** A small VAE built from core blocks only, for tests of the training loop. */
public final class TinyVae implements Model {
    private final Linear encoder;
    private final Linear head;
    private final Linear decoder;
    private final int latent;
    private final Likelihood likelihood = new BernoulliLikelihood();

    public TinyVae(int dim, int hidden, int latent, CounterRng rng) {
        this.latent = latent;
        this.encoder = new Linear("enc", dim, hidden, rng);
        this.head = new Linear("head", hidden, 2 * latent, rng);
        this.decoder = new Linear("dec", latent, dim, rng);
    }

    @Override public List<Parameter> parameters() {
        return Stream.of(encoder, head, decoder).flatMap(l -> l.parameters().stream()).toList();
    }

    @Override public vae.core.spi.Prior prior() { return vae.core.spi.StandardNormalPrior.INSTANCE; }

    @Override public int latentDim() { return latent; }

    @Override public Likelihood likelihood() { return likelihood; }

    @Override public Encoding encode(Graph g, Var x) {
        Var stats = head.forward(g, ElementwiseOps.tanh(g, encoder.forward(g, x)));
        return new Encoding(ShapeOps.sliceColumns(g, stats, 0, latent), ShapeOps.sliceColumns(g, stats, latent, 2 * latent));
    }

    @Override public Var decode(Graph g, Var z) {
        return decoder.forward(g, z);
    }

    /** The one-sample −ELBO, with the context's KL warm-up and free bits. */
    @Override public LossTerms loss(Graph g, Var x, LossContext context) {
        return OneSampleElbo.of(g, this, x, context).betaWeighted(g, 1.0);
    }

    @Override public boolean supportsKlWarmup() { return true; }

    @Override public boolean supportsFreeBits() { return true; }
}
