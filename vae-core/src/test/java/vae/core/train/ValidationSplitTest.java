package vae.core.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vae.core.data.Dataset;
import vae.core.data.ExampleShape;
import vae.core.random.CounterRng;

class ValidationSplitTest {
    private static final ExampleShape SHAPE = new ExampleShape(1, 1, 2);

    /** Example i is (i, -i), labelled i % 10, so an example names itself. */
    private static Dataset numbered(int n) {
        float[] f = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            f[2 * i] = i;
            f[2 * i + 1] = -i;
            labels[i] = i % 10;
        }
        return new Dataset("numbered", SHAPE, f, labels);
    }

    private static Set<Integer> ids(Dataset d) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < d.size(); i++) {
            int id = (int) d.features()[2 * i];
            assertEquals(-id, (int) d.features()[2 * i + 1], "an example's values stay together");
            assertEquals(id % 10, d.label(i), "and with its label");
            ids.add(id);
        }
        return ids;
    }

    @Test
    void theValidationSetIsDisjointFromTrainingAndTogetherTheyAreEveryExample() {
        ValidationSplit split = ValidationSplit.of(numbered(1000), 150, new CounterRng(1));
        assertEquals(850, split.train().size());
        assertEquals(150, split.validation().size());
        Set<Integer> train = ids(split.train());
        Set<Integer> validation = ids(split.validation());
        assertEquals(850, train.size());
        assertEquals(150, validation.size());
        Set<Integer> both = new HashSet<>(train);
        both.retainAll(validation);
        assertEquals(Set.of(), both);
        Set<Integer> all = new HashSet<>(train);
        all.addAll(validation);
        assertEquals(1000, all.size());
    }

    @Test
    void theSameSeedHoldsOutTheSameExamplesAndAnotherSeedOthers() {
        ValidationSplit a = ValidationSplit.of(numbered(1000), 100, new CounterRng(1));
        ValidationSplit b = ValidationSplit.of(numbered(1000), 100, new CounterRng(1));
        ValidationSplit c = ValidationSplit.of(numbered(1000), 100, new CounterRng(2));
        assertArrayEquals(a.validation().features(), b.validation().features());
        assertArrayEquals(a.train().features(), b.train().features());
        assertFalse(ids(a.validation()).equals(ids(c.validation())));
    }

    @Test
    void theHeldOutExamplesAreSpreadOverTheSetNotTakenFromOneEnd() {
        Set<Integer> held = ids(ValidationSplit.of(numbered(1000), 100, new CounterRng(1)).validation());
        long firstHalf = held.stream().filter(i -> i < 500).count();
        assertEquals(50, firstHalf, 15);
    }

    @Test
    void aFractionIsRoundedToExamples() {
        assertEquals(6000, ValidationSplit.count(0.1, 60000));
        assertEquals(1, ValidationSplit.count(0.14, 10));
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.count(1.0, 10));
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.count(0, 10));
    }

    @Test
    void holdingOutNothingOrEverythingIsRefused() {
        Dataset d = numbered(10);
        assertThrows(IllegalArgumentException.class, () -> ValidationSplit.of(d, 0, new CounterRng(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ValidationSplit.of(d, 10, new CounterRng(1)));
        assertEquals("a validation set of 10 examples leaves nothing to train on: the training set has 10 examples; "
                + "hold out between 1 and 9", e.getMessage());
    }
}
