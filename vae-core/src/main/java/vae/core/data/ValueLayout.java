package vae.core.data;

import java.util.List;
import java.util.Objects;

/**
 * What each value of an example stands for, when the values are table columns rather than
 * pixels: runs of values, one per source column, each continuous (one standardised number),
 * binary (one value in {0, 1}) or categorical (a one-hot block). A per-column likelihood reads
 * it to give each column its own distribution.
 *
 * @param segments the columns in the order their values appear, covering the example exactly
 */
public record ValueLayout(List<Segment> segments) {

    /** The distribution family of one column. */
    public enum Kind {
        /** A real number, modelled as a Gaussian with a learned mean and variance. */
        CONTINUOUS,
        /** 0 or 1, modelled as a Bernoulli variable. */
        BINARY,
        /** One of several categories, one-hot, modelled as a categorical (softmax) variable. */
        CATEGORICAL
    }

    /**
     * One source column's values.
     *
     * @param name   the column's name, for messages and reports
     * @param kind   its distribution family
     * @param offset the index of its first value in an example
     * @param width  how many values it has: 1, or the number of categories (a constant column has one)
     */
    public record Segment(String name, Kind kind, int offset, int width) {
        /** Validates the width against the kind. */
        public Segment {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(kind, "kind");
            if (kind == Kind.CATEGORICAL ? width < 1 : width != 1) {
                throw new IllegalArgumentException("column '" + name + "' (" + kind + ") cannot have " + width
                        + " values");
            }
        }
    }

    /**
     * Validates that the segments follow one another from value 0 without gaps.
     *
     * @throws IllegalArgumentException if they do not, or there are none
     */
    public ValueLayout {
        segments = List.copyOf(segments);
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("a value layout needs at least one column");
        }
        int next = 0;
        for (Segment s : segments) {
            if (s.offset() != next) {
                throw new IllegalArgumentException("column '" + s.name() + "' starts at value " + s.offset()
                        + " but the columns before it end at " + next);
            }
            next += s.width();
        }
    }

    /**
     * Returns the number of values in an example.
     *
     * @return the sum of the segments' widths
     */
    public int values() {
        Segment last = segments.getLast();
        return last.offset() + last.width();
    }

    /**
     * Returns the number of continuous columns.
     *
     * @return how many segments are {@link Kind#CONTINUOUS}
     */
    public int continuousColumns() {
        return (int) segments.stream().filter(s -> s.kind() == Kind.CONTINUOUS).count();
    }
}
