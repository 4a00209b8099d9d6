package vae.core.tensor;

import java.util.Arrays;

/**
 * A dense float32 tensor: a flat row-major {@code float[]} and a shape. The first axis is the
 * batch axis wherever a tensor holds examples; matrix kernels see such a tensor as
 * {@code [rows = shape[0], cols = size / rows]}.
 */
public final class Tensor {
    private final float[] data;
    private final int[] shape;

    /** Wraps {@code data} (not copied) with the given shape, whose product must match its length. */
    public Tensor(float[] data, int... shape) {
        long size = sizeOf(shape);
        if (size != data.length) {
            throw new IllegalArgumentException(
                    "shape " + Arrays.toString(shape) + " needs " + size + " values, got " + data.length);
        }
        this.data = data;
        this.shape = shape.clone();
    }

    /** A new tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return new Tensor(new float[Math.toIntExact(sizeOf(shape))], shape);
    }

    /** The number of elements a shape holds; every dimension must be positive. */
    public static long sizeOf(int... shape) {
        long size = 1;
        for (int d : shape) {
            if (d <= 0) {
                throw new IllegalArgumentException("dimensions must be positive: " + Arrays.toString(shape));
            }
            size *= d;
        }
        return size;
    }

    /** The backing array, shared, not copied. */
    public float[] data() {
        return data;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    public int size() {
        return data.length;
    }

    /** The leading (batch) dimension. */
    public int rows() {
        return shape[0];
    }

    /** The number of values per row: everything but the leading dimension. */
    public int cols() {
        return data.length / shape[0];
    }

    /** The same data seen with another shape of the same size. */
    public Tensor reshape(int... newShape) {
        return new Tensor(data, newShape);
    }

    /** True when both shapes are equal. */
    public boolean sameShape(Tensor other) {
        return Arrays.equals(shape, other.shape);
    }

    /** Reads the element at a row-major flat index. */
    public float get(int flatIndex) {
        return data[flatIndex];
    }

    /** A deep copy. */
    public Tensor copy() {
        return new Tensor(data.clone(), shape);
    }

    @Override
    public String toString() {
        return "Tensor" + Arrays.toString(shape);
    }
}
