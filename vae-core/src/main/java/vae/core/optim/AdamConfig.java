package vae.core.optim;

/**
 * Adam's settings, with {@code torch.optim.Adam}'s defaults in {@link #defaults()}.
 *
 * @param lr          learning rate (default 1e-3)
 * @param beta1       first-moment decay (0.9)
 * @param beta2       second-moment decay (0.999)
 * @param eps         denominator term (1e-8)
 * @param weightDecay L2 penalty added to the gradient (0)
 * @param initialSecondMoment where every second moment starts (0; the IWAE paper's code starts them at 1,
 *                    with the bias correction of a start at 0, so its first thousands of steps are small;
 *                    its loss is a batch's sum, so a mean over B examples needs 1/B² for the same steps)
 */
public record AdamConfig(double lr, double beta1, double beta2, double eps, double weightDecay,
                         double initialSecondMoment) {

    public AdamConfig {
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be a positive number, got " + lr);
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must be in [0, 1), got " + beta1 + ", " + beta2);
        }
        // eps = 0 divides by zero for a parameter whose gradients have all been zero
        if (!(eps > 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("Adam's eps must be a positive number, got " + eps);
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("Adam's weight decay must be a number >= 0, got " + weightDecay);
        }
        if (!(initialSecondMoment >= 0 && initialSecondMoment <= Float.MAX_VALUE)) { // the moments are floats
            throw new IllegalArgumentException("Adam's initial second moment must be a number from 0 to "
                    + Float.MAX_VALUE + ", got " + initialSecondMoment);
        }
    }

    /** The settings with second moments starting at 0, as {@code torch.optim.Adam}'s. */
    public AdamConfig(double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(lr, beta1, beta2, eps, weightDecay, 0);
    }

    /** PyTorch's defaults. */
    public static AdamConfig defaults() {
        return new AdamConfig(1e-3, 0.9, 0.999, 1e-8, 0);
    }

    /** The same settings with another learning rate. */
    public AdamConfig withLr(double newLr) {
        return new AdamConfig(newLr, beta1, beta2, eps, weightDecay, initialSecondMoment);
    }
}
