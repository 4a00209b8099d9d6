package vae.core.backend;

/**
 * The element-wise functions the graph applies, each with its derivative beside it. The scalar
 * formulas here are the reference every backend is tested against.
 */
public enum UnaryFunction {
    RELU {
        @Override public float apply(float x) { return x > 0f ? x : 0f; }
        @Override public float derivative(float x, float y) { return x > 0f ? 1f : 0f; }
    },
    SIGMOID {
        @Override public float apply(float x) { return (float) (1.0 / (1.0 + Math.exp(-x))); }
        @Override public float derivative(float x, float y) { return y * (1f - y); }
    },
    TANH {
        @Override public float apply(float x) { return (float) Math.tanh(x); }
        @Override public float derivative(float x, float y) { return 1f - y * y; }
    },
    /** log(1 + e^x), written so that it neither overflows for large x nor loses small values. */
    SOFTPLUS {
        @Override public float apply(float x) { return (float) (Math.max(x, 0.0) + Math.log1p(Math.exp(-Math.abs(x)))); }
        @Override public float derivative(float x, float y) { return (float) (1.0 / (1.0 + Math.exp(-x))); }
    },
    EXP {
        @Override public float apply(float x) { return (float) Math.exp(x); }
        @Override public float derivative(float x, float y) { return y; }
    },
    LOG {
        @Override public float apply(float x) { return (float) Math.log(x); }
        @Override public float derivative(float x, float y) { return 1f / x; }
    };

    /** f(x). */
    public abstract float apply(float x);

    /** f'(x), given also y = f(x) where that is cheaper. */
    public abstract float derivative(float x, float y);
}
