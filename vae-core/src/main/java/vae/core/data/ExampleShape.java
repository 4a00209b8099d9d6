package vae.core.data;

/**
 * The shape of one example: an image of {@code channels} planes of {@code height × width} pixels,
 * stored channel-major ({@code [c][y][x]}) in feature arrays.
 *
 * @param channels number of colour planes, positive
 * @param height   rows per plane, positive
 * @param width    columns per plane, positive
 */
public record ExampleShape(int channels, int height, int width) {

    /**
     * Validates that every dimension is positive and that one example fits in an {@code int}-indexed array.
     *
     * @throws IllegalArgumentException if a dimension is not positive or the size overflows
     */
    public ExampleShape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException(
                    "example shape dimensions must be positive, got " + channels + "x" + height + "x" + width);
        }
        if ((long) channels * height * width > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(
                    "example shape " + channels + "x" + height + "x" + width + " has more than 2^31-1 values");
        }
    }

    /**
     * Returns the number of values in one example.
     *
     * @return {@code channels × height × width}
     */
    public int size() {
        return channels * height * width;
    }

    /**
     * Returns the shape as {@code CxHxW}, the form used in user-facing messages.
     *
     * @return for example {@code "1x28x28"}
     */
    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
