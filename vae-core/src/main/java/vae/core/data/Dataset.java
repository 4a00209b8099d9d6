package vae.core.data;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable set of examples of one {@link ExampleShape}, optionally labelled.
 *
 * <p>Features are row-major, one row of {@link #dimension()} values per example, with pixel values
 * scaled to {@code [0, 1]}. Training code reads batches with {@link #copyRange} or
 * {@link #copyExamples} rather than touching the values, which keeps the set immutable without
 * copying it per batch, and lets 8-bit images stay bytes ({@link #fromUnsignedBytes}), a quarter of
 * the memory, converted to the same floats as a batch is copied.
 */
public final class Dataset {

    private final String name;
    private final ExampleShape shape;
    private final ExampleValues values;
    private final int[] labels;
    private final int size;

    /**
     * Creates a data set from a copy of the given arrays.
     *
     * @param name     a short name for messages, e.g. {@code "mnist/train"}
     * @param shape    the shape of each example
     * @param features {@code size × shape.size()} values, row-major
     * @param labels   one label per example, or {@code null} for unlabelled data
     * @throws IllegalArgumentException if the array lengths disagree with the shape or with each other
     */
    public Dataset(String name, ExampleShape shape, float[] features, int[] labels) {
        this(name, shape, new ExampleValues.Floats(features.clone()), labels == null ? null : labels.clone());
    }

    /**
     * Creates an unlabelled data set over {@code features} itself, without copying it: for a
     * caller that refills one buffer and trains on it again and again (a local-SGD round's rows),
     * and must not change the values while the data set is in use.
     *
     * @param name     a short name for messages
     * @param shape    the shape of each example
     * @param features {@code size × shape.size()} values, row-major; retained, not copied
     * @return the data set
     * @throws IllegalArgumentException if the array's length is not a whole number of examples
     */
    public static Dataset over(String name, ExampleShape shape, float[] features) {
        return new Dataset(name, shape, new ExampleValues.Floats(features), null);
    }

    // The trusted path: takes ownership of freshly built values so loading MNIST copies nothing.
    private Dataset(String name, ExampleShape shape, ExampleValues values, int[] labels) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(shape, "shape");
        int dimension = shape.size();
        if (values.length() % dimension != 0) {
            throw new IllegalArgumentException(name + ": " + values.length()
                    + " feature values are not a whole number of " + shape + " examples");
        }
        this.size = values.length() / dimension;
        if (labels != null && labels.length != size) {
            throw new IllegalArgumentException(name + ": " + labels.length + " labels for " + size + " examples");
        }
        this.name = name;
        this.shape = shape;
        this.values = values;
        this.labels = labels;
    }

    /**
     * Creates a data set from unsigned 8-bit pixels, whose values {@code v} read as {@code v / 255f};
     * it keeps the bytes (one per value) and converts them as batches are copied.
     *
     * @param name   a short name for messages
     * @param shape  the shape of each example
     * @param pixels {@code size × shape.size()} unsigned bytes, row-major; not retained
     * @param labels one label per example, or {@code null}; not retained
     * @return the data set
     * @throws IllegalArgumentException if the array lengths disagree with the shape or with each other
     */
    public static Dataset fromUnsignedBytes(String name, ExampleShape shape, byte[] pixels, int[] labels) {
        return ownUnsignedBytes(name, shape, pixels.clone(), labels == null ? null : labels.clone());
    }

    /** As {@link #fromUnsignedBytes}, taking both arrays: {@code pixels} is rewritten, so the caller must drop it. */
    static Dataset ownUnsignedBytes(String name, ExampleShape shape, byte[] pixels, int[] labels) {
        Objects.requireNonNull(pixels, "pixels");
        return new Dataset(name, shape, ExampleValues.UnsignedBytes.own(pixels), labels);
    }

    /**
     * Returns the name given at creation.
     *
     * @return the data set name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the shape of each example.
     *
     * @return the example shape
     */
    public ExampleShape shape() {
        return shape;
    }

    /**
     * Returns the number of examples.
     *
     * @return the example count
     */
    public int size() {
        return size;
    }

    /**
     * Returns the number of values in one example.
     *
     * @return {@code shape().size()}
     */
    public int dimension() {
        return shape.size();
    }

    /** The same examples without their labels (for examples whose labels a run must never read). */
    public Dataset withoutLabels() {
        return labels == null ? this : new Dataset(name, shape, values, null);
    }

    /**
     * Tells whether the examples carry labels.
     *
     * @return {@code true} if {@link #label(int)} may be called
     */
    public boolean hasLabels() {
        return labels != null;
    }

    /**
     * Returns the label of one example.
     *
     * @param index the example index
     * @return its label
     * @throws IllegalStateException     if the data set is unlabelled
     * @throws IndexOutOfBoundsException if the index is out of range
     */
    public int label(int index) {
        requireLabels();
        return labels[Objects.checkIndex(index, size)];
    }

    /**
     * Returns a copy of all features; prefer {@link #copyRange} for batches.
     *
     * @return {@code size() × dimension()} values, row-major
     */
    public float[] features() {
        float[] features = new float[values.length()];
        values.copy(0, features, 0, features.length);
        return features;
    }

    /**
     * Tells whether a value is missing (NaN), as a table's may be; never for 8-bit images.
     *
     * @return {@code true} if some value is NaN
     */
    public boolean hasMissingValues() {
        return values.hasNaN();
    }

    /**
     * Returns a copy of the labels.
     *
     * @return one label per example, or {@code null} if the data set is unlabelled
     */
    public int[] labels() {
        return labels == null ? null : labels.clone();
    }

    /**
     * Returns the first {@code n} examples.
     *
     * @param n how many examples to keep, not negative
     * @return a data set of {@code min(n, size())} examples; this one if {@code n >= size()}
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public Dataset limit(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + n);
        }
        if (n >= size) {
            return this;
        }
        return new Dataset(name, shape, values.prefix(n * dimension()),
                labels == null ? null : Arrays.copyOf(labels, n));
    }

    /**
     * Returns the examples at {@code indices}, in that order (e.g. a validation split's).
     *
     * @param indices example indices, each in range
     * @param suffix  appended to the name, e.g. {@code [validation]}
     * @throws IndexOutOfBoundsException if an index is out of range
     */
    public Dataset select(int[] indices, String suffix) {
        int[] keptLabels = labels == null ? null : new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = Objects.checkIndex(indices[k], size);
            if (keptLabels != null) {
                keptLabels[k] = labels[i];
            }
        }
        // The values stay in their own form: a split of 8-bit images keeps bytes.
        return new Dataset(name + suffix, shape, values.rows(indices, dimension()), keptLabels);
    }

    /**
     * Returns the examples of one label, in their order.
     *
     * @param label the label to keep
     * @return a data set of those examples, named {@code name()} plus {@code [label=…]}
     * @throws IllegalStateException    if the data set is unlabelled
     * @throws IllegalArgumentException if no example has the label
     */
    public Dataset withLabel(int label) {
        if (labels == null) {
            throw new IllegalStateException(name + " has no labels");
        }
        int d = dimension();
        int n = 0;
        for (int l : labels) {
            n += l == label ? 1 : 0;
        }
        if (n == 0) {
            throw new IllegalArgumentException(name + " has no example labelled " + label);
        }
        int[] kept = new int[n];
        int k = 0;
        for (int i = 0; i < size; i++) {
            if (labels[i] == label) {
                kept[k++] = i;
            }
        }
        int[] keptLabels = new int[n];
        Arrays.fill(keptLabels, label);
        return new Dataset(name + "[label=" + label + "]", shape, values.rows(kept, d), keptLabels);
    }

    /**
     * Copies the examples {@code order[from] … order[from + count - 1]} into {@code dest}, one after another.
     *
     * @param order example indices, typically a shuffled permutation
     * @param from  the first position in {@code order} to use
     * @param count how many examples to copy
     * @param dest  receives {@code count × dimension()} values starting at index 0
     * @throws IndexOutOfBoundsException if a range or an example index is out of bounds
     */
    public void copyExamples(int[] order, int from, int count, float[] dest) {
        Objects.checkFromIndexSize(from, count, order.length);
        int dimension = dimension();
        checkDestination(count, dest);
        for (int i = 0; i < count; i++) {
            int example = Objects.checkIndex(order[from + i], size);
            values.copy(example * dimension, dest, i * dimension, dimension);
        }
    }

    /**
     * The labels of the examples {@code order[from] … order[from + count - 1]}, as
     * {@link #copyExamples} takes their features.
     *
     * @throws IllegalStateException     if the data set is unlabelled
     * @throws IndexOutOfBoundsException if a range or index is out of bounds
     */
    public int[] labelsOf(int[] order, int from, int count) {
        requireLabels();
        Objects.checkFromIndexSize(from, count, order.length);
        int[] out = new int[count];
        for (int i = 0; i < count; i++) {
            out[i] = labels[Objects.checkIndex(order[from + i], size)];
        }
        return out;
    }

    /**
     * The labels of the consecutive examples {@code from … from + count - 1}.
     *
     * @throws IllegalStateException     if the data set is unlabelled
     * @throws IndexOutOfBoundsException if the range is out of bounds
     */
    public int[] labelRange(int from, int count) {
        requireLabels();
        Objects.checkFromIndexSize(from, count, size);
        return Arrays.copyOfRange(labels, from, from + count);
    }

    private void requireLabels() {
        if (labels == null) {
            throw new IllegalStateException(name + " has no labels");
        }
    }

    /**
     * Copies the consecutive examples {@code from … from + count - 1} into {@code dest}.
     *
     * @param from  the first example index
     * @param count how many examples to copy
     * @param dest  receives {@code count × dimension()} values starting at index 0
     * @throws IndexOutOfBoundsException if the range does not fit the data set or {@code dest}
     */
    public void copyRange(int from, int count, float[] dest) {
        Objects.checkFromIndexSize(from, count, size);
        checkDestination(count, dest);
        int dimension = dimension();
        values.copy(from * dimension, dest, 0, count * dimension);
    }

    private void checkDestination(int count, float[] dest) {
        long needed = (long) count * dimension();
        if (needed > dest.length) {
            throw new IndexOutOfBoundsException(
                    "destination holds " + dest.length + " values but " + count + " examples need " + needed);
        }
    }

    @Override
    public String toString() {
        return name + " (" + size + " examples of " + shape + (labels == null ? ", unlabelled)" : ", labelled)");
    }
}
