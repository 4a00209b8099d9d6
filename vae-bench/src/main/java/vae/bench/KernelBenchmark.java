package vae.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vae.core.random.CounterRng;
import vae.core.backend.AdamStep;
import vae.core.backend.Backend;
import vae.core.backend.UnaryFunction;

/**
 * The fused element-wise kernels at the sizes of the MLP VAE's training step, and Gaussian
 * sampling. {@code bytes} (divided by 1e9: GB/s) counts the bytes each kernel must read and
 * write; {@code samples} counts normal values drawn.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class KernelBenchmark {
    private static final int BATCH = 128;
    private static final int PIXELS = 784;
    private static final int HIDDEN = 400;
    private static final int LATENT = 20;
    /** The largest parameter tensor of the MLP VAE: fc1.weight, 400×784. */
    private static final int PARAMS = HIDDEN * PIXELS;

    @Param({"scalar", "simd"})
    public String backend;

    @Param({"1", "2"})
    public int threads;

    private Backend be;
    private float[] logits;
    private float[] targets;
    private float[] rowLoss;
    private float[] grad;
    private float[] hidden;
    private float[] hiddenOut;
    private float[] hiddenGrad;
    private float[] mu;
    private float[] logvar;
    private float[] gradMu;
    private float[] gradLogvar;
    private float[] param;
    private float[] paramGrad;
    private float[] m1;
    private float[] m2;
    private float[] noise;
    private final CounterRng rng = new CounterRng(1);
    private long counter;
    private final AdamStep adamStep = AdamStep.of(1e-3, 0.9, 0.999, 1e-8, 0, 10);

    /** Bytes moved and samples drawn, reported per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Traffic {
        public long bytes;
        public long samples;

        @Setup(Level.Iteration)
        public void clear() {
            bytes = 0;
            samples = 0;
        }
    }

    @Setup
    public void setUp() {
        be = Backends.create(backend, threads);
        logits = GemmBenchmark.random(BATCH * PIXELS, 1);
        targets = GemmBenchmark.random(BATCH * PIXELS, 2);
        for (int i = 0; i < targets.length; i++) {
            targets[i] += 0.5f;
        }
        rowLoss = new float[BATCH];
        grad = new float[BATCH * PIXELS];
        hidden = GemmBenchmark.random(BATCH * HIDDEN, 3);
        hiddenOut = new float[BATCH * HIDDEN];
        hiddenGrad = new float[BATCH * HIDDEN];
        mu = GemmBenchmark.random(BATCH * LATENT, 4);
        logvar = GemmBenchmark.random(BATCH * LATENT, 5);
        gradMu = new float[BATCH * LATENT];
        gradLogvar = new float[BATCH * LATENT];
        param = GemmBenchmark.random(PARAMS, 6);
        paramGrad = GemmBenchmark.random(PARAMS, 7);
        m1 = new float[PARAMS];
        m2 = new float[PARAMS];
        noise = new float[1 << 16];
    }

    /** Bernoulli NLL and its gradient for a batch of 128 MNIST images: reads 2, writes 1 float per pixel. */
    @Benchmark
    public float[] bernoulliNllWithGradient(Traffic t) {
        be.bernoulliNll(logits, targets, BATCH, PIXELS, rowLoss, grad);
        t.bytes += 3L * 4 * BATCH * PIXELS;
        return grad;
    }

    /** KL term and its two gradients for 128×20 latents: reads 2, writes 2 floats each. */
    @Benchmark
    public float[] klWithGradient(Traffic t) {
        be.klStandardNormal(mu, logvar, BATCH, LATENT, rowLoss, gradMu, gradLogvar);
        t.bytes += 4L * 4 * BATCH * LATENT;
        return gradLogvar;
    }

    /** ReLU forward and backward over a 128×400 hidden layer: 2 + 3 reads, 1 + 1 writes... per value. */
    @Benchmark
    public float[] reluForwardBackward(Traffic t) {
        int n = BATCH * HIDDEN;
        be.map(UnaryFunction.RELU, hidden, hiddenOut, n);
        be.mapBackward(UnaryFunction.RELU, hidden, hiddenOut, hidden, hiddenGrad, n, true);
        t.bytes += 6L * 4 * n;
        return hiddenGrad;
    }

    /** One Adam update of fc1.weight: reads 4, writes 3 floats per parameter. */
    @Benchmark
    public float[] adamUpdate(Traffic t) {
        be.adam(param, paramGrad, m1, m2, PARAMS, adamStep);
        t.bytes += 7L * 4 * PARAMS;
        return param;
    }

    /** 65,536 standard normal values from the counter-based generator. */
    @Benchmark
    public float[] gaussianSampling(Traffic t) {
        be.fillGaussian(rng, 3, counter, noise, 0, noise.length);
        counter += noise.length;
        t.samples += noise.length;
        return noise;
    }
}
