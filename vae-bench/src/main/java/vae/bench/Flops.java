package vae.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Floating-point operations done, reported per second: a benchmark adds what each call did, and
 * the {@code flops} counter, divided by 1e9, is GFLOP/s.
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class Flops {
    public long flops;

    @Setup(Level.Iteration)
    public void clear() {
        flops = 0;
    }
}
