package vae.core.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
