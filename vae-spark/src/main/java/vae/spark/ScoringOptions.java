package vae.spark;

import java.io.Serializable;

/**
 * How {@link VaeSpark} scores and encodes: importance samples, seed, the id column, the batch
 * size, the backend, and what an unseen category of a table is. Immutable; start from {@link #defaults()}.
 *
 * <pre>{@code
 * ScoringOptions.defaults().samples(100).idColumn("id")
 * }</pre>
 */
public final class ScoringOptions implements Serializable {
    private static final long serialVersionUID = 1L;
    /** Far beyond the 5000 of Burda et al. (the CLI's limit too). */
    static final int MAX_SAMPLES = 1_000_000;

    private final int samples;
    private final Long seed;
    private final String idColumn;
    private final int batchSize;
    private final String backend;
    private final int threads;
    private final boolean unseenAsMissing;

    private ScoringOptions(int samples, Long seed, String idColumn, int batchSize, String backend, int threads,
                           boolean unseenAsMissing) {
        this.samples = samples;
        this.seed = seed;
        this.idColumn = idColumn;
        this.batchSize = batchSize;
        this.backend = backend;
        this.threads = threads;
        this.unseenAsMissing = unseenAsMissing;
    }

    /** k = 100, the run's seed, ids from the row numbers, batches of 256 rows, the fastest backend on 1 thread. */
    public static ScoringOptions defaults() {
        return new ScoringOptions(100, null, null, 256, null, 1, false);
    }

    /** Importance samples per example for −log p(x) and the ELBO's reconstruction term (1..1,000,000). */
    public ScoringOptions samples(int k) {
        if (k < 1 || k > MAX_SAMPLES) {
            throw new IllegalArgumentException("the importance samples (-k) must be in 1.." + MAX_SAMPLES + ", got " + k);
        }
        return new ScoringOptions(k, seed, idColumn, batchSize, backend, threads, unseenAsMissing);
    }

    /** The seed of the importance samples; by default the seed of the run that trained the model. */
    public ScoringOptions seed(long seed) {
        return new ScoringOptions(samples, seed, idColumn, batchSize, backend, threads, unseenAsMissing);
    }

    /**
     * The integral column that identifies each row, kept in the output and picking the row's
     * importance samples: with the row's number in the data set as id, the scores are those of
     * {@code vae score} on the same rows, bit for bit. Without one (null), rows are numbered from 0
     * in the DataFrame's order, which then must be deterministic (files read as they are, not a
     * shuffle), and the output has a column {@code index}.
     */
    public ScoringOptions idColumn(String column) {
        return new ScoringOptions(samples, seed, column, batchSize, backend, threads, unseenAsMissing);
    }

    /** Rows scored together by the backend (scores do not depend on it). */
    public ScoringOptions batchSize(int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("the batch size must be at least 1, got " + rows);
        }
        return new ScoringOptions(samples, seed, idColumn, rows, backend, threads, unseenAsMissing);
    }

    /** The backend by name ({@code simd}, {@code scalar}), or null for the fastest on each executor. */
    public ScoringOptions backend(String name) {
        return new ScoringOptions(samples, seed, idColumn, batchSize, name, threads, unseenAsMissing);
    }

    /** Threads of the backend per task (default 1: Spark runs a task per core); results do not depend on it. */
    public ScoringOptions threads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("the threads per task must be at least 1, got " + n);
        }
        return new ScoringOptions(samples, seed, idColumn, batchSize, backend, n, unseenAsMissing);
    }

    /**
     * For a table model read from its raw columns: whether a category never seen in training counts
     * as a missing value of its row (scored on its other columns) instead of failing the job, as
     * {@code vae score --unseen missing}. Default false.
     */
    public ScoringOptions unseenAsMissing(boolean missing) {
        return new ScoringOptions(samples, seed, idColumn, batchSize, backend, threads, missing);
    }

    public int samples() {
        return samples;
    }

    /** The seed given, or null for the run's. */
    public Long seed() {
        return seed;
    }

    /** The id column, or null to number the rows. */
    public String idColumn() {
        return idColumn;
    }

    public int batchSize() {
        return batchSize;
    }

    /** The backend's name, or null for the fastest. */
    public String backend() {
        return backend;
    }

    public int threads() {
        return threads;
    }

    /** Whether an unseen category is a missing value ({@link #unseenAsMissing(boolean)}). */
    public boolean unseenAsMissing() {
        return unseenAsMissing;
    }
}
