package vae.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import vae.core.backend.ScalarBackend;
import vae.core.tensor.Tensor;

class ShapeOpsGradientTest {

    private static Tensor counting(int rows, int cols) {
        float[] d = new float[rows * cols];
        for (int i = 0; i < d.length; i++) {
            d[i] = i;
        }
        return new Tensor(d, rows, cols);
    }

    @Test
    void reshapeKeepsValuesAndSharesData() {
        Tensor x = counting(2, 6);
        Graph g = Graph.training(new ScalarBackend(1));
        Var y = ShapeOps.reshape(g, g.constant(x), 3, 2, 2);
        assertArrayEquals(new int[] {3, 2, 2}, y.shape());
        assertSame(x.data(), y.data());
    }

    @Test
    void sliceColumnsTakesTheColumnsOfEveryRow() {
        Graph g = Graph.training(new ScalarBackend(1));
        Var y = ShapeOps.sliceColumns(g, g.constant(counting(3, 5)), 1, 4);
        assertArrayEquals(new int[] {3, 3}, y.shape());
        assertArrayEquals(new float[] {1, 2, 3, 6, 7, 8, 11, 12, 13}, y.data());
    }

    @Test
    void sliceColumnsRejectsRangesOutsideTheRow() {
        Graph g = Graph.training(new ScalarBackend(1));
        Var x = g.constant(counting(3, 5));
        assertThrows(IllegalArgumentException.class, () -> ShapeOps.sliceColumns(g, x, -1, 2));
        assertThrows(IllegalArgumentException.class, () -> ShapeOps.sliceColumns(g, x, 2, 6));
        assertThrows(IllegalArgumentException.class, () -> ShapeOps.sliceColumns(g, x, 3, 3));
    }

    @Test
    void concatColumnsPutsTheColumnsOfARowSideBySide() {
        Graph g = Graph.training(new ScalarBackend(1));
        Var y = ShapeOps.concatColumns(g, g.constant(counting(2, 2)),
                g.constant(new Tensor(new float[] {10, 11, 12, 13, 14, 15}, 2, 3)));
        assertArrayEquals(new int[] {2, 5}, y.shape());
        assertArrayEquals(new float[] {0, 1, 10, 11, 12, 2, 3, 13, 14, 15}, y.data());
    }

    @Test
    void concatColumnsRejectsDifferentRowCounts() {
        Graph g = Graph.training(new ScalarBackend(1));
        assertThrows(IllegalArgumentException.class,
                () -> ShapeOps.concatColumns(g, g.constant(counting(2, 2)), g.constant(counting(3, 2))));
    }

    @Test
    void reshapeGradientMatchesFiniteDifferences() {
        // Followed by a non-linear op so that the reshaped value's gradient is not uniform.
        GradientCheck.of((g, in) -> ElementwiseOps.mul(g, ShapeOps.reshape(g, in[0], 4, 3), in[1]))
                .input(GradientCheck.uniform(1, -1, 1, 2, 6))
                .constant(GradientCheck.uniform(2, -1, 1, 4, 3))
                .run();
    }

    @Test
    void sliceColumnsGradientMatchesFiniteDifferences() {
        GradientCheck.of((g, in) -> ShapeOps.sliceColumns(g, in[0], 2, 5))
                .input(GradientCheck.uniform(3, -1, 1, 3, 7)).run();
    }

    @Test
    void twoSlicesOfTheSameInputAccumulate() {
        // Overlapping slices: columns 2..3 get gradient from both.
        GradientCheck.of((g, in) -> ElementwiseOps.mul(g,
                        ShapeOps.sliceColumns(g, in[0], 0, 4), ShapeOps.sliceColumns(g, in[0], 2, 6)))
                .input(GradientCheck.uniform(4, -1, 1, 3, 6)).run();
    }

    @Test
    void concatColumnsGradientMatchesFiniteDifferences() {
        GradientCheck.of((g, in) -> ShapeOps.concatColumns(g, in[0], in[1]))
                .input(GradientCheck.uniform(5, -1, 1, 3, 2))
                .input(GradientCheck.uniform(6, -1, 1, 3, 4))
                .run();
    }

    @Test
    void concatColumnsGradientWithOneConstantSide() {
        GradientCheck.of((g, in) -> ShapeOps.concatColumns(g, in[0], in[1]))
                .constant(GradientCheck.uniform(7, -1, 1, 3, 2))
                .input(GradientCheck.uniform(8, -1, 1, 3, 4))
                .run();
        GradientCheck.of((g, in) -> ShapeOps.concatColumns(g, in[0], in[1]))
                .input(GradientCheck.uniform(9, -1, 1, 3, 2))
                .constant(GradientCheck.uniform(10, -1, 1, 3, 4))
                .run();
    }
}
