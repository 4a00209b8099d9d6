package vae.example.plugin;

import java.util.ArrayList;
import java.util.List;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.Likelihood;
import vae.core.nn.Linear;
import vae.core.graph.Parameter;
import vae.core.spi.Encoding;
import vae.core.spi.LossContext;
import vae.core.spi.OneSampleElbo;
import vae.core.spi.LossTerms;
import vae.core.spi.Variant;
import vae.core.spi.VariantConfig;

/**
 * Encoder {@code encoder.0 .. encoder.(depth-1)} (tanh), then {@code mu} and {@code logvar};
 * decoder {@code decoder.0 .. decoder.(depth-1)} (tanh), then {@code out} giving the parameters
 * of p(x|z). Loss {@code recon + β·KL} with one sample of z. Built only from vae.core's public API.
 */
final class TanhVae implements Variant {
    private final Likelihood likelihood;
    private final int latent;
    private final double beta;
    private final List<Linear> encoder = new ArrayList<>();
    private final Linear mu;
    private final Linear logvar;
    private final List<Linear> decoder = new ArrayList<>();
    private final Linear out;

    TanhVae(VariantConfig config, int hidden, int depth, int latent, double beta) {
        this.likelihood = config.likelihood();
        this.latent = latent;
        this.beta = beta;
        int d = config.dataShape().size();
        var rng = config.rng();
        for (int i = 0; i < depth; i++) {
            encoder.add(new Linear("encoder." + i, i == 0 ? d : hidden, hidden, rng));
            decoder.add(new Linear("decoder." + i, i == 0 ? latent : hidden, hidden, rng));
        }
        this.mu = new Linear("mu", hidden, latent, rng);
        this.logvar = new Linear("logvar", hidden, latent, rng);
        this.out = new Linear("out", hidden, d * likelihood.parametersPerValue(), rng);
    }

    @Override
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>();
        encoder.forEach(l -> all.addAll(l.parameters()));
        all.addAll(mu.parameters());
        all.addAll(logvar.parameters());
        decoder.forEach(l -> all.addAll(l.parameters()));
        all.addAll(out.parameters());
        return all;
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
        Var h = x;
        for (Linear layer : encoder) {
            h = ElementwiseOps.tanh(g, layer.forward(g, h));
        }
        return new Encoding(mu.forward(g, h), logvar.forward(g, h));
    }

    @Override
    public Var decode(Graph g, Var z) {
        Var h = z;
        for (Linear layer : decoder) {
            h = ElementwiseOps.tanh(g, layer.forward(g, h));
        }
        return out.forward(g, h);
    }

    @Override
    public LossTerms loss(Graph g, Var x, LossContext context) {
        OneSampleElbo elbo = OneSampleElbo.of(g, this, x, context);
        return elbo.betaWeighted(g, beta);
    }

    @Override
    public String objectiveDescription() {
        return beta == 1.0 ? "-ELBO (recon + kl), one sample of z"
                : "recon + beta*kl with beta=" + beta + ", one sample of z";
    }
}
