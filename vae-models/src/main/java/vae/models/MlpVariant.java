package vae.models;

import java.util.ArrayList;
import java.util.List;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.loss.Likelihood;
import vae.core.graph.Parameter;
import vae.core.spi.Encoding;
import vae.core.spi.Hyperparameter;
import vae.core.spi.HyperparameterValues;
import vae.core.spi.Variant;
import vae.core.spi.VariantConfig;

/**
 * What the MLP variants share: pytorch/examples' Gaussian encoder and decoder sized from the
 * data and the likelihood. A subclass adds only its loss.
 */
abstract class MlpVariant implements Variant {
    /** {@code hidden}: units of the hidden layer of encoder and decoder. */
    static final Hyperparameter HIDDEN =
            Hyperparameter.integer("hidden", 400, 1, 65536, "units of the hidden layer of encoder and decoder");
    /** {@code latent}: the dimension of z. */
    static final Hyperparameter LATENT = Hyperparameter.integer("latent", 20, 1, 4096, "dimension of the latent space z");

    final Likelihood likelihood;
    final MlpEncoder encoder;
    final MlpDecoder decoder;
    private final int latent;

    MlpVariant(VariantConfig config, int hidden, int latent) {
        this.likelihood = config.likelihood();
        this.latent = latent;
        int d = config.dataShape().size();
        this.encoder = new MlpEncoder(d, hidden, latent, true, config.rng());
        this.decoder = new MlpDecoder(latent, hidden, d * likelihood.parametersPerValue(), config.rng());
    }

    /** A weight as printed in descriptions: 4, 0.5, 999. */
    static String num(double v) {
        return HyperparameterValues.formatNumber(v);
    }

    @Override
    public final List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(encoder.parameters());
        all.addAll(decoder.parameters());
        return all;
    }

    @Override
    public final int latentDim() {
        return latent;
    }

    @Override
    public final Likelihood likelihood() {
        return likelihood;
    }

    @Override
    public final Encoding encode(Graph g, Var x) {
        return encoder.encode(g, x);
    }

    @Override
    public final Var decode(Graph g, Var z) {
        return decoder.decode(g, z);
    }
}
