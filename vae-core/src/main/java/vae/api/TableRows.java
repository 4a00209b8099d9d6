package vae.api;

import java.util.List;
import vae.core.data.Dataset;
import vae.core.table.Table;

/**
 * Rows of a table read for a trained model: as model vectors in the model's transform, with the
 * table they came from and, when it has the model's label column, their label values.
 *
 * @param examples   the rows as model vectors (NaN where missing), labelled with indices into {@code labelNames}
 * @param labelNames the label values of the rows' table, or an empty list when it has no label column
 * @param table      the rows as read (for their source lines and original text)
 * @param tableRows  for each example, its row in {@code table} (rows skipped as bad are absent)
 */
public record TableRows(Dataset examples, List<String> labelNames, Table table, int[] tableRows) {

    /** The label value of example {@code i}; null when the rows have no labels. */
    public String label(int i) {
        return examples.hasLabels() ? labelNames.get(examples.label(i)) : null;
    }

    /** The 1-based line of example {@code i} in its file. */
    public int line(int i) {
        return table.line(tableRows[i]);
    }
}
