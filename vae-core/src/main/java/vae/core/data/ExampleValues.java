package vae.core.data;

import java.util.Arrays;

/**
 * The values of a {@link Dataset}, held as floats or, for 8-bit images, as their bytes: a quarter of
 * the memory (MNIST's 70,000 images are 55 MB instead of 220), turned into the floats
 * {@code v / 255f} only as a batch is copied out.
 */
sealed interface ExampleValues permits ExampleValues.Floats, ExampleValues.UnsignedBytes {

    /** How many values there are. */
    int length();

    /** Copies values {@code from … from + count − 1} into {@code dest} from {@code destPos}, as floats. */
    void copy(int from, float[] dest, int destPos, int count);

    /** The first {@code count} values. */
    ExampleValues prefix(int count);

    /** The rows of {@code dimension} values listed in {@code rows}, one after another. */
    ExampleValues rows(int[] rows, int dimension);

    /** True if a value is NaN (a missing value of a table). */
    boolean hasNaN();

    /** Values as given. */
    record Floats(float[] values) implements ExampleValues {
        @Override
        public int length() {
            return values.length;
        }

        @Override
        public void copy(int from, float[] dest, int destPos, int count) {
            System.arraycopy(values, from, dest, destPos, count);
        }

        @Override
        public ExampleValues prefix(int count) {
            return new Floats(Arrays.copyOf(values, count));
        }

        @Override
        public ExampleValues rows(int[] rows, int dimension) {
            float[] kept = new float[rows.length * dimension];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(values, rows[i] * dimension, kept, i * dimension, dimension);
            }
            return new Floats(kept);
        }

        @Override
        public boolean hasNaN() {
            for (float v : values) {
                if (Float.isNaN(v)) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * Unsigned 8-bit values {@code v}, read as {@code v / 255f}. Each is stored as the signed byte
     * {@code v − 128} ({@code v ^ 0x80}): C2 vectorises the loop {@code ((float) s + 128f) / 255f} over
     * signed bytes but not the conversion of {@code s & 0xff}, so a batch of bytes is gathered as fast
     * as a batch of floats is copied (and twice as fast as the masked loop). {@code (float) s + 128f} is
     * {@code v} exactly, so the floats are those of {@code v / 255f}.
     */
    record UnsignedBytes(byte[] offset) implements ExampleValues {

        /** Takes {@code pixels} (unsigned values) and rewrites it in place to the stored form. */
        static UnsignedBytes own(byte[] pixels) {
            for (int i = 0; i < pixels.length; i++) {
                pixels[i] ^= (byte) 0x80;
            }
            return new UnsignedBytes(pixels);
        }

        @Override
        public int length() {
            return offset.length;
        }

        @Override
        public void copy(int from, float[] dest, int destPos, int count) {
            for (int i = 0; i < count; i++) {
                dest[destPos + i] = ((float) offset[from + i] + 128f) / 255f;
            }
        }

        @Override
        public ExampleValues prefix(int count) {
            return new UnsignedBytes(Arrays.copyOf(offset, count));
        }

        @Override
        public ExampleValues rows(int[] rows, int dimension) {
            byte[] kept = new byte[rows.length * dimension];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(offset, rows[i] * dimension, kept, i * dimension, dimension);
            }
            return new UnsignedBytes(kept);
        }

        @Override
        public boolean hasNaN() {
            return false;
        }
    }
}
