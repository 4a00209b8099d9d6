package vae.core.table;

/**
 * Parses plain decimal numbers straight from a char buffer, bit-for-bit as {@link Float#parseFloat} and
 * {@link Double#parseDouble} would.
 *
 * <p>Grammar (after trimming whitespace): {@code [+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?}.
 * Anything else (hex floats, Java's {@code d}/{@code f} suffixes, {@code Infinity}, {@code NaN}, a result that
 * is not finite) is not a number here: the methods return {@link Float#NaN} / {@link Double#NaN}, which a
 * successful parse never returns.
 *
 * <p>Fast path (Clinger): at most 18 significant digits with a mantissa {@code m <= 2^53} and a decimal
 * exponent {@code |e| <= 22}, so {@code m} and {@code 10^|e|} are exact doubles and one IEEE multiplication
 * or division rounds correctly. For a float the double is rounded once more, which is exact unless the double
 * lies exactly halfway between two floats; that case, and every input outside the fast path, goes to the JDK.
 */
final class DecimalParser {
    private static final double[] POWERS_OF_TEN = {
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    /** The double bits a float rounding drops (52 - 23), and the pattern of a double exactly between two floats. */
    private static final long DROPPED_BITS = (1L << 29) - 1;
    private static final long HALFWAY = 1L << 28;

    private DecimalParser() {
    }

    /** The float the characters denote, or NaN when they are not a finite plain decimal. */
    static float parseFloat(char[] buf, int off, int len) {
        double d = parse(buf, off, len, true);
        if (d != d) {
            return Float.NaN;
        }
        if (d == SLOW) {
            float f = Float.parseFloat(new String(buf, off, len));
            return Float.isFinite(f) ? f : Float.NaN;
        }
        return (float) d;
    }

    /** The double the characters denote, or NaN when they are not a finite plain decimal. */
    static double parseDouble(char[] buf, int off, int len) {
        double d = parse(buf, off, len, false);
        if (d == SLOW) {
            double v = Double.parseDouble(new String(buf, off, len));
            return Double.isFinite(v) ? v : Double.NaN;
        }
        return d;
    }

    /** {@link #parseFloat(char[], int, int)} of a string. */
    static float parseFloat(String s) {
        return parseFloat(s.toCharArray(), 0, s.length());
    }

    /** {@link #parseDouble(char[], int, int)} of a string. */
    static double parseDouble(String s) {
        return parseDouble(s.toCharArray(), 0, s.length());
    }

    /** Returned by {@link #parse} for a valid decimal that the fast path cannot do exactly. */
    private static final double SLOW = Double.POSITIVE_INFINITY;

    /**
     * The value by the fast path, NaN for a string outside the grammar, or {@link #SLOW} for a valid decimal
     * the JDK must convert.
     */
    private static double parse(char[] buf, int off, int len, boolean forFloat) {
        int i = off;
        int end = off + len;
        while (i < end && buf[i] <= ' ') {
            i++;
        }
        while (end > i && buf[end - 1] <= ' ') {
            end--;
        }
        if (i == end) {
            return Double.NaN;
        }
        boolean negative = false;
        char c = buf[i];
        if (c == '-' || c == '+') {
            negative = c == '-';
            i++;
        }
        long mantissa = 0;
        int significant = 0; // digits in the mantissa, leading zeros excluded
        int droppedDigits = 0; // integer digits beyond 19
        int fractionDigits = 0;
        int digits = 0;
        boolean inexact = false;
        for (; i < end && (c = buf[i]) >= '0' && c <= '9'; i++, digits++) {
            if (significant < 18) {
                mantissa = mantissa * 10 + (c - '0');
                if (mantissa != 0) {
                    significant++;
                }
            } else {
                droppedDigits++;
                inexact = true;
            }
        }
        if (i < end && buf[i] == '.') {
            i++;
            for (; i < end && (c = buf[i]) >= '0' && c <= '9'; i++, digits++) {
                if (significant < 18) {
                    mantissa = mantissa * 10 + (c - '0');
                    fractionDigits++;
                    if (mantissa != 0) {
                        significant++;
                    }
                } else {
                    inexact = true;
                }
            }
        }
        if (digits == 0) {
            return Double.NaN;
        }
        long exponent = 0;
        if (i < end && (buf[i] == 'e' || buf[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < end && (buf[i] == '-' || buf[i] == '+')) {
                negativeExponent = buf[i] == '-';
                i++;
            }
            int exponentDigits = 0;
            for (; i < end && (c = buf[i]) >= '0' && c <= '9'; i++, exponentDigits++) {
                if (exponent < 100_000_000) {
                    exponent = exponent * 10 + (c - '0');
                }
            }
            if (exponentDigits == 0) {
                return Double.NaN;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        }
        if (i != end) {
            return Double.NaN;
        }
        if (inexact || mantissa > MAX_EXACT_MANTISSA) {
            return SLOW;
        }
        if (mantissa == 0) {
            return negative ? -0.0 : 0.0;
        }
        long e10 = exponent + droppedDigits - fractionDigits;
        if (e10 < -22 || e10 > 22) {
            return SLOW;
        }
        double d = e10 < 0 ? mantissa / POWERS_OF_TEN[(int) -e10] : mantissa * POWERS_OF_TEN[(int) e10];
        if (forFloat && (Double.doubleToRawLongBits(d) & DROPPED_BITS) == HALFWAY) {
            return SLOW;
        }
        return negative ? -d : d;
    }
}
