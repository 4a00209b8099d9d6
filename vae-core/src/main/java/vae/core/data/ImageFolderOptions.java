package vae.core.data;

import java.util.Objects;

/**
 * How {@link ImageFolderReader} turns a folder of images into examples. Immutable; start from
 * {@link #defaults()} and change what differs with the {@code with...} methods.
 *
 * <p>The target size is either given ({@code height, width > 0}) or taken from the first image of the
 * folder in sorted path order ({@code 0 × 0}, the default); every image is then converted and resized to it.
 *
 * @param channels     1 (greyscale) or 3 (RGB)
 * @param height       rows of every example, or 0 with {@code width} 0 for the first image's size
 * @param width        columns of every example, or 0 with {@code height} 0 for the first image's size
 * @param testFraction share of each class held out for testing when the folder has no {@code train}/{@code test}
 *                     subfolders, strictly between 0 and 1
 * @param splitSeed    seed of that split and of the sample kept under a limit
 * @param onBadImage   what to do with a file that cannot be decoded
 * @param trainLimit   keep at most this many training examples (0: all)
 * @param testLimit    keep at most this many test examples (0: all)
 * @param maxPixels    refuse an image whose header claims more than this many pixels, before decoding it
 */
public record ImageFolderOptions(int channels, int height, int width, double testFraction, long splitSeed,
        BadImagePolicy onBadImage, int trainLimit, int testLimit, long maxPixels) {

    /** The default share of examples held out for testing. */
    public static final double DEFAULT_TEST_FRACTION = 0.2;

    /** The default pixel cap, 2^26 (8192 × 8192): up to 512 MiB decoded for a 16-bit RGBA image. */
    public static final long DEFAULT_MAX_PIXELS = 1L << 26;

    /**
     * Validates the options.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public ImageFolderOptions {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 (greyscale) or 3 (RGB), not " + channels);
        }
        if (height < 0 || width < 0 || (height == 0) != (width == 0)) {
            throw new IllegalArgumentException("image size must be positive (or 0x0 for the first image's size), not "
                    + height + "x" + width);
        }
        if (height > 0) {
            new ExampleShape(channels, height, width); // checks the size fits an array
        }
        if (!(testFraction > 0 && testFraction < 1)) {
            throw new IllegalArgumentException("test fraction must be between 0 and 1 (exclusive), not " + testFraction);
        }
        Objects.requireNonNull(onBadImage, "onBadImage");
        if (trainLimit < 0 || testLimit < 0) {
            throw new IllegalArgumentException("limits must be 0 (all) or positive, not " + trainLimit + " and "
                    + testLimit);
        }
        if (maxPixels < 1) {
            throw new IllegalArgumentException("the pixel cap must be positive, not " + maxPixels);
        }
    }

    /**
     * Three channels, the first image's size, a 0.2 test fraction with seed 0, failing on bad files, no limits
     * and a cap of {@link #DEFAULT_MAX_PIXELS} pixels.
     *
     * @return the default options
     */
    public static ImageFolderOptions defaults() {
        return new ImageFolderOptions(3, 0, 0, DEFAULT_TEST_FRACTION, 0, BadImagePolicy.FAIL, 0, 0,
                DEFAULT_MAX_PIXELS);
    }

    /**
     * Tells whether the size is taken from the first image.
     *
     * @return {@code true} for {@code 0 × 0}
     */
    public boolean sizeFromFirstImage() {
        return height == 0;
    }

    /**
     * Returns the example shape, once the size is known.
     *
     * @return {@code channels × height × width}
     * @throws IllegalStateException if the size is to be taken from the first image
     */
    public ExampleShape shape() {
        if (sizeFromFirstImage()) {
            throw new IllegalStateException("the image size is taken from the first image");
        }
        return new ExampleShape(channels, height, width);
    }

    /**
     * These options with the given number of channels.
     *
     * @param newChannels 1 (greyscale) or 3 (RGB)
     * @return the changed options
     */
    public ImageFolderOptions withChannels(int newChannels) {
        return new ImageFolderOptions(newChannels, height, width, testFraction, splitSeed, onBadImage, trainLimit,
                testLimit, maxPixels);
    }

    /**
     * These options with the given size ({@code 0 × 0}: the first image's).
     *
     * @param newHeight rows, positive, or 0
     * @param newWidth  columns, positive, or 0
     * @return the changed options
     */
    public ImageFolderOptions withSize(int newHeight, int newWidth) {
        return new ImageFolderOptions(channels, newHeight, newWidth, testFraction, splitSeed, onBadImage, trainLimit,
                testLimit, maxPixels);
    }

    /**
     * These options with the channels and size of a shape.
     *
     * @param shape 1 or 3 channels of any size
     * @return the changed options
     */
    public ImageFolderOptions withShape(ExampleShape shape) {
        return new ImageFolderOptions(shape.channels(), shape.height(), shape.width(), testFraction, splitSeed,
                onBadImage, trainLimit, testLimit, maxPixels);
    }

    /**
     * These options with the given test fraction.
     *
     * @param fraction strictly between 0 and 1
     * @return the changed options
     */
    public ImageFolderOptions withTestFraction(double fraction) {
        return new ImageFolderOptions(channels, height, width, fraction, splitSeed, onBadImage, trainLimit,
                testLimit, maxPixels);
    }

    /**
     * These options with the given split seed.
     *
     * @param seed any value
     * @return the changed options
     */
    public ImageFolderOptions withSplitSeed(long seed) {
        return new ImageFolderOptions(channels, height, width, testFraction, seed, onBadImage, trainLimit,
                testLimit, maxPixels);
    }

    /**
     * These options with the given bad-file policy.
     *
     * @param policy fail or skip
     * @return the changed options
     */
    public ImageFolderOptions withOnBadImage(BadImagePolicy policy) {
        return new ImageFolderOptions(channels, height, width, testFraction, splitSeed, policy, trainLimit,
                testLimit, maxPixels);
    }

    /**
     * These options keeping at most the given numbers of examples per part.
     *
     * @param train training examples kept (0: all)
     * @param test  test examples kept (0: all)
     * @return the changed options
     */
    public ImageFolderOptions withLimits(int train, int test) {
        return new ImageFolderOptions(channels, height, width, testFraction, splitSeed, onBadImage, train, test,
                maxPixels);
    }

    /**
     * These options with the given pixel cap.
     *
     * @param pixels the most pixels an image's header may claim, positive
     * @return the changed options
     */
    public ImageFolderOptions withMaxPixels(long pixels) {
        return new ImageFolderOptions(channels, height, width, testFraction, splitSeed, onBadImage, trainLimit,
                testLimit, pixels);
    }
}
