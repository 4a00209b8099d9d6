package vae.core.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vae.core.graph.Parameter;
import vae.core.backend.Backend;
import vae.core.tensor.Tensor;

/**
 * A tape of operations for reverse-mode differentiation. Ops compute their value at once and,
 * when recording, push a backward step; {@link #backward(Var)} runs the steps in reverse. A
 * graph is reused step after step: {@link #reset()} forgets the tape and takes back the buffers
 * the step borrowed, which the next step reuses.
 *
 * <p>A graph made with {@link #inference(Backend)} records nothing: no backward steps, no
 * gradients (PyTorch's {@code no_grad}).
 */
public final class Graph {
    private final Backend backend;
    private final boolean recording;
    private final List<Var> tape = new ArrayList<>();
    private final BufferPool pool = new BufferPool();

    private Graph(Backend backend, boolean recording) {
        this.backend = backend;
        this.recording = recording;
    }

    /** A graph that records operations for training. */
    public static Graph training(Backend backend) {
        return new Graph(backend, true);
    }

    /** A graph that only evaluates. */
    public static Graph inference(Backend backend) {
        return new Graph(backend, false);
    }

    public Backend backend() {
        return backend;
    }

    public boolean isRecording() {
        return recording;
    }

    /** A value that needs no gradient (data, noise). */
    public Var constant(Tensor value) {
        return new Var(this, value, false, null);
    }

    /** A learnable parameter: its gradient accumulates straight into the parameter's own buffer. */
    public Var parameter(Parameter parameter) {
        return recording
                ? new Var(this, parameter.value(), true, parameter.grad())
                : new Var(this, parameter.value(), false, null);
    }

    /** A tensor from the step's pool, contents undefined: the caller overwrites every value. */
    public Tensor allocate(int... shape) {
        return new Tensor(pool.borrow(Math.toIntExact(Tensor.sizeOf(shape))), shape);
    }

    /**
     * Bytes of the buffers this graph holds for its steps' values and gradients (a step's peak,
     * since later steps reuse them); parameters are not counted.
     */
    public long pooledBytes() {
        return pool.floats() * Float.BYTES;
    }

    /** A zeroed tensor from the step's pool. */
    public Tensor zeros(int... shape) {
        Tensor t = allocate(shape);
        Arrays.fill(t.data(), 0f);
        return t;
    }

    /**
     * The result of an op with the given inputs. When recording and some input needs a
     * gradient, {@code backward} is kept and will run with the result's gradient filled in.
     */
    public Var result(Tensor value, BackwardStep backward, Var... inputs) {
        boolean needsGrad = false;
        if (recording) {
            for (Var input : inputs) {
                needsGrad |= input.requiresGrad();
            }
        }
        Var out = new Var(this, value, needsGrad, null);
        if (needsGrad) {
            out.setBackward(() -> backward.run(out));
            tape.add(out);
        }
        return out;
    }

    /** Fills the gradients of everything {@code output} (a one-element value) depends on. */
    public void backward(Var output) {
        if (!recording) {
            throw new IllegalStateException("an inference graph has no backward pass");
        }
        if (output.size() != 1) {
            throw new IllegalArgumentException("backward needs a scalar output, got " + output.value());
        }
        if (!output.requiresGrad()) {
            return;
        }
        output.gradData()[0] = 1f;
        for (int i = tape.size() - 1; i >= 0; i--) {
            Var v = tape.get(i);
            if (v.hasGrad()) {
                v.backward().run();
            }
        }
    }

    /** Forgets the tape and takes back every buffer this step borrowed; earlier values become invalid. */
    public void reset() {
        tape.clear();
        pool.returnAll();
    }

    /** The backward step of one op, given the op's output (whose gradient is filled). */
    @FunctionalInterface
    public interface BackwardStep {
        void run(Var out);
    }
}
