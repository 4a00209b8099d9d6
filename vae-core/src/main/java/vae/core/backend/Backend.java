package vae.core.backend;

import vae.core.random.CounterRng;

/**
 * The arithmetic of the engine. The graph decides what to compute and calls only this interface
 * for the work, on flat row-major {@code float[]} buffers, so a faster backend replaces the
 * scalar one without touching anything else. Instances come from a {@link BackendProvider},
 * found with {@link java.util.ServiceLoader} and chosen by {@link Backends#select}; a backend
 * keeps its thread count for life.
 *
 * <p>Every result must not depend on the thread count: work is split by fixed partitions of the
 * data, never by threads.
 */
public interface Backend {

    /** The name of the provider that made it, e.g. {@code scalar}. */
    String name();

    /** One line on how it computes (vector shape, threads). */
    String description();

    /** The number of threads its kernels use. */
    int threads();

    // ---- matrix products -------------------------------------------------------------------

    /**
     * {@code C = op(A) · op(B)} or, with {@code accumulate}, {@code C += op(A) · op(B)}, where
     * {@code op(A)} is {@code m×k} and {@code op(B)} is {@code k×n}. Without transposition A is
     * stored {@code m×k} and B {@code k×n}; transposed, A is stored {@code k×m} and B
     * {@code n×k}. All three are dense row-major at the given offsets; C is {@code m×n} and must
     * not overlap A or B.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k,
              float[] a, int aOffset, float[] b, int bOffset, float[] c, int cOffset, boolean accumulate);

    /** {@code x[r, c] += v[c]} for a {@code rows×cols} matrix (the bias of a linear layer). */
    void addRowVector(float[] x, int rows, int cols, float[] v);

    /** {@code out[c] += Σ_r x[r, c]} (the gradient of a bias). */
    void sumRowsInto(float[] x, int rows, int cols, float[] out);

    // ---- element-wise ------------------------------------------------------------------------

    /** {@code y[i] = f(x[i])}. */
    void map(UnaryFunction f, float[] x, float[] y, int n);

    /**
     * {@code dx[i] = f'(x[i]) · dy[i]}, or {@code +=} with accumulate, with {@code y = f(x)} from
     * the forward pass. Without accumulate dx is only written, so it need not be zeroed first.
     */
    void mapBackward(UnaryFunction f, float[] x, float[] y, float[] dy, float[] dx, int n, boolean accumulate);

    /** {@code out[i] = a[i] + b[i]}. */
    void add(float[] a, float[] b, float[] out, int n);

    /** {@code out[i] = a[i] · b[i]}. */
    void mul(float[] a, float[] b, float[] out, int n);

    /** {@code out[i] += a[i] · b[i]}. */
    void mulAccumulate(float[] a, float[] b, float[] out, int n);

    /** {@code y[i] += alpha · x[i]} over {@code n} values at the given offsets. */
    void axpy(float alpha, float[] x, int xOffset, float[] y, int yOffset, int n);

    /** {@code out[i] = alpha · x[i]}. */
    void scale(float alpha, float[] x, float[] out, int n);

    /** {@code out[r, c] += s[r] · x[r, c]}: a per-row weight applied to a stored gradient. */
    void scaleRowsAccumulate(float[] x, float[] s, int rows, int cols, float[] out);

    /** Σ x[offset..offset+n), summed in double over a fixed partition of the data. */
    double sum(float[] x, int offset, int n);

    // ---- fused VAE kernels -------------------------------------------------------------------

    /**
     * Bernoulli negative log-likelihood from logits, per row: {@code rowLoss[r] =
     * Σ_c max(l,0) − l·t + log(1 + e^−|l|)} (targets may be any value in [0, 1], as in
     * PyTorch's BCE). When {@code grad} is not null, also {@code grad[r, c] = σ(l) − t}.
     */
    void bernoulliNll(float[] logits, float[] targets, int rows, int cols, float[] rowLoss, float[] grad);

    /**
     * Gaussian negative log-likelihood per row, {@code Σ_c ½(log 2π + lv + (t − μ)² e^−lv)},
     * with {@code logvar} null meaning unit variance. When the gradient buffers are not null they
     * receive {@code ∂/∂μ} and {@code ∂/∂lv} per element.
     */
    void gaussianNll(float[] mean, float[] logvar, float[] targets, int rows, int cols, float[] rowLoss,
                     float[] gradMean, float[] gradLogvar);

    /**
     * KL(N(μ, e^lv) ‖ N(0, 1)) summed per row: {@code ½ Σ_c (μ² + e^lv − 1 − lv)}; when the
     * gradient buffers are not null, {@code gradMu = μ} and {@code gradLogvar = ½(e^lv − 1)}.
     */
    void klStandardNormal(float[] mu, float[] logvar, int rows, int cols, float[] rowKl,
                          float[] gradMu, float[] gradLogvar);

    /** The reparameterisation {@code std = e^(lv/2)}, {@code z = μ + std · ε}. */
    void reparameterize(float[] mu, float[] logvar, float[] eps, float[] std, float[] z, int n);

    /** Its backward: {@code dμ += dz}, {@code dlv += ½ · dz · ε · std}. */
    void reparameterizeBackward(float[] eps, float[] std, float[] dz, float[] dMu, float[] dLogvar, int n);

    // ---- random numbers and optimisation -----------------------------------------------------

    /**
     * Standard normal values: {@code out[offset + i] = } value {@code first + i} of the stream,
     * exactly as {@link CounterRng#gaussianAt(long, long)} defines it up to float rounding.
     */
    void fillGaussian(CounterRng rng, long stream, long first, float[] out, int offset, int n);

    /**
     * One Adam update of {@code n} parameters with their gradients and moments, which then
     * zeroes the gradients for the next backward pass (one pass over the data instead of two).
     */
    void adam(float[] param, float[] grad, float[] m, float[] v, int n, AdamStep step);

    // ---- convolution -------------------------------------------------------------------------

    /**
     * The 2-d convolution of PyTorch's {@code F.conv2d} without bias, NCHW: {@code out[b, o, y, x]
     * (+)= Σ_{c,i,j} w[o, c, i, j] · in[b, c, y·sh − ph + i, x·sw − pw + j]}, reading zero outside
     * the input. {@code x} is the geometry's input, {@code weight} its weight and {@code out} its
     * output; with {@code accumulate} the result is added to {@code out}.
     */
    void conv2d(ConvGeometry g, float[] x, float[] weight, float[] out, boolean accumulate);

    /**
     * The adjoint of {@link #conv2d} in its input: {@code dx (+)= Σ} of every output gradient
     * times the weight that connects it to each input value. It is also the forward pass of a
     * transposed convolution whose output is {@code g}'s input.
     */
    void conv2dBackwardInput(ConvGeometry g, float[] dOut, float[] weight, float[] dx, boolean accumulate);

    /**
     * The gradient of {@link #conv2d} in its weight, added to {@code dWeight}:
     * {@code dw[o, c, i, j] += Σ_{b,y,x} dOut[b, o, y, x] · in[b, c, y·sh − ph + i, x·sw − pw + j]}.
     */
    void conv2dBackwardWeight(ConvGeometry g, float[] x, float[] dOut, float[] dWeight);

    /** {@code x[b, c, p] += bias[c]} for a {@code [batch, channels, positions]} tensor. */
    void addChannelBias(float[] x, int batch, int channels, int positions, float[] bias);

    /** {@code out[c] += Σ_{b,p} x[b, c, p]}: the gradient of a per-channel bias. */
    void sumChannelsInto(float[] x, int batch, int channels, int positions, float[] out);
}
