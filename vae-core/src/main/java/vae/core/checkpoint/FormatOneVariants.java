package vae.core.checkpoint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vae.core.spi.ComponentSpec;
import vae.core.spi.ModelSpec;

/**
 * Reads the composition out of a version-1 checkpoint, which named one built-in variant and kept
 * all its hyperparameters in one map. Those variants were fixed combinations, so the split is a
 * frozen table: the MLP variants' {@code hidden} and {@code latent} go to the {@code mlp}
 * architecture, {@code conv-vae} was the {@code beta-vae} objective (β only) on {@code conv}.
 */
final class FormatOneVariants {
    private static final List<String> MLP_KEYS = List.of("hidden", "latent");
    private static final List<String> CONV_KEYS = List.of("channels1", "channels2", "kernel", "latent");
    private static final String STANDARD_NORMAL = "standard-normal";

    private FormatOneVariants() {
    }

    static ModelSpec spec(String file, String variant, Map<String, String> hyper, String likelihood) {
        ComponentSpec lik = new ComponentSpec(likelihood, Map.of());
        ComponentSpec prior = new ComponentSpec(STANDARD_NORMAL, Map.of());
        return switch (variant) {
            case "vae", "beta-vae", "info-vae", "iwae" ->
                    new ModelSpec(variant, new ComponentSpec(variant, without(hyper, MLP_KEYS)),
                            new ComponentSpec("mlp", only(file, hyper, MLP_KEYS)), prior, lik);
            case "ae" -> new ModelSpec(variant, new ComponentSpec("ae", without(hyper, MLP_KEYS)),
                    new ComponentSpec("mlp", only(file, hyper, MLP_KEYS)), null, lik);
            case "conv-vae" -> {
                Map<String, String> objective = new LinkedHashMap<>(without(hyper, CONV_KEYS));
                // conv-vae's objective was plain recon + beta*kl: beta-vae without capacity (the rest unused)
                objective.put("capacity", "false");
                objective.put("gamma", "1000.0");
                objective.put("c_max", "25.0");
                objective.put("c_steps", "100000");
                yield new ModelSpec(variant, new ComponentSpec("beta-vae", objective),
                        new ComponentSpec("conv", only(file, hyper, CONV_KEYS)), prior, lik);
            }
            default -> throw new CheckpointException(file + " is a version-1 checkpoint of variant '" + variant
                    + "', which this vae4j cannot split into objective and architecture (only the built-in variants "
                    + "can be); retrain it with this vae4j");
        };
    }

    private static Map<String, String> only(String file, Map<String, String> hyper, List<String> keys) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : keys) {
            String v = hyper.get(k);
            if (v == null) {
                throw new CheckpointException(file + " has no value for hyperparameter '" + k + "': its metadata is "
                        + "incomplete or damaged; use another checkpoint");
            }
            out.put(k, v);
        }
        return out;
    }

    private static Map<String, String> without(Map<String, String> hyper, List<String> keys) {
        Map<String, String> out = new LinkedHashMap<>(hyper);
        keys.forEach(out::remove);
        return out;
    }
}
