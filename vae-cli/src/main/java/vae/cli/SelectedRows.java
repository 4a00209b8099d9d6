package vae.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import vae.api.TableRows;
import vae.api.TrainedVae;
import vae.core.data.Dataset;
import vae.core.data.DatasetCatalog;
import vae.core.data.ImageFolderReader;
import vae.core.data.ImageFolderSource;

/**
 * The examples a command on a model reads, with what a user needs to find them again: the label
 * of each as text (a digit, or a table's label value) and, for rows of a file given on the
 * command line, its line in that file.
 *
 * @param examples the examples, shaped (and for images binarised) as in training
 * @param labels   the label values a label code stands for (empty when unlabelled)
 * @param lines    per example its 1-based line in the file, or null when read from the model's own split
 */
record SelectedRows(Dataset examples, List<String> labels, int[] lines) {

    /** Selected examples of {@code spec} (null: the model's data set): its training or test part, at most {@code limit} (0: all). */
    static SelectedRows of(TrainedVae m, String spec, boolean train, int limit, boolean unseenAsMissing) {
        if (m.table().isPresent() && spec != null) {
            TableRows rows = m.tableRows(Path.of(spec), limit, unseenAsMissing);
            int[] lines = new int[rows.examples().size()];
            for (int i = 0; i < lines.length; i++) {
                lines[i] = rows.line(i);
            }
            return new SelectedRows(rows.examples(), rows.labelNames(), lines);
        }
        Dataset d = ModelCommand.split(m, spec, train, limit);
        List<String> labels = new ArrayList<>();
        if (m.table().isPresent()) {
            labels.addAll(m.table().get().labelValues());
        } else if (d.hasLabels() && imageFolder(m, spec) != null) {
            labels.addAll(ImageFolderReader.classNames(imageFolder(m, spec)));
        } else if (d.hasLabels()) {
            int max = 0;
            for (int i = 0; i < d.size(); i++) {
                max = Math.max(max, d.label(i));
            }
            for (int v = 0; v <= max; v++) {
                labels.add(Integer.toString(v));
            }
        }
        return new SelectedRows(d, labels, null);
    }

    /** The folder of images the examples come from, or null when they are not a folder's. */
    private static Path imageFolder(TrainedVae m, String spec) {
        String s = spec != null ? spec : m.metadata().run().dataset();
        if (ImageFolderSource.isSpec(s)) {
            return ImageFolderSource.parse(s).directory();
        }
        Path dir = Path.of(s);
        return DatasetCatalog.isImageFolder(dir) ? dir : null;
    }

    /** The label of example {@code i} as text, or null. */
    String label(int i) {
        return examples.hasLabels() ? labels.get(examples.label(i)) : null;
    }
}
