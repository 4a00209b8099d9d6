package vae.core.spi;

/**
 * The scalars of one Adam update, as {@code torch.optim.Adam} computes them: the parameter moves
 * by {@code -stepSize * m / (sqrt(v) / sqrtBiasCorrection2 + eps)}.
 *
 * @param stepSize            lr / (1 - beta1^t)
 * @param beta1               decay of the first moment
 * @param beta2               decay of the second moment
 * @param sqrtBiasCorrection2 sqrt(1 - beta2^t)
 * @param eps                 added to the denominator
 * @param weightDecay         L2 penalty added to the gradient (PyTorch's {@code weight_decay})
 */
public record AdamStep(float stepSize, float beta1, float beta2, float sqrtBiasCorrection2, float eps,
                       float weightDecay) {
}
