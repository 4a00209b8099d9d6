package vae.bench;

/**
 * Runs the JMH benchmarks: {@code java -p vae-bench/target/modules -m vae.bench [JMH options]},
 * e.g. {@code -m vae.bench Gemm -p backend=simd}. With no options, every benchmark runs.
 */
public final class BenchmarkMain {
    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        org.openjdk.jmh.Main.main(args);
    }
}
