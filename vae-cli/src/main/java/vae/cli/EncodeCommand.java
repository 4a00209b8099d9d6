package vae.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vae.api.Encoded;
import vae.api.TrainedVae;
import vae.core.data.Dataset;

/** {@code vae encode}: q(z|x) of every example, as CSV. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Encode the examples of a data set (images, or the rows of a table) and write one CSV line per "
                + "example: index, line (for a table file given with --dataset), label (when the data set has labels), "
                + "mu_0.. and logvar_0.. of q(z|x), with a header line.")
final class EncodeCommand extends DataCommand {
    private static final int BATCH = 500;


    @Mixin
    ExampleSelection selection;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "latents.csv", description = "The CSV to write (- for standard output); default: ${DEFAULT-VALUE}.")
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
        SelectedRows rows = SelectedRows.of(m, dataset, selection.split.equals("train"), selection.limit,
                unseenAsMissing());
        Dataset d = rows.examples();
        int k = m.encoderLatentDim();
        ProgressBar bar = ProgressBar.on(out, "encode");
        AtomicTextFile.write(target(), w -> {
            w.write(header(k, rows.lines() != null, d.hasLabels()));
            int batches = (d.size() + BATCH - 1) / BATCH;
            for (int b = 0; b < batches; b++) {
                int from = b * BATCH;
                int count = Math.min(BATCH, d.size() - from);
                Encoded q = m.encode(d, from, count);
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    lines.append(from + i);
                    if (rows.lines() != null) {
                        lines.append(',').append(rows.lines()[from + i]);
                    }
                    if (d.hasLabels()) {
                        lines.append(',').append(ScoreCommand.csvField(rows.label(from + i)));
                    }
                    appendRow(lines, q.mean()[i]);
                    appendRow(lines, q.logVariance()[i]);
                    lines.append('\n');
                }
                w.write(lines.toString());
                bar.step(b + 1, batches);
            }
        });
        bar.finish();
        out.printf("%s%nwrote %s: %d %s, %d latent dimensions (mu and logvar)%n", m.describe(), output, d.size(),
                rows.lines() != null ? "rows of " + dataset : selection.split + " examples", k);
    }

    static String header(int k, boolean lines, boolean labels) {
        StringBuilder h = new StringBuilder("index");
        if (lines) {
            h.append(",line");
        }
        if (labels) {
            h.append(",label");
        }
        for (String prefix : new String[] {"mu_", "logvar_"}) {
            for (int j = 0; j < k; j++) {
                h.append(',').append(prefix).append(j);
            }
        }
        return h.append('\n').toString();
    }

    private static void appendRow(StringBuilder b, float[] values) {
        for (float v : values) {
            b.append(',').append(v); // shortest decimal that reads back as the same float
        }
    }
}
