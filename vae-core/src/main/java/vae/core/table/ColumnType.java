package vae.core.table;

/** What kind of values a table column holds, and so how it is encoded for a model. */
public enum ColumnType {
    /** Finite numbers; encoded as one standardised value. */
    NUMERIC,
    /** Exactly two values (numbers or words); encoded as one value in {0, 1}. */
    BINARY,
    /** A set of named categories; encoded one-hot. */
    CATEGORICAL
}
