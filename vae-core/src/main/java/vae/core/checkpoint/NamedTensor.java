package vae.core.checkpoint;

import java.util.Arrays;

/**
 * A float32 tensor as a safetensors file holds it: a name, a shape and row-major values.
 *
 * @param name  the key in the file's header, e.g. {@code fc1.weight}
 * @param shape the dimensions; their product is {@code data.length}
 * @param data  the values, row-major
 */
public record NamedTensor(String name, int[] shape, float[] data) {

    public NamedTensor {
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor " + name + " has a negative dimension: " + Arrays.toString(shape));
            }
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("tensor " + name + " of shape " + Arrays.toString(shape) + " needs "
                    + count + " values, got " + data.length);
        }
    }

    /** Bytes of its data in the file (4 per float32 value). */
    public long byteCount() {
        return 4L * data.length;
    }
}
