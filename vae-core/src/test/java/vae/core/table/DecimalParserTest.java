package vae.core.table;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DecimalParserTest {
    /** The grammar the parser accepts; every other string must be refused. */
    private static final Pattern PLAIN_DECIMAL =
            Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    /** The JDK's float, or NaN where our grammar refuses the text or the value is not finite. */
    private static float expectedFloat(String s) {
        if (!PLAIN_DECIMAL.matcher(s.strip()).matches()) {
            return Float.NaN;
        }
        float f = Float.parseFloat(s);
        return Float.isFinite(f) ? f : Float.NaN;
    }

    private static double expectedDouble(String s) {
        if (!PLAIN_DECIMAL.matcher(s.strip()).matches()) {
            return Double.NaN;
        }
        double d = Double.parseDouble(s);
        return Double.isFinite(d) ? d : Double.NaN;
    }

    private static void check(String s) {
        float f = DecimalParser.parseFloat(s);
        float ef = expectedFloat(s);
        assertEquals(Float.floatToRawIntBits(ef), Float.floatToRawIntBits(f), () -> "float of '" + s + "'");
        double d = DecimalParser.parseDouble(s);
        double ed = expectedDouble(s);
        assertEquals(Double.doubleToRawLongBits(ed), Double.doubleToRawLongBits(d), () -> "double of '" + s + "'");
    }

    @Test
    void awkwardInputsAgreeWithTheJdkOrAreRefused() {
        List<String> awkward = List.of("0", "-0", "+0", "-0.0", "00", "007", "0.5", ".5", "5.", "-.5", "+.5e1",
                "1e400", "-1e400", "1e39", "1e-400", "1e-46", "1e-45", "1.4e-45", "3.4028235e38", "3.4028236e38",
                "0x1p3", "0X1P3", "1d", "1f", "1.0F", "Infinity", "-Infinity", "NaN", "", " ", ".", "-", "+", "e5",
                "1e", "1e+", "1e-", "1.2.3", "1,5", " 12.5 ", "\t7\t", "1_000", "١", "9007199254740993",
                "123456789012345678901234567890", "0.000000000000000000000000000001", "1e22", "1e23", "4.7e-38",
                "1.17549435E-38", "16777217", "16777216.5", "0.1", "0.2", "0.3", "2.5e-7", "1E5", "1e05",
                "-1e-0", "99999999999999999999", "999999999999999999", "1000000000000000000000000",
                "1.00000005960464477539062", "1.000000059604644775390625", "1.0000000596046447753906251");
        awkward.forEach(DecimalParserTest::check);
    }

    @Test
    void randomInputsAgreeWithTheJdk() {
        SplittableRandom random = new SplittableRandom(42);
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            inputs.add(Float.toString(Float.intBitsToFloat(random.nextInt())));
            inputs.add(Double.toString(Double.longBitsToDouble(random.nextLong())));
        }
        for (int i = 0; i < 60_000; i++) {
            inputs.add(randomDecimal(random));
        }
        for (int i = 0; i < 20_000; i++) { // halfway cases between adjacent floats, the double-rounding trap
            float f = Float.intBitsToFloat(random.nextInt(0x7f000000));
            double mid = ((double) f + (double) Math.nextUp(f)) / 2;
            inputs.add(new java.math.BigDecimal(mid).toString());
            inputs.add(Double.toString(mid));
        }
        assertTrue(inputs.size() >= 100_000);
        inputs.forEach(DecimalParserTest::check);
    }

    /** A plain decimal with random sign, digits, point and exponent, sometimes leading zeros or junk. */
    private static String randomDecimal(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        switch (random.nextInt(4)) {
            case 0 -> s.append('-');
            case 1 -> s.append('+');
            default -> { }
        }
        if (random.nextInt(5) == 0) {
            s.append("000");
        }
        int digits = random.nextInt(1, random.nextBoolean() ? 8 : 25);
        int point = random.nextInt(-1, digits + 1);
        for (int i = 0; i < digits; i++) {
            if (i == point) {
                s.append('.');
            }
            s.append((char) ('0' + random.nextInt(10)));
        }
        if (random.nextInt(3) == 0) {
            s.append(random.nextBoolean() ? 'e' : 'E');
            if (random.nextBoolean()) {
                s.append(random.nextBoolean() ? '-' : '+');
            }
            s.append(random.nextInt(random.nextBoolean() ? 30 : 400));
        }
        if (random.nextInt(50) == 0) {
            s.insert(random.nextInt(s.length() + 1), "xe.-+ ".charAt(random.nextInt(6)));
        }
        return s.toString();
    }
}
