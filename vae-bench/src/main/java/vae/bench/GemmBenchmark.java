package vae.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vae.core.random.CounterRng;
import vae.core.backend.Backend;

/**
 * GEMM throughput. Each shape is {@code M,K,N:layout}, the layout being how the training step
 * uses it: NT for a linear layer's forward pass ({@code x · Wᵀ}), NN for the input gradient,
 * TN for the weight gradient ({@code dYᵀ · X}). The {@code flops} counter, divided by 1e9,
 * is GFLOP/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class GemmBenchmark {
    @Param({"scalar", "simd"})
    public String backend;

    @Param({"1", "2"})
    public int threads;

    @Param({"128,784,400:NT", "128,400,784:NN", "128,400,20:NT", "400,128,784:TN", "784,128,400:TN",
            "256,1024,1024:NN", "1024,1024,1024:NN"})
    public String shape;

    private Backend be;
    private int m;
    private int k;
    private int n;
    private boolean transA;
    private boolean transB;
    private float[] a;
    private float[] b;
    private float[] c;


    @Setup
    public void setUp() {
        be = Backends.create(backend, threads);
        String[] parts = shape.split(":");
        String[] dims = parts[0].split(",");
        m = Integer.parseInt(dims[0]);
        k = Integer.parseInt(dims[1]);
        n = Integer.parseInt(dims[2]);
        transA = parts[1].charAt(0) == 'T';
        transB = parts[1].charAt(1) == 'T';
        a = random(m * k, 1);
        b = random(k * n, 2);
        c = new float[m * n];
    }

    static float[] random(int size, long seed) {
        float[] x = new float[size];
        CounterRng rng = new CounterRng(seed);
        for (int i = 0; i < size; i++) {
            x[i] = (float) (rng.uniform(0, i) - 0.5);
        }
        return x;
    }

    @Benchmark
    public float[] gemm(Flops counter) {
        be.gemm(transA, transB, m, n, k, a, 0, b, 0, c, 0, false);
        counter.flops += 2L * m * n * k;
        return c;
    }
}
