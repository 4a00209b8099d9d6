package vae.core.table;

/** What reading or encoding a table does with a row it cannot use (wrong field count, unparsable number, missing label...). */
public enum BadRowPolicy {
    /** Stop with a one-line {@link vae.core.data.DataException} naming the file, line and column. */
    FAIL,
    /** Leave the row out and count it. */
    SKIP
}
