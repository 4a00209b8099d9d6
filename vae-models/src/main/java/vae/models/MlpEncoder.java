package vae.models;

import java.util.ArrayList;
import java.util.List;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.nn.Linear;
import vae.core.graph.Parameter;
import vae.core.random.CounterRng;
import vae.core.spi.Encoding;

/**
 * The encoder of pytorch/examples' VAE: {@code fc1} (D→hidden, ReLU), then {@code fc21}
 * (hidden→latent) for μ and, for a Gaussian q(z|x), {@code fc22} for log σ². Without
 * {@code fc22} it is the deterministic encoder of a plain autoencoder.
 */
public final class MlpEncoder {
    private final Linear fc1;
    private final Linear fc21;
    private final Linear fc22;

    /** A Gaussian encoder when {@code withVariance}, else a deterministic one giving only a code. */
    public MlpEncoder(int inputs, int hidden, int latent, boolean withVariance, CounterRng rng) {
        this.fc1 = new Linear("fc1", inputs, hidden, rng);
        this.fc21 = new Linear("fc21", hidden, latent, rng);
        this.fc22 = withVariance ? new Linear("fc22", hidden, latent, rng) : null;
    }

    /** q(z|x) = N(μ, e^logvar); only for an encoder made with variance. */
    public Encoding encode(Graph g, Var x) {
        if (fc22 == null) {
            throw new IllegalStateException("a deterministic encoder has no variance");
        }
        Var h1 = ElementwiseOps.relu(g, fc1.forward(g, x));
        return new Encoding(fc21.forward(g, h1), fc22.forward(g, h1));
    }

    /** The code {@code fc21(relu(fc1(x)))}: μ of a Gaussian encoder, the code of a deterministic one. */
    public Var code(Graph g, Var x) {
        return fc21.forward(g, ElementwiseOps.relu(g, fc1.forward(g, x)));
    }

    /** fc1, fc21[, fc22], weight before bias, as in the example's {@code state_dict}. */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(fc1.parameters());
        all.addAll(fc21.parameters());
        if (fc22 != null) {
            all.addAll(fc22.parameters());
        }
        return all;
    }
}
