package vae.simd;

import static vae.simd.ElementwiseKernels.F;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;

/**
 * The fused VAE kernels: each reads its inputs once and writes the per-row loss and the
 * gradient together. Per-row sums are kept in vector lanes, then reduced; the scalar tail uses
 * the same formulas as the scalar backend.
 */
final class LossKernels {
    private static final float HALF_LOG_2PI = (float) (0.5 * Math.log(2 * Math.PI));

    private LossKernels() {
    }

    /**
     * Lanes summed one after another in double. {@code reduceLanes(ADD)} leaves the order to the
     * implementation, and the JIT-compiled order differs from the interpreted one, which made
     * the same run give different losses depending on when the kernel got compiled.
     */
    static double sumInOrder(float[] lanes) {
        double sum = 0;
        for (float v : lanes) {
            sum += v;
        }
        return sum;
    }

    /**
     * The loss and the gradient are separate loops in separate methods: one loop holding exp,
     * log1p and the sigmoid ran past C2's inlining budget, and the calls it left out boxed every
     * vector (a profile showed the kernel 3× slower). e^−|l| is computed once into the gradient
     * buffer (a scratch row without gradients), and the loss and gradient loops read it.
     */
    static void bernoulliNll(float[] logits, float[] targets, int fromRow, int toRow, int cols, float[] rowLoss,
                             float[] grad) {
        float[] lanes = new float[F.length()];
        // Without a gradient buffer, one scratch row is enough: the loss reads e right after.
        float[] exps = grad != null ? grad : new float[cols];
        for (int r = fromRow; r < toRow; r++) {
            int at = grad != null ? r * cols : 0;
            expOfMinusAbs(logits, r * cols, cols, exps, at);
            rowLoss[r] = (float) bernoulliRowLoss(logits, targets, r * cols, cols, lanes, exps, at);
            if (grad != null) {
                bernoulliRowGradient(logits, targets, r * cols, cols, grad);
            }
        }
    }

    /** e^−|l| over one row, into {@code out} from {@code at}. */
    private static void expOfMinusAbs(float[] logits, int row, int cols, float[] out, int at) {
        int c = 0;
        for (; c < F.loopBound(cols); c += F.length()) {
            VectorMath.exp(FloatVector.fromArray(F, logits, row + c).abs().neg()).intoArray(out, at + c);
        }
        for (; c < cols; c++) {
            out[at + c] = (float) Math.exp(-Math.abs(logits[row + c]));
        }
    }

    /** Σ_c max(l, 0) − l·t + log(1 + e) over one row, with e = e^−|l| from {@link #expOfMinusAbs}. */
    private static double bernoulliRowLoss(float[] logits, float[] targets, int row, int cols, float[] lanes,
                                           float[] exps, int at) {
        FloatVector acc = FloatVector.zero(F);
        int c = 0;
        for (; c < F.loopBound(cols); c += F.length()) {
            FloatVector l = FloatVector.fromArray(F, logits, row + c);
            FloatVector t = FloatVector.fromArray(F, targets, row + c);
            FloatVector e = FloatVector.fromArray(F, exps, at + c);
            acc = acc.add(l.max(0f).sub(l.mul(t)).add(VectorMath.log1pUnit(e)));
        }
        acc.intoArray(lanes, 0);
        double loss = sumInOrder(lanes);
        for (; c < cols; c++) {
            double l = logits[row + c];
            loss += Math.max(l, 0) - l * targets[row + c] + Math.log1p(exps[at + c]);
        }
        return loss;
    }

    /**
     * σ(l) − t over one row from e = e^−|l| stored in {@code grad}: 1/(1 + e) for l ≥ 0 and
     * e/(1 + e) below, which neither overflows nor loses digits.
     */
    private static void bernoulliRowGradient(float[] logits, float[] targets, int row, int cols, float[] grad) {
        int c = 0;
        for (; c < F.loopBound(cols); c += F.length()) {
            FloatVector l = FloatVector.fromArray(F, logits, row + c);
            FloatVector e = FloatVector.fromArray(F, grad, row + c);
            FloatVector inv = FloatVector.broadcast(F, 1f).div(e.add(1f));
            FloatVector sigmoid = inv.blend(e.mul(inv), l.compare(VectorOperators.LT, 0f));
            sigmoid.sub(FloatVector.fromArray(F, targets, row + c)).intoArray(grad, row + c);
        }
        for (; c < cols; c++) {
            double e = grad[row + c];
            grad[row + c] = (float) ((logits[row + c] >= 0 ? 1 / (1 + e) : e / (1 + e)) - targets[row + c]);
        }
    }

