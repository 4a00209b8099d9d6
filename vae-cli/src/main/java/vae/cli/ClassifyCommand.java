package vae.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vae.api.TrainedVae;
import vae.core.data.Dataset;
import vae.core.loss.SoftmaxCrossEntropy;

/** {@code vae classify}: q(y|x) of a semi-supervised model for every example, as CSV, with accuracy and confusion. */
@Command(name = "classify", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Classify the examples of a data set with a semi-supervised model's q(y|x) (trained with "
                + "--labels) and write one CSV line per example: index, label (when the data set has labels), "
                + "predicted, then p_0.. the class probabilities, with a header line. With labels, print the "
                + "accuracy and the confusion matrix (rows: true class, columns: predicted).")
final class ClassifyCommand extends DataCommand {
    private static final int BATCH = 500;

    @Mixin
    ExampleSelection selection;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "predictions.csv",
            description = "The CSV to write (- for standard output); default: ${DEFAULT-VALUE}.")
    Path output;

    @Override
    Path output() {
        return output;
    }

    @Override
    void validate() {
        selection.validate();
    }

    @Override
    void run(TrainedVae m, PrintWriter out) throws IOException {
        if (!m.hasClassifier()) {
            throw new UserError("this model has no classifier q(y|x): train one semi-supervised with --labels N");
        }
        SelectedRows rows = SelectedRows.of(m, dataset, selection.split.equals("train"), selection.limit,
                unseenAsMissing());
        Dataset d = rows.examples();
        int classes = m.conditionClasses();
        int[][] confusion = new int[classes][classes];
        int[] correct = {0};
        ProgressBar bar = ProgressBar.on(out, "classify");
        AtomicTextFile.write(target(), w -> {
            StringBuilder header = new StringBuilder("index");
            if (d.hasLabels()) {
                header.append(",label");
            }
            header.append(",predicted");
            for (int c = 0; c < classes; c++) {
                header.append(",p_").append(c);
            }
            w.write(header.append('\n').toString());
            int batches = (d.size() + BATCH - 1) / BATCH;
            for (int b = 0; b < batches; b++) {
                int from = b * BATCH;
                int count = Math.min(BATCH, d.size() - from);
                float[][] p = m.classProbabilities(d, from, count);
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    int predicted = SoftmaxCrossEntropy.argmax(p[i], 1, classes)[0]; // as the epoch error picks it
                    lines.append(from + i);
                    if (d.hasLabels()) {
                        int label = d.label(from + i);
                        lines.append(',').append(label);
                        if (label >= 0 && label < classes) {
                            confusion[label][predicted]++;
                        }
                        correct[0] += label == predicted ? 1 : 0;
                    }
                    lines.append(',').append(predicted);
                    for (float v : p[i]) {
                        lines.append(',').append(v);
                    }
                    lines.append('\n');
                }
                w.write(lines.toString());
                bar.step(b + 1, batches);
            }
        });
        bar.finish();
        out.printf("%s%nwrote %s: %d %s, q(y|x) over %d classes%n", m.describe(), output, d.size(),
                selection.split + " examples", classes);
        if (d.hasLabels() && d.size() > 0) {
            out.printf(Locale.ROOT, "accuracy %.4f (error %.2f%%), %d of %d%n", correct[0] / (double) d.size(),
                    100.0 * (d.size() - correct[0]) / d.size(), correct[0], d.size());
            printConfusion(out, confusion);
        }
    }

    /** Rows: true class; columns: predicted. */
    static void printConfusion(PrintWriter out, int[][] confusion) {
        int classes = confusion.length;
        int width = 5;
        for (int[] row : confusion) {
            for (int v : row) {
                width = Math.max(width, Integer.toString(v).length() + 1);
            }
        }
        StringBuilder b = new StringBuilder("confusion (rows: true, columns: predicted)\n");
        b.append(" ".repeat(6));
        for (int c = 0; c < classes; c++) {
            b.append(String.format(Locale.ROOT, "%" + width + "d", c));
        }
        b.append('\n');
        for (int t = 0; t < classes; t++) {
            b.append(String.format(Locale.ROOT, "%5d ", t));
            for (int c = 0; c < classes; c++) {
                b.append(String.format(Locale.ROOT, "%" + width + "d", confusion[t][c]));
            }
            b.append('\n');
        }
        out.print(b);
    }
}
