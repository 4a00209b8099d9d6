package vae.core.nn;

import java.util.List;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Var;

/**
 * What the variance head of a Gaussian layer outputs. Both describe the same family of
 * Gaussians; they differ in how fast an optimiser moves the variances. Adam moves a weight by
 * about its learning rate whatever the gradient's scale, so a head giving log σ moves log σ²
 * twice as far per step as one giving log σ² (and starts with twice the spread).
 */
public enum VarianceHead {
    /** The head is log σ², as in pytorch/examples {@code vae/main.py}. */
    LOG_VAR("log-var"),
    /** The head is log σ (σ = exp(head)), as in the IWAE paper's code (Burda et al. 2016). */
    LOG_STD("log-std");

    private final String label;

    VarianceHead(String label) {
        this.label = label;
    }

    /** The label a hyperparameter gives: {@code log-var} or {@code log-std}. */
    public String label() {
        return label;
    }

    /** The labels, default first, for a choice hyperparameter. */
    public static List<String> labels() {
        return List.of(LOG_VAR.label, LOG_STD.label);
    }

    /**
     * The head of a label.
     *
     * @throws IllegalArgumentException naming the labels, if {@code label} is neither
     */
    public static VarianceHead of(String label) {
        for (VarianceHead h : values()) {
            if (h.label.equals(label)) {
                return h;
            }
        }
        throw new IllegalArgumentException("variance head '" + label + "': use log-var or log-std");
    }

    /** log σ² from the head's output. */
    public Var logVariance(Graph g, Var head) {
        return this == LOG_VAR ? head : ElementwiseOps.scale(g, head, 2f);
    }
}
