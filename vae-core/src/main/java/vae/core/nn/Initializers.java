package vae.core.nn;

import vae.core.graph.Parameter;
import vae.core.random.CounterRng;
import vae.core.random.RandomPurpose;

/** Parameter initialisation as PyTorch does it, drawn from the counter-based generator. */
public final class Initializers {
    private Initializers() {
    }

    /**
     * Fills {@code values} with U(−bound, bound). Each parameter draws from its own stream,
     * keyed by its name, so adding a layer does not change the others' initial values.
     */
    public static void uniform(float[] values, double bound, CounterRng rng, String parameterName) {
        long key = rng.streamKey(RandomPurpose.INIT.stream(nameHash(parameterName)));
        for (int i = 0; i < values.length; i++) {
            double u = (CounterRng.bitsAt(key, i) >>> 11) * 0x1.0p-53;
            values[i] = (float) ((2 * u - 1) * bound);
        }
    }

    /** Fills {@code values} with N(mean, std²), from the parameter's own stream as {@link #uniform} does. */
    public static void gaussian(float[] values, double mean, double std, CounterRng rng, String parameterName) {
        long key = rng.streamKey(RandomPurpose.INIT.stream(nameHash(parameterName)));
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) (mean + std * CounterRng.gaussianAt(key, i));
        }
    }

    /**
     * The bound of PyTorch's default for {@code nn.Linear} and {@code nn.ConvNd} weights and
     * biases: {@code kaiming_uniform_(a=√5)} gives U(−1/√fanIn, 1/√fanIn), and so does the bias.
     */
    public static double pytorchDefaultBound(int fanIn) {
        return 1.0 / Math.sqrt(fanIn);
    }

    private static long nameHash(String name) {
        long h = 0x84222325CBF29CE4L;
        for (int i = 0; i < name.length(); i++) {
            h = CounterRng.mix64(h ^ name.charAt(i));
        }
        return h;
    }
}