    /** Rows {@code [fromRow, toRow)}. */
    static void gaussianNll(float[] mean, float[] logvar, float[] targets, int fromRow, int toRow, int cols,
                            float[] rowLoss, float[] gradMean, float[] gradLogvar) {
        int bound = F.loopBound(cols);
        float[] lanes = new float[F.length()];
        for (int r = fromRow; r < toRow; r++) {
            int row = r * cols;
            FloatVector acc = FloatVector.zero(F);
            int c = 0;
            for (; c < bound; c += F.length()) {
                FloatVector lv = logvar == null ? FloatVector.zero(F) : FloatVector.fromArray(F, logvar, row + c);
                FloatVector invVar = VectorMath.exp(lv.neg());
                FloatVector diff = FloatVector.fromArray(F, targets, row + c).sub(FloatVector.fromArray(F, mean, row + c));
                FloatVector scaledSq = diff.mul(diff).mul(invVar);
                acc = acc.add(lv.add(scaledSq).mul(0.5f).add(HALF_LOG_2PI));
                if (gradMean != null) {
                    diff.neg().mul(invVar).intoArray(gradMean, row + c);
                }
                if (gradLogvar != null) {
                    scaledSq.neg().add(1f).mul(0.5f).intoArray(gradLogvar, row + c);
                }
            }
            acc.intoArray(lanes, 0);
            double loss = sumInOrder(lanes);
            for (; c < cols; c++) {
                double lv = logvar == null ? 0 : logvar[row + c];
                double invVar = Math.exp(-lv);
                double diff = targets[row + c] - mean[row + c];
                loss += 0.5 * (Math.log(2 * Math.PI) + lv + diff * diff * invVar);
                if (gradMean != null) {
                    gradMean[row + c] = (float) (-diff * invVar);
                }
                if (gradLogvar != null) {
                    gradLogvar[row + c] = (float) (0.5 * (1 - diff * diff * invVar));
                }
            }
            rowLoss[r] = (float) loss;
        }
    }

    /** Rows {@code [fromRow, toRow)}. */
    static void klStandardNormal(float[] mu, float[] logvar, int fromRow, int toRow, int cols, float[] rowKl,
                                 float[] gradMu, float[] gradLogvar) {
        int bound = F.loopBound(cols);
        float[] lanes = new float[F.length()];
        for (int r = fromRow; r < toRow; r++) {
            int row = r * cols;
            FloatVector acc = FloatVector.zero(F);
            int c = 0;
            for (; c < bound; c += F.length()) {
                FloatVector m = FloatVector.fromArray(F, mu, row + c);
                FloatVector lv = FloatVector.fromArray(F, logvar, row + c);
                FloatVector var = VectorMath.exp(lv);
                acc = acc.add(m.mul(m).add(var).sub(1f).sub(lv).mul(0.5f));
                if (gradMu != null) {
                    m.intoArray(gradMu, row + c);
                    var.sub(1f).mul(0.5f).intoArray(gradLogvar, row + c);
                }
            }
            acc.intoArray(lanes, 0);
            double kl = sumInOrder(lanes);
            for (; c < cols; c++) {
                double m = mu[row + c];
                double lv = logvar[row + c];
                double var = Math.exp(lv);
                kl += 0.5 * (m * m + var - 1 - lv);
                if (gradMu != null) {
                    gradMu[row + c] = (float) m;
                    gradLogvar[row + c] = (float) (0.5 * (var - 1));
                }
            }
            rowKl[r] = (float) kl;
        }
    }

    /** Values {@code [from, to)}. */
    static void reparameterize(float[] mu, float[] logvar, float[] eps, float[] std, float[] z, int from, int to) {
        int n = to;
        int i = from;
        for (; i <= to - F.length(); i += F.length()) {
            FloatVector s = VectorMath.exp(FloatVector.fromArray(F, logvar, i).mul(0.5f));
            s.intoArray(std, i);
            s.fma(FloatVector.fromArray(F, eps, i), FloatVector.fromArray(F, mu, i)).intoArray(z, i);
        }
        reparameterizeTail(mu, logvar, eps, std, z, i, n);
    }

    /**
     * The last values, fewer than a vector, through the same vector code under a mask, so that z
     * never depends on where it lies in the array; a method of its own so that C2 inlines the loop's.
     */
    private static void reparameterizeTail(float[] mu, float[] logvar, float[] eps, float[] std, float[] z, int from,
                                           int to) {
        if (from < to) {
            VectorMask<Float> m = F.indexInRange(from, to);
            FloatVector s = VectorMath.exp(FloatVector.fromArray(F, logvar, from, m).mul(0.5f));
            s.intoArray(std, from, m);
            s.fma(FloatVector.fromArray(F, eps, from, m), FloatVector.fromArray(F, mu, from, m)).intoArray(z, from, m);
        }
    }

    /** Values {@code [from, to)}. */
    static void reparameterizeBackward(float[] eps, float[] std, float[] dz, float[] dMu, float[] dLogvar,
                                       int from, int to) {
        if (dMu != null) {
            ElementwiseKernels.axpy(1f, dz, from, dMu, from, to - from);
        }
        if (dLogvar == null) {
            return;
        }
        int n = to;
        int i = from;
        for (; i <= to - F.length(); i += F.length()) {
            FloatVector g = FloatVector.fromArray(F, dz, i).mul(FloatVector.fromArray(F, eps, i))
                    .mul(FloatVector.fromArray(F, std, i)).mul(0.5f);
            FloatVector.fromArray(F, dLogvar, i).add(g).intoArray(dLogvar, i);
        }
        for (; i < n; i++) {
            dLogvar[i] += 0.5f * dz[i] * eps[i] * std[i];
        }
    }
}
