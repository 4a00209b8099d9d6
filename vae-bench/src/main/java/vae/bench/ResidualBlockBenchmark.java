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
import vae.core.backend.Backend;
import vae.core.graph.ElementwiseOps;
import vae.core.graph.Graph;
import vae.core.graph.Parameter;
import vae.core.graph.ReductionOps;
import vae.core.graph.Var;
import vae.core.nn.ResidualBlock;
import vae.core.random.CounterRng;
import vae.core.tensor.Tensor;

/**
 * Forward and backward of one residual block {@code x + Conv1×1(ReLU(Conv3×3(ReLU(x))))}, batch
 * 64, on the feature maps it meets in image models: {@code 256x4x4} (after the CelebA-style net's
 * four convolutions) and {@code 64x16x16} (a ResNet stage at a quarter of 64×64). The backward pass
 * fills the gradients of both convolutions and of the input, from the loss {@code Σ y·r} with fixed
 * random r. {@code images} is images per second; {@code tools/pytorch/image_step_speed.py} times
 * PyTorch on the same block.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class ResidualBlockBenchmark {
    private static final int BATCH = 64;

    @Param({"scalar", "simd"})
    public String backend;

    @Param({"1", "2"})
    public int threads;

    @Param({"256x4x4", "64x16x16"})
    public String map;

    private Graph graph;
    private ResidualBlock block;
    private Parameter input;
    private Tensor weights;

    @Setup
    public void setUp() {
        Backend be = Backends.create(backend, threads);
        String[] dims = map.split("x");
        int channels = Integer.parseInt(dims[0]);
        int height = Integer.parseInt(dims[1]);
        int width = Integer.parseInt(dims[2]);
        block = new ResidualBlock("res0", channels, new CounterRng(1));
        // The input as a parameter, so that its gradient is computed as inside a network.
        input = new Parameter("x", new Tensor(GemmBenchmark.random(BATCH * channels * height * width, 4),
                BATCH, channels, height, width));
        weights = new Tensor(GemmBenchmark.random(input.size(), 5), BATCH, channels, height, width);
        graph = Graph.training(be);
    }

    @Benchmark
    public float forwardAndBackward(TrainingStepBenchmark.Images counter) {
        graph.reset();
        Var y = block.forward(graph, graph.parameter(input));
        Var loss = ReductionOps.sum(graph, ElementwiseOps.mul(graph, y, graph.constant(weights)));
        graph.backward(loss);
        counter.images += BATCH;
        return loss.item();
    }
}
