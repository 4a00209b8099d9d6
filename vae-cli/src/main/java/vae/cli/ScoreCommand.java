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
import vae.core.eval.ScoredBatch;

/** {@code vae score}: a per-example anomaly score, as CSV. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score every example of a data set for anomaly detection and write one CSV line per example: "
                + "index, label (when the data set has labels), neg_log_px (-log p(x) from K importance samples, the "
                + "score to rank by: higher is more anomalous), neg_elbo, recon and kl (the ELBO's terms), "
                + "recon_at_mean (-log p(x|z=mu)) and squared_error (sum of (x - E[x|z=mu])^2). All in nats except "
                + "squared_error. A model without a posterior (ae) gets only recon_at_mean and squared_error."})
final class ScoreCommand extends DataCommand {

    @Mixin
    ExampleSelection selection;

    @Mixin
    ScoringOptions scoring;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "scores.csv", description = "The CSV to write (- for standard output); default: ${DEFAULT-VALUE}.")
    Path output;

    @Override
    Path output() {
        return output;
    }

    @Override
    void validate() {
        selection.validate();
        scoring.validate();
    }

    @Override
    void run(TrainedVae m, PrintWriter out) throws IOException {
        Dataset d = selection.examples(m, dataset);
        ProgressBar bar = ProgressBar.on(out, "score");
        boolean[] posterior = {true};
        AtomicTextFile.write(target(), w -> {
            w.write(d.hasLabels() ? "index,label," : "index,");
            w.write("neg_log_px,neg_elbo,recon,kl,recon_at_mean,squared_error\n");
            posterior[0] = scoring.scoreAll(m, d, bar, s -> w.write(lines(s, d))).hasPosterior();
        });
        out.printf(Locale.ROOT, "%s%nwrote %s: %d %s examples, %s%n", m.describe(), output,
                d.size(), selection.split, posterior[0]
                        ? "-log p(x) with " + scoring.samples + " importance samples"
                        : "reconstruction only (variant " + m.spec().variant() + " has no posterior, so no ELBO or log p(x))");
    }

    private static String lines(ScoredBatch s, Dataset d) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.count(); i++) {
            int index = s.from() + i;
            b.append(index);
            if (d.hasLabels()) {
                b.append(',').append(d.label(index));
            }
            b.append(',').append(number(s.negativeLogLikelihood(i)))
                    .append(',').append(number(s.negativeElbo(i)))
                    .append(',').append(number(s.reconstruction(i)))
                    .append(',').append(number(s.kl(i)))
                    .append(',').append(number(s.reconstructionAtMean(i)))
                    .append(',').append(number(s.squaredError(i)))
                    .append('\n');
        }
        return b.toString();
    }

    /** Six decimals, or empty for a value the model does not define. */
    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }
}
