package vae.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vae.core.data.Dataset;

/** {@code vae encode}: q(z|x) of every example, as CSV. */
@Command(name = "encode", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Encode the examples of a data set and write one CSV line per example: index, label (when the "
                + "data set has labels), mu_0.. and logvar_0.. of q(z|x), with a header line.")
final class EncodeCommand implements Callable<Integer> {
    private static final int BATCH = 500;

    @Spec
    CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Mixin
    DataOptions data;

    @Mixin
    ExampleSelection selection;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "latents.csv", description = "The CSV to write; default: ${DEFAULT-VALUE}.")
    Path output;

    @Override
    public Integer call() throws IOException {
        model.checkOutput(output);
        selection.validate();
        TrainedModel m = model.load();
        Dataset d = selection.examples(m, data.dataset);
        int k = m.variant().latentDim();
        ModelInference inference = m.inference();
        float[] mu = new float[BATCH * k];
        float[] logvar = new float[BATCH * k];
        ProgressBar bar = ProgressBar.on(spec.commandLine().getOut(), "encode");
        AtomicTextFile.write(output, w -> {
            w.write(header(k, d.hasLabels()));
            int batches = (d.size() + BATCH - 1) / BATCH;
            for (int b = 0; b < batches; b++) {
                int from = b * BATCH;
                int count = Math.min(BATCH, d.size() - from);
                inference.encode(d, from, count, mu, logvar);
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    lines.append(from + i);
                    if (d.hasLabels()) {
                        lines.append(',').append(d.label(from + i));
                    }
                    appendRow(lines, mu, i * k, k);
                    appendRow(lines, logvar, i * k, k);
                    lines.append('\n');
                }
                w.write(lines.toString());
                bar.step(b + 1, batches);
            }
        });
        bar.finish();
        spec.commandLine().getOut().printf("%s%nwrote %s: %d %s examples, %d latent dimensions (mu and logvar)%n",
                m.describe(), output, d.size(), selection.split, k);
        return 0;
    }

    static String header(int k, boolean labels) {
        StringBuilder h = new StringBuilder("index");
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

    private static void appendRow(StringBuilder b, float[] values, int from, int k) {
        for (int j = 0; j < k; j++) {
            b.append(',').append(values[from + j]); // shortest decimal that reads back as the same float
        }
    }
}
