package vae.core.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Float buffers by length, lent to a graph for one step and returned together, so steady-state
 * training reuses the same arrays instead of allocating new ones every step.
 */
final class BufferPool {
    private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
    private final List<float[]> lent = new ArrayList<>();
    private long floats;

    /** A buffer of the given length; its contents are whatever the last user left. */
    float[] borrow(int length) {
        ArrayDeque<float[]> queue = free.get(length);
        float[] buffer = queue == null ? null : queue.pollLast();
        if (buffer == null) {
            buffer = new float[length];
            floats += length;
        }
        lent.add(buffer);
        return buffer;
    }

    /** Floats in every buffer this pool has made, lent or free. */
    long floats() {
        return floats;
    }

    /** Takes back every buffer lent since the last call. */
    void returnAll() {
        for (float[] buffer : lent) {
            free.computeIfAbsent(buffer.length, k -> new ArrayDeque<>()).addLast(buffer);
        }
        lent.clear();
    }
}
