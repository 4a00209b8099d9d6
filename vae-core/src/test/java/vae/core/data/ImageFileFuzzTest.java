package vae.core.data;

import com.code_intelligence.jazzer.junit.FuzzTest;
import vae.core.fuzz.FuzzBounds;

/**
 * Any bytes given as one image file decode to the target shape or give a {@link DataException}: never another
 * exception (an exception from inside Java's PNG or JPEG decoder included), an input taking over two seconds,
 * or more than {@link FuzzBounds} allows a small input to allocate. The pixel cap is lowered to 2^18 so that a
 * small header's claim stays within that allocation bound. {@code ./mvnw verify} replays the corpus in
 * {@code ImageFileFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes (see docs/images.md).
 */
class ImageFileFuzzTest {
    private static final ExampleShape SHAPE = new ExampleShape(3, 8, 8);
    private static final long MAX_PIXELS = 1L << 18;

    @FuzzTest(maxDuration = "3m")
    void decodesOrRefusesInOneLine(byte[] bytes) throws Exception {
        FuzzBounds.check(bytes.length, () -> {
            byte[] dest = new byte[SHAPE.size() + 2];
            try {
                ImageFileReader.decode(bytes, "fuzz.png", SHAPE, MAX_PIXELS, dest, 1);
                if (dest[0] != 0 || dest[dest.length - 1] != 0) {
                    throw new AssertionError("wrote outside the example");
                }
            } catch (DataException expected) {
                if (expected.getMessage().lines().count() != 1 || !expected.getMessage().startsWith("fuzz.png: ")) {
                    throw new AssertionError("not one line naming the file: " + expected.getMessage());
                }
            }
        });
    }
}
