package vae.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DatasetTest {

    private static final ExampleShape PAIR = new ExampleShape(1, 1, 2);

    /** Four examples of two values each: example i holds {i, i + 0.5}. */
    private static Dataset fourExamples() {
        return new Dataset("four", PAIR, new float[] {0, 0.5f, 1, 1.5f, 2, 2.5f, 3, 3.5f}, new int[] {10, 11, 12, 13});
    }

    @Test
    void unsignedBytesAreScaledToTheUnitInterval() {
        Dataset data = Dataset.fromUnsignedBytes("px", PAIR, new byte[] {0, (byte) 255, 51, (byte) 128}, null);

        assertArrayEquals(new float[] {0f, 1f, 51 / 255f, 128 / 255f}, data.features());
        assertEquals(2, data.size());
    }

    /** Every byte value, three times over in shuffled order, as 96 examples of 8 values; labels 0..2. */
    private static byte[] everyByte() {
        byte[] pixels = new byte[3 * 256];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        for (int i = pixels.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            byte t = pixels[i];
            pixels[i] = pixels[j];
            pixels[j] = t;
        }
        return pixels;
    }

    private static final ExampleShape EIGHT = new ExampleShape(1, 2, 4);

    /** The floats the bytes stood for before data sets kept bytes: each converted once, {@code v / 255f}. */
    private static float[] asFloats(byte[] pixels) {
        float[] f = new float[pixels.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (pixels[i] & 0xff) / 255f;
        }
        return f;
    }

    private static int[] labelsOf(int n) {
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % 3;
        }
        return labels;
    }

    @Test
    void bytesGiveTheSameBatchesAsTheFloatsTheyStandFor() {
        byte[] pixels = everyByte();
        int n = pixels.length / EIGHT.size();
        Dataset bytes = Dataset.fromUnsignedBytes("b", EIGHT, pixels, labelsOf(n));
        Dataset floats = new Dataset("f", EIGHT, asFloats(pixels), labelsOf(n));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = (i * 37 + 5) % n;
        }
        for (int from = 0; from < n; from += 13) {
            int count = Math.min(13, n - from);
            float[] a = new float[count * 8];
            float[] b = new float[count * 8];
            bytes.copyExamples(order, from, count, a);
            floats.copyExamples(order, from, count, b);
            assertArrayEquals(b, a, "gathered batch at " + from);
            bytes.copyRange(from, count, a);
            floats.copyRange(from, count, b);
            assertArrayEquals(b, a, "range at " + from);
        }
        assertArrayEquals(floats.features(), bytes.features());
        assertArrayEquals(floats.limit(10).features(), bytes.limit(10).features());
        assertArrayEquals(floats.withLabel(2).features(), bytes.withLabel(2).features());
        assertArrayEquals(floats.withLabel(2).labels(), bytes.withLabel(2).labels());
    }

    @Test
    void bytesAreCopiedSoTheCallerMayReuseTheArray() {
        byte[] pixels = {0, (byte) 255};
        Dataset data = Dataset.fromUnsignedBytes("px", PAIR, pixels, null);
        pixels[0] = 7;

        assertArrayEquals(new float[] {0f, 1f}, data.features());
    }

    @Test
    void onlyFloatsCanHaveMissingValues() {
        assertFalse(Dataset.fromUnsignedBytes("px", PAIR, new byte[] {0, (byte) 255}, null).hasMissingValues());
        assertFalse(fourExamples().hasMissingValues());
        assertTrue(new Dataset("nan", PAIR, new float[] {1f, Float.NaN}, null).hasMissingValues());
    }

    @Test
    void sizeAndDimensionFollowTheShape() {
        Dataset data = fourExamples();

        assertEquals(4, data.size());
        assertEquals(2, data.dimension());
        assertEquals("four", data.name());
        assertEquals(PAIR, data.shape());
    }

    @Test
    void featuresThatAreNotWholeExamplesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Dataset("odd", PAIR, new float[3], null));
    }

    @Test
    void labelCountMustMatchExampleCount() {
        assertThrows(IllegalArgumentException.class, () -> new Dataset("x", PAIR, new float[4], new int[3]));
    }

    @Test
    void callersCannotMutateTheDataset() {
        float[] features = {1, 2};
        int[] labels = {5};
        Dataset data = new Dataset("x", PAIR, features, labels);
        features[0] = 99;
        labels[0] = 99;
        data.features()[1] = 99;
        data.labels()[0] = 99;

        assertArrayEquals(new float[] {1, 2}, data.features());
        assertEquals(5, data.label(0));
    }

    @Test
    void limitKeepsTheFirstExamples() {
        Dataset limited = fourExamples().limit(2);

        assertEquals(2, limited.size());
        assertArrayEquals(new float[] {0, 0.5f, 1, 1.5f}, limited.features());
        assertArrayEquals(new int[] {10, 11}, limited.labels());
    }

    @Test
    void limitBeyondTheSizeReturnsTheSameDataset() {
        Dataset data = fourExamples();

        assertSame(data, data.limit(4));
        assertSame(data, data.limit(1000));
        assertThrows(IllegalArgumentException.class, () -> data.limit(-1));
    }

    @Test
    void copyExamplesGathersRowsInTheGivenOrder() {
        float[] dest = new float[6];

        fourExamples().copyExamples(new int[] {9, 3, 0, 2, 9}, 1, 3, dest);

        assertArrayEquals(new float[] {3, 3.5f, 0, 0.5f, 2, 2.5f}, dest);
    }

    @Test
    void overUsesTheArrayItselfAndChecksItsLength() {
        float[] values = {0, 0.5f, 1, 1.5f};
        Dataset data = Dataset.over("buffer", new ExampleShape(1, 1, 2), values);
        float[] dest = new float[2];
        values[2] = 7; // refilled in place, as a local-SGD round does

        data.copyExamples(new int[] {1}, 0, 1, dest);

        assertEquals(2, data.size());
        assertNull(data.labels());
        assertArrayEquals(new float[] {7, 1.5f}, dest);
        assertThrows(IllegalArgumentException.class, () -> Dataset.over("odd", new ExampleShape(1, 1, 2), new float[3]));
    }

    @Test
    void copyRangeCopiesConsecutiveRows() {
        float[] dest = new float[5];
        dest[4] = -1;

        fourExamples().copyRange(1, 2, dest);

        assertArrayEquals(new float[] {1, 1.5f, 2, 2.5f, -1}, dest);
    }

    @Test
    void copiesOutsideTheDataOrDestinationFail() {
        Dataset data = fourExamples();

        assertThrows(IndexOutOfBoundsException.class, () -> data.copyRange(3, 2, new float[4]));
        assertThrows(IndexOutOfBoundsException.class, () -> data.copyRange(0, 2, new float[3]));
        assertThrows(IndexOutOfBoundsException.class, () -> data.copyExamples(new int[] {4}, 0, 1, new float[2]));
        assertThrows(IndexOutOfBoundsException.class, () -> data.copyExamples(new int[] {0}, 0, 2, new float[4]));
    }

    @Test
    void unlabelledDatasetReportsNoLabels() {
        Dataset data = new Dataset("plain", PAIR, new float[2], null);

        assertFalse(data.hasLabels());
        assertNull(data.labels());
        assertThrows(IllegalStateException.class, () -> data.label(0));
    }

    @Test
    void splitRejectsTrainAndTestOfDifferentShapes() {
        Dataset other = new Dataset("other", new ExampleShape(1, 2, 1), new float[2], null);

        assertThrows(IllegalArgumentException.class, () -> new DataSplit(fourExamples(), other));
    }
}
