package vae.core.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TensorTest {

    @Test
    void dataLengthMustMatchTheShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Tensor(new float[5], 2, 3));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("5"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Tensor(new float[7], 2, 3));
    }

    @Test
    void nonPositiveDimensionsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(0, 3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(2, -3));
        assertThrows(IllegalArgumentException.class, () -> new Tensor(new float[0], 0));
        // −2 · −3 = 6 must not sneak through as a valid size.
        assertThrows(IllegalArgumentException.class, () -> new Tensor(new float[6], -2, -3));
        assertThrows(IllegalArgumentException.class, () -> Tensor.sizeOf(4, 0));
    }

    @Test
    void sizeOfIsTheProductOfTheDimensions() {
        assertEquals(24, Tensor.sizeOf(2, 3, 4));
        assertEquals(7, Tensor.sizeOf(7));
        assertEquals(1L << 40, Tensor.sizeOf(1 << 20, 1 << 20));
    }

    @Test
    void zerosHasTheShapeAndOnlyZeros() {
        Tensor t = Tensor.zeros(3, 4, 5);
        assertArrayEquals(new int[] {3, 4, 5}, t.shape());
        assertEquals(3, t.rank());
        assertEquals(60, t.size());
        assertEquals(4, t.dim(1));
        assertArrayEquals(new float[60], t.data());
    }

    @Test
    void rowsIsTheLeadingDimensionAndColsTheRest() {
        Tensor t = Tensor.zeros(3, 4, 5);
        assertEquals(3, t.rows());
        assertEquals(20, t.cols());
        Tensor vector = Tensor.zeros(6);
        assertEquals(6, vector.rows());
        assertEquals(1, vector.cols());
    }

    @Test
    void reshapeSharesDataAndChecksTheSize() {
        float[] data = {1, 2, 3, 4, 5, 6};
        Tensor t = new Tensor(data, 2, 3);
        Tensor r = t.reshape(3, 2);
        assertSame(data, r.data());
        assertArrayEquals(new int[] {3, 2}, r.shape());
        r.data()[5] = 60f;
        assertEquals(60f, t.get(5), "a write through the reshaped view shows in the original");
        assertArrayEquals(new int[] {2, 3}, t.shape(), "the original keeps its shape");
        assertThrows(IllegalArgumentException.class, () -> t.reshape(4, 2));
    }

    @Test
    void constructorWrapsWithoutCopyingButShapeIsDefensive() {
        float[] data = new float[6];
        int[] shape = {2, 3};
        Tensor t = new Tensor(data, shape);
        assertSame(data, t.data());
        shape[0] = 6;
        shape[1] = 1;
        assertArrayEquals(new int[] {2, 3}, t.shape(), "changing the caller's array must not reshape");
        t.shape()[0] = 99;
        assertEquals(2, t.dim(0), "shape() returns a copy");
    }

    @Test
    void copyIsDeep() {
        Tensor t = new Tensor(new float[] {1, 2, 3, 4}, 2, 2);
        Tensor c = t.copy();
        assertNotSame(t.data(), c.data());
        assertArrayEquals(t.data(), c.data());
        assertTrue(t.sameShape(c));
        c.data()[0] = 9;
        assertEquals(1f, t.get(0));
    }

    @Test
    void sameShapeComparesShapesNotSizes() {
        assertTrue(Tensor.zeros(2, 3).sameShape(Tensor.zeros(2, 3)));
        assertFalse(Tensor.zeros(2, 3).sameShape(Tensor.zeros(3, 2)));
        assertFalse(Tensor.zeros(6).sameShape(Tensor.zeros(6, 1)));
    }

    @Test
    void toStringShowsTheShape() {
        assertEquals("Tensor[2, 3]", Tensor.zeros(2, 3).toString());
    }
}
