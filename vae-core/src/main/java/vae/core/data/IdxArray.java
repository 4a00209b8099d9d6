package vae.core.data;

import java.util.Arrays;

/**
 * The contents of an unsigned-byte IDX file: its dimensions and its data in row-major order.
 *
 * <p>The arrays are shared, not copied, because IDX payloads are tens of megabytes; treat them as read-only.
 *
 * @param dims the dimension sizes, outermost first; one to four positive values
 * @param data the raw unsigned bytes; its length is the product of {@code dims}
 */
public record IdxArray(int[] dims, byte[] data) {

    /**
     * Validates that the data length matches the dimensions.
     *
     * @throws IllegalArgumentException if {@code dims} is empty, has a non-positive entry or disagrees with
     *                                  {@code data.length}
     */
    public IdxArray {
        if (dims.length == 0) {
            throw new IllegalArgumentException("an IDX array needs at least one dimension");
        }
        long total = 1;
        for (int d : dims) {
            if (d <= 0) {
                throw new IllegalArgumentException("IDX dimensions must be positive, got " + Arrays.toString(dims));
            }
            total *= d;
        }
        if (total != data.length) {
            throw new IllegalArgumentException(
                    "IDX dimensions " + Arrays.toString(dims) + " need " + total + " bytes, got " + data.length);
        }
    }

    /**
     * Returns the number of dimensions.
     *
     * @return between 1 and 4
     */
    public int rank() {
        return dims.length;
    }

    /**
     * Returns the size of one dimension.
     *
     * @param axis the dimension index, 0 being the outermost (the item count)
     * @return the size of that dimension
     */
    public int dim(int axis) {
        return dims[axis];
    }

    /**
     * Returns the unsigned value at a flat index.
     *
     * @param index position in {@link #data()}
     * @return the byte as a value in {@code 0..255}
     */
    public int unsigned(int index) {
        return Byte.toUnsignedInt(data[index]);
    }

    /**
     * Returns the dimensions as {@code [a, b, c]} for messages.
     *
     * @return the bracketed dimension list
     */
    public String describeDims() {
        return Arrays.toString(dims);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdxArray other && Arrays.equals(dims, other.dims) && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(dims) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "IdxArray" + Arrays.toString(dims);
    }
}
