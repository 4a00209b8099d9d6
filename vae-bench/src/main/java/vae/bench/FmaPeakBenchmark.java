package vae.bench;

import java.util.concurrent.TimeUnit;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
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
import vae.core.backend.ParallelRunner;

/**
 * The machine's FMA peak as the Vector API reaches it: 12 independent chains of vector FMAs on
 * registers, no memory, on 1 or 2 threads. The reference the GEMM figures are read against
 * (a share of peak), measured in the same run, because on this VM the peak itself moves by up
 * to 2× over a day. The {@code flops} counter, divided by 1e9, is GFLOP/s.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class FmaPeakBenchmark {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    /** FMAs per chain per call: long enough that the call overhead is noise, short enough for JMH. */
    private static final int STEPS = 100_000;
    private static final int CHAINS = 12;

    @Param({"1", "2"})
    public int threads;

    private ParallelRunner runner;
    private final float[] sink = new float[2];


    @Setup
    public void setUp() {
        runner = new ParallelRunner(threads);
    }

    @Benchmark
    public float[] fmaLoop(Flops counter) {
        runner.forEach(threads, t -> sink[t] = chains(t + 1));
        counter.flops += (long) threads * STEPS * CHAINS * 2 * SPECIES.length();
        return sink;
    }

    /**
     * c ← a·b + c on 12 chains, the accumulator as the addend as in a GEMM kernel, so each is one
     * vfmadd231ps. (The form c ← c·b + a, with a fixed addend, costs a register copy per FMA on
     * x86, since the instruction overwrites its addend: it measured half the peak.) a·b = 1e-6
     * keeps the values bounded and normal.
     */
    private static float chains(float seed) {
        FloatVector a = FloatVector.broadcast(SPECIES, 1e-3f);
        FloatVector b = FloatVector.broadcast(SPECIES, 1e-3f * seed);
        FloatVector c0 = a.add(0);
        FloatVector c1 = a.add(1);
        FloatVector c2 = a.add(2);
        FloatVector c3 = a.add(3);
        FloatVector c4 = a.add(4);
        FloatVector c5 = a.add(5);
        FloatVector c6 = a.add(6);
        FloatVector c7 = a.add(7);
        FloatVector c8 = a.add(8);
        FloatVector c9 = a.add(9);
        FloatVector c10 = a.add(10);
        FloatVector c11 = a.add(11);
        for (int i = 0; i < STEPS; i++) {
            c0 = a.fma(b, c0);
            c1 = a.fma(b, c1);
            c2 = a.fma(b, c2);
            c3 = a.fma(b, c3);
            c4 = a.fma(b, c4);
            c5 = a.fma(b, c5);
            c6 = a.fma(b, c6);
            c7 = a.fma(b, c7);
            c8 = a.fma(b, c8);
            c9 = a.fma(b, c9);
            c10 = a.fma(b, c10);
            c11 = a.fma(b, c11);
        }
        return c0.add(c1).add(c2).add(c3).add(c4).add(c5).add(c6).add(c7).add(c8).add(c9).add(c10).add(c11)
                .reduceLanes(VectorOperators.ADD);
    }
}
