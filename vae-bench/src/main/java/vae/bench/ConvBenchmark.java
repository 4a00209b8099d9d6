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
import vae.core.backend.ConvGeometry;

/**
 * The three convolution kernels (forward, input gradient, weight gradient) at the conv-vae's
 * shapes, batch 128. {@code conv1} is 1→32 channels on 28×28 (kernel 4, stride 2, padding 1),
 * {@code conv2} is 32→64 on 14×14. The {@code res…} layers are the two convolutions of
 * {@link ResidualBlockBenchmark}'s block at batch 64: 3×3 (padding 1) or 1×1, C→C channels on
 * C×H×W maps. The decoder's transposed convolutions are the adjoints of these
 * same two geometries and run the same three kernels. The {@code flops} counter, divided by 1e9,
 * is GFLOP/s over all three.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 3, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Benchmark)
public class ConvBenchmark {
    private static final int BATCH = 128;

    @Param({"scalar", "simd"})
    public String backend;

    @Param({"1", "2"})
    public int threads;

    @Param({"conv1", "conv2", "res3x3_64x16x16", "res1x1_64x16x16", "res3x3_256x4x4", "res1x1_256x4x4"})
    public String layer;

    private Backend be;
    private ConvGeometry geometry;
    private float[] x;
    private float[] w;
    private float[] y;
    private float[] dy;
    private float[] dx;
    private float[] dw;


    @Setup
    public void setUp() {
        be = Backends.create(backend, threads);
        geometry = switch (layer) {
            case "conv1" -> ConvGeometry.square(BATCH, 1, 28, 28, 32, 4, 2, 1);
            case "conv2" -> ConvGeometry.square(BATCH, 32, 14, 14, 64, 4, 2, 1);
            default -> residual(layer);
        };
        x = GemmBenchmark.random(geometry.inputSize(), 1);
        w = GemmBenchmark.random(geometry.weightSize(), 2);
        dy = GemmBenchmark.random(geometry.outputSize(), 3);
        y = new float[geometry.outputSize()];
        dx = new float[geometry.inputSize()];
        dw = new float[geometry.weightSize()];
    }

    /** {@code res3x3_CxHxW} or {@code res1x1_CxHxW}: a residual block's convolution at batch 64. */
    private static ConvGeometry residual(String layer) {
        if (!layer.matches("res(3x3|1x1)_\\d+x\\d+x\\d+")) {
            throw new IllegalArgumentException("unknown layer " + layer);
        }
        String[] dims = layer.substring(7).split("x");
        int channels = Integer.parseInt(dims[0]);
        int kernel = layer.charAt(3) - '0';
        return ConvGeometry.square(64, channels, Integer.parseInt(dims[1]), Integer.parseInt(dims[2]), channels,
                kernel, 1, kernel / 2);
    }

    @Benchmark
    public float[] forwardAndBackward(Flops counter) {
        be.conv2d(geometry, x, w, y, false);
        be.conv2dBackwardInput(geometry, dy, w, dx, false);
        be.conv2dBackwardWeight(geometry, x, dy, dw);
        counter.flops += 3 * 2 * geometry.multiplyAdds();
        return dw;
    }
}
