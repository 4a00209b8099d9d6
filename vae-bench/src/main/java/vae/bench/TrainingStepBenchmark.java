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
import vae.api.Vae;
import vae.core.data.ExampleShape;
import vae.core.graph.Graph;
import vae.core.optim.Adam;
import vae.core.optim.AdamConfig;
import vae.core.random.CounterRng;
import vae.core.backend.Backend;
import vae.core.spi.LossTerms;
import vae.core.spi.Model;
import vae.core.tensor.Tensor;

/**
 * One full training step, batch 128 of 1×28×28 images, of the pytorch/examples MLP VAE
 * (784-400-20, {@code vae}) or of {@code conv-vae} with its defaults, assembled by the
 * public API as a user gets them: forward, loss, backward and Adam, exactly as the trainer runs it. {@code images} is images per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class TrainingStepBenchmark {
    private static final int BATCH = 128;

    @Param({"scalar", "simd"})
    public String backend;

    @Param({"1", "2"})
    public int threads;

    @Param({"vae", "conv-vae"})
    public String variant;

    private Backend be;
    private Model model;
    private Adam adam;
    private Graph graph;
    private float[] batch;
    private final CounterRng rng = new CounterRng(1);
    private long step;

    /** Images trained on, reported per second. */
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Images {
        public long images;

        @Setup(Level.Iteration)
        public void clear() {
            images = 0;
        }
    }

    @Setup
    public void setUp() {
        be = Backends.create(backend, threads);
        model = Vae.builder().variant(variant).seed(1).build(new ExampleShape(1, 28, 28)).model();
        adam = new Adam(model.parameters(), AdamConfig.defaults());
        graph = Graph.training(be);
        batch = GemmBenchmark.random(BATCH * 784, 9);
        for (int i = 0; i < batch.length; i++) {
            batch[i] = Math.max(0f, batch[i] * 2);
        }
    }

    @Benchmark
    public float trainingStep(Images counter) {
        graph.reset();
        Tensor x = graph.allocate(BATCH, 1, 28, 28);
        System.arraycopy(batch, 0, x.data(), 0, batch.length);
        long stream = step++;
        LossTerms loss = model.loss(graph, graph.constant(x), (g, shape) -> {
            Tensor t = g.allocate(shape);
            g.backend().fillGaussian(rng, stream, 0, t.data(), 0, t.size());
            return t;
        });
        graph.backward(loss.objective());
        adam.step(be);
        counter.images += BATCH;
        return loss.objective().item();
    }
}
