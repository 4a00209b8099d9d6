package vae.core.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * A growing column of ints kept in fixed chunks of {@value #CHUNK} values, so growing never copies more
 * than one chunk and never holds two copies of the column; only the last chunk starts small and doubles,
 * so a table of many short columns stays small.
 */
final class IntChunks {
    static final int SHIFT = 16;
    static final int CHUNK = 1 << SHIFT;
    private static final int FIRST = 8;

    private final List<int[]> chunks = new ArrayList<>();
    private int[] last = new int[FIRST];
    private int inLast;
    private int size;

    void add(int value) {
        if (inLast == last.length) {
            if (inLast == CHUNK) {
                chunks.add(last);
                last = new int[FIRST];
                inLast = 0;
            } else {
                last = Arrays.copyOf(last, Math.min(CHUNK, last.length * 2));
            }
        }
        last[inLast++] = value;
        size++;
    }

    int size() {
        return size;
    }

    /** Replaces every value by {@code f(value)}, in place. */
    void replaceAll(IntUnaryOperator f) {
        for (int[] chunk : chunks) {
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = f.applyAsInt(chunk[i]);
            }
        }
        for (int i = 0; i < inLast; i++) {
            last[i] = f.applyAsInt(last[i]);
        }
    }

    /** The values as one exact-size array; the chunks are released as they are copied. */
    int[] toArrayReleasing() {
        int[] out = new int[size];
        int at = 0;
        for (int c = 0; c < chunks.size(); c++) {
            System.arraycopy(chunks.get(c), 0, out, at, CHUNK);
            chunks.set(c, null);
            at += CHUNK;
        }
        System.arraycopy(last, 0, out, at, inLast);
        last = null;
        return out;
    }

    /** Like {@link #toArrayReleasing()}, reading each value as the bits of a float. */
    float[] toFloatArrayReleasing() {
        float[] out = new float[size];
        int at = 0;
        for (int c = 0; c < chunks.size(); c++) {
            int[] chunk = chunks.get(c);
            for (int i = 0; i < CHUNK; i++) {
                out[at + i] = Float.intBitsToFloat(chunk[i]);
            }
            chunks.set(c, null);
            at += CHUNK;
        }
        for (int i = 0; i < inLast; i++) {
            out[at + i] = Float.intBitsToFloat(last[i]);
        }
        last = null;
        return out;
    }
}
