package vae.core.backend;

/**
 * The scalars of one Adam update, as {@code torch.optim.Adam} computes them: the parameter moves
 * by {@code -stepSize * m / (sqrt(v) / sqrtBiasCorrection2 + eps)}. The {@code 1 − β} factors
 * are rounded from double, as PyTorch rounds them, rather than computed in float from the
 * rounded betas.
 *
 * @param stepSize            lr / (1 − beta1^t)
 * @param beta1               decay of the first moment
 * @param oneMinusBeta1       1 − beta1
 * @param beta2               decay of the second moment
 * @param oneMinusBeta2       1 − beta2
 * @param sqrtBiasCorrection2 sqrt(1 − beta2^t)
 * @param eps                 added to the denominator
 * @param weightDecay         L2 penalty added to the gradient (PyTorch's {@code weight_decay})
 */
public record AdamStep(float stepSize, float beta1, float oneMinusBeta1, float beta2, float oneMinusBeta2,
                       float sqrtBiasCorrection2, float eps, float weightDecay) {

    /**
     * Moments smaller than this (in magnitude) are set to zero after each update. The JVM cannot
     * turn on the CPU's flush-to-zero mode, and the moments of a parameter whose gradient has
     * become exactly zero (a dead ReLU unit, an always-black pixel) decay into subnormal floats,
     * which the hardware computes with microcode assists: every Adam step then ran several times
     * slower. A moment below 1e-30 moves its parameter by less than 1e-22, so nothing is lost.
     */
    public static final float FLUSH_TO_ZERO = 1e-30f;

    /** The scalars of update number {@code t} (1-based), computed in double and rounded once. */
    public static AdamStep of(double lr, double beta1, double beta2, double eps, double weightDecay, long t) {
        if (t < 1) {
            throw new IllegalArgumentException("Adam steps count from 1, got " + t);
        }
        double biasCorrection1 = 1 - Math.pow(beta1, t);
        double biasCorrection2 = 1 - Math.pow(beta2, t);
        return new AdamStep((float) (lr / biasCorrection1), (float) beta1, (float) (1 - beta1), (float) beta2,
                (float) (1 - beta2), (float) Math.sqrt(biasCorrection2), (float) eps, (float) weightDecay);
    }
}
