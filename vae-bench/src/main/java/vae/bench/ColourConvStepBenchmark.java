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
import vae.api.Vae;
import vae.core.backend.Backend;
import vae.core.data.ExampleShape;
import vae.core.graph.Graph;
import vae.core.optim.Adam;
import vae.core.optim.AdamConfig;
import vae.core.random.CounterRng;
import vae.core.spi.LossTerms;
import vae.core.spi.Model;
import vae.core.tensor.Tensor;

/**
 * One training step, batch 64 of 3×64×64 images, of the CelebA-style conv VAE of AntixK's and
 * Pythae's VAEs: {@code conv} with channels 32, 64, 128, 256 (kernel 4, stride 2, padding 1; 4×4
 * feature maps before the linear layers), latent 128, Bernoulli likelihood, assembled by the public
 * API: forward, loss, backward and Adam, as the trainer runs it. {@code images} is images per
 * second; {@code tools/pytorch/image_step_speed.py} times PyTorch's step on the same model.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class ColourConvStepBenchmark {
    private static final int BATCH = 64;
    private static final ExampleShape SHAPE = new ExampleShape(3, 64, 64);

    @Param({"scalar", "simd"})
    public String backend;

    @Param({"1", "2"})
    public int threads;

    private Backend be;
    private Model model;
    private Adam adam;
    private Graph graph;
    private float[] batch;
    private final CounterRng rng = new CounterRng(1);
    private long step;

    @Setup
    public void setUp() {
        be = Backends.create(backend, threads);
        model = Vae.builder().arch("conv").set("channels", "32,64,128,256").set("latent", 128).seed(1)
                .build(SHAPE).model();
        adam = new Adam(model.parameters(), AdamConfig.defaults());
        graph = Graph.training(be);
        batch = GemmBenchmark.random(BATCH * SHAPE.size(), 9);
        for (int i = 0; i < batch.length; i++) {
            batch[i] = Math.abs(batch[i]) % 1f; // pixels in [0, 1]
        }
    }

    @Benchmark
    public float trainingStep(TrainingStepBenchmark.Images counter) {
        graph.reset();
        Tensor x = graph.allocate(BATCH, SHAPE.channels(), SHAPE.height(), SHAPE.width());
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
