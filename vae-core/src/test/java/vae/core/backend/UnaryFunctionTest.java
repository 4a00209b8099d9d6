package vae.core.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The reference formulas every backend is tested against, checked against plain maths. */
class UnaryFunctionTest {

    private static final double[] XS = {-20, -5, -1.3, -0.2, 0.01, 0.5, 1, 2.7, 8, 20};

    private static void assertDerivativeByDifferences(UnaryFunction f, double x) {
        double h = 1e-3;
        double numeric = ((double) f.apply((float) (x + h)) - f.apply((float) (x - h)))
                / ((double) (float) (x + h) - (float) (x - h));
        float y = f.apply((float) x);
        float analytic = f.derivative((float) x, y);
        assertEquals(numeric, analytic, 2e-3 * Math.max(1, Math.abs(analytic)), f + "' at " + x);
    }

    @Test
    void reluIsMaxOfZeroAndX() {
        for (double x : XS) {
            assertEquals(Math.max(0f, (float) x), UnaryFunction.RELU.apply((float) x), 0f, "relu(" + x + ")");
            assertEquals(x > 0 ? 1f : 0f, UnaryFunction.RELU.derivative((float) x, 0f));
        }
        assertEquals(0f, UnaryFunction.RELU.apply(0f));
    }

    @Test
    void sigmoidAndItsDerivative() {
        for (double x : XS) {
            double s = Math.exp(x) / (1 + Math.exp(x));
            assertEquals(s, UnaryFunction.SIGMOID.apply((float) x), 1e-7 + 1e-6 * s, "sigmoid(" + x + ")");
            assertEquals(s * (1 - s), UnaryFunction.SIGMOID.derivative((float) x, (float) s), 1e-7);
        }
        assertEquals(1f, UnaryFunction.SIGMOID.apply(100f));
        assertEquals(0f, UnaryFunction.SIGMOID.apply(-200f), 1e-30f);
    }

    @Test
    void tanhAndItsDerivative() {
        for (double x : XS) {
            double t = (Math.exp(2 * x) - 1) / (Math.exp(2 * x) + 1);
            assertEquals(t, UnaryFunction.TANH.apply((float) x), 1e-6, "tanh(" + x + ")");
            double cosh = Math.cosh(x);
            assertEquals(1 / (cosh * cosh), UnaryFunction.TANH.derivative((float) x, (float) t), 1e-6);
        }
    }

    @Test
    void softplusAndItsDerivative() {
        for (double x : XS) {
            double expected = Math.log(1 + Math.exp(x));
            assertEquals(expected, UnaryFunction.SOFTPLUS.apply((float) x), 1e-6 * Math.max(1e-9, expected),
                    "softplus(" + x + ")");
            assertEquals(1 / (1 + Math.exp(-x)),
                    UnaryFunction.SOFTPLUS.derivative((float) x, UnaryFunction.SOFTPLUS.apply((float) x)), 1e-7);
        }
        assertEquals(1000f, UnaryFunction.SOFTPLUS.apply(1000f), "no overflow");
    }

    @Test
    void expAndLogAndTheirDerivatives() {
        for (double x : XS) {
            if (Math.abs(x) <= 8) {
                assertEquals(Math.exp(x), UnaryFunction.EXP.apply((float) x), 1e-6 * Math.exp(x));
                assertEquals(Math.exp(x), UnaryFunction.EXP.derivative((float) x, UnaryFunction.EXP.apply((float) x)),
                        1e-6 * Math.exp(x));
            }
            if (x > 0) {
                assertEquals(Math.log(x), UnaryFunction.LOG.apply((float) x), 1e-6 * Math.max(1, Math.abs(Math.log(x))));
                assertEquals(1 / x, UnaryFunction.LOG.derivative((float) x, 0f), 1e-6 / x);
            }
        }
    }

    @Test
    void everyDerivativeMatchesFiniteDifferences() {
        for (UnaryFunction f : UnaryFunction.values()) {
            for (double x : new double[] {-2.5, -0.7, 0.3, 1.1, 3}) {
                if (f == UnaryFunction.LOG && x <= 0) {
                    continue;
                }
                assertDerivativeByDifferences(f, x);
            }
        }
    }
}
