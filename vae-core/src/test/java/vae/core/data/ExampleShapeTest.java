package vae.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ExampleShapeTest {

    @Test
    void sizeIsTheProductOfTheDimensions() {
        assertEquals(784, new ExampleShape(1, 28, 28).size());
        assertEquals(3072, new ExampleShape(3, 32, 32).size());
    }

    @Test
    void nonPositiveDimensionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ExampleShape(0, 28, 28));
        assertThrows(IllegalArgumentException.class, () -> new ExampleShape(1, -1, 28));
        assertThrows(IllegalArgumentException.class, () -> new ExampleShape(1, 28, 0));
    }

    @Test
    void shapesTooLargeForOneArrayAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ExampleShape(3, 65536, 65536));
    }

    @Test
    void toStringIsChannelsByHeightByWidth() {
        assertEquals("3x32x32", new ExampleShape(3, 32, 32).toString());
    }
}
