package vae.core.table;

/**
 * Table rows as model vectors, made by {@link TableTransform#encode(Table, BadRowPolicy)}.
 *
 * @param values      {@code rows × width} values, row-major; NaN marks a missing entry (a whole one-hot block
 *                    for a missing category)
 * @param rows        the number of encoded rows
 * @param width       the vector width, {@link TableTransform#width()}
 * @param labels      per row the label as an index into {@link TableTransform#labelValues()}, or null when the
 *                    transform or the table has no label
 * @param tableRows   per encoded row the index of its row in the table (rows skipped as bad are absent)
 * @param skippedRows how many table rows were skipped as bad
 */
public record EncodedTable(float[] values, int rows, int width, int[] labels, int[] tableRows, int skippedRows) {
}
