/** JMH benchmarks of the backends' kernels and of a whole training step. */
module vae.bench {
    requires vae.core;
    requires vae.simd;
    requires vae.models;
    requires jmh.core;
    requires jdk.unsupported;
    requires java.management;
    requires static jdk.incubator.vector;

    exports vae.bench;
    exports vae.bench.jmh_generated;

    opens vae.bench to jmh.core;
}
