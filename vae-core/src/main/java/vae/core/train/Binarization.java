package vae.core.train;

/** How grey values in [0, 1] become the targets of a Bernoulli likelihood. */
public enum Binarization {
    /** Use the grey values themselves as targets (as pytorch/examples does). */
    NONE,
    /** Resample x ~ Bernoulli(pixel) every epoch; the test set once, with a fixed stream. */
    DYNAMIC
}
