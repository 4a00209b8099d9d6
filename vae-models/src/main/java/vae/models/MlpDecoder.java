package vae.models;

import java.util.ArrayList;
import java.util.List;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Var;
import vae.core.nn.Linear;
import vae.core.graph.Parameter;
import vae.core.random.CounterRng;

/**
 * The decoder of pytorch/examples' VAE: {@code fc3} (latent→hidden, ReLU) and {@code fc4}
 * (hidden→outputs), the outputs being the parameters of p(x|z).
 */
public final class MlpDecoder {
    private final Linear fc3;
    private final Linear fc4;

    public MlpDecoder(int latent, int hidden, int outputs, CounterRng rng) {
        this.fc3 = new Linear("fc3", latent, hidden, rng);
        this.fc4 = new Linear("fc4", hidden, outputs, rng);
    }

    /** The parameters of p(x|z) for latents {@code z [B, latent]}. */
    public Var decode(Graph g, Var z) {
        return fc4.forward(g, ElementwiseOps.relu(g, fc3.forward(g, z)));
    }

    /** fc3 then fc4, weight before bias. */
    public List<Parameter> parameters() {
        List<Parameter> all = new ArrayList<>(fc3.parameters());
        all.addAll(fc4.parameters());
        return all;
    }
}
