package vae.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vae.api.TrainedVae;
import vae.core.data.Dataset;
import vae.core.eval.RankingMetrics;
import vae.core.eval.ScoredBatch;

/** {@code vae score}: a per-example anomaly score, as CSV, and how well it ranks known anomalies. */
@Command(name = "score", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Score every example of a data set (images, or the rows of a table) for anomaly detection and "
                + "write one CSV line per example: index, line (the row's line, for a table file given with "
                + "--dataset), label (when the data set has labels), neg_log_px (-log p(x) from K importance samples, "
                + "the score to rank by: higher is more anomalous), neg_elbo, recon and kl (the ELBO's terms), "
                + "recon_at_mean (-log p(x|z=mu)) and squared_error (sum of (x - E[x|z=mu])^2 over the observed "
                + "values); for a semi-supervised model (M2), neg_log_px_marginal (-log p(x) summed over the "
                + "classes, K samples each). All in nats except squared_error. A model without a posterior (ae) gets only recon_at_mean "
                + "and squared_error. With --positive-label or --normal-label, also prints the AUROC and average "
                + "precision of each score."})
final class ScoreCommand extends DataCommand {

    @Mixin
    ExampleSelection selection;

    @Mixin
    ScoringOptions scoring;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "scores.csv", description = "The CSV to write (- for standard output); default: ${DEFAULT-VALUE}.")
    Path output;

    @Option(names = "--positive-label", paramLabel = "VALUE",
            description = "The label of the anomalies: rank the scores against it (AUROC, average precision).")
    String positiveLabel;

    @Option(names = "--normal-label", paramLabel = "VALUE",
            description = "The label of the normal examples: every other label is an anomaly (one-class protocol).")
    String normalLabel;

    @Option(names = "--json", description = "Print the summary (and the ranking metrics) as one JSON object.")
    boolean json;

    @Override
    Path output() {
        return output;
    }

    @Override
    void validate() {
        selection.validate();
        scoring.validate();
        if (positiveLabel != null && normalLabel != null) {
            throw new UserError("--positive-label and --normal-label say the same thing two ways; give one");
        }
    }

    @Override
    void run(TrainedVae m, PrintWriter out) throws IOException {
        SelectedRows rows = SelectedRows.of(m, dataset, selection.split.equals("train"), selection.limit,
                unseenAsMissing());
        Dataset d = rows.examples();
        boolean[] positive = positives(rows);
        boolean marginal = m.hasClassifier();
        double[][] ranked = {new double[d.size()], new double[d.size()], new double[d.size()], new double[d.size()]};
        ProgressBar bar = ProgressBar.on(json ? spec.commandLine().getErr() : out, "score");
        boolean[] posterior = {true};
        AtomicTextFile.write(target(), w -> {
            w.write("index,");
            w.write(rows.lines() != null ? "line," : "");
            w.write(d.hasLabels() ? "label," : "");
            w.write("neg_log_px,neg_elbo,recon,kl,recon_at_mean,squared_error" + (marginal ? ",neg_log_px_marginal\n" : "\n"));
            posterior[0] = scoring.scoreAll(m, d, bar, s -> w.write(lines(s, rows, ranked, marginal))).hasPosterior();
        });
        String which = rows.lines() != null ? "rows of " + dataset : selection.split + " examples";
        String what = String.format(Locale.ROOT, "%d %s, %s", d.size(), which, posterior[0]
                ? (marginal ? "-log p(x|y) given each example's label (or the classifier's, without labels) and the "
                + "marginal -log p(x) over the " + m.conditionClasses() + " classes"
                : m.conditionClasses() > 0 ? "-log p(x|y) given each example's label" : "-log p(x)") + " with "
                + scoring.samples + " importance samples"
                : "reconstruction only (variant " + m.spec().variant() + " has no posterior, so no ELBO or log p(x))");
        if (json) {
            ObjectNode summary = new ObjectMapper().createObjectNode();
            summary.put("file", output.toString());
            summary.put("examples", d.size());
            summary.put("iw_samples", scoring.samples);
            if (positive != null) {
                summary.put("positives", count(positive));
                rank(ranked, positive, posterior[0], marginal, (name, auroc, ap) -> {
                    ObjectNode n = summary.putObject(name);
                    n.put("auroc", auroc);
                    n.put("average_precision", ap);
                });
            }
            out.println(summary);
            return;
        }
        out.printf(Locale.ROOT, "%s%nwrote %s: %s%n", m.describe(), output, what);
        if (positive != null) {
            out.printf(Locale.ROOT, "anomalies: %d of %d (%s)%n", count(positive), d.size(), positiveLabel != null
                    ? "label " + positiveLabel : "every label but " + normalLabel);
            rank(ranked, positive, posterior[0], marginal, (name, auroc, ap) -> out.printf(Locale.ROOT,
                    "  %-14s AUROC %.4f  average precision %.4f%n", name, auroc, ap));
        }
    }

    /** Receives one score's ranking metrics. */
    @FunctionalInterface
    private interface RankingSink {
        void accept(String score, double auroc, double averagePrecision);
    }

    private static void rank(double[][] ranked, boolean[] positive, boolean posterior, boolean marginal,
                             RankingSink sink) {
        String[] names = {"neg_log_px", "recon_at_mean", "squared_error", "neg_log_px_marginal"};
        for (int s = posterior ? 0 : 1; s < (marginal ? 4 : 3); s++) {
            sink.accept(names[s], RankingMetrics.auroc(ranked[s], positive),
                    RankingMetrics.averagePrecision(ranked[s], positive));
        }
    }

    /** Which examples are anomalies, by the label options; null without them. */
    private boolean[] positives(SelectedRows rows) {
        String given = positiveLabel != null ? positiveLabel : normalLabel;
        if (given == null) {
            return null;
        }
        String option = positiveLabel != null ? "--positive-label" : "--normal-label";
        Dataset d = rows.examples();
        if (!d.hasLabels()) {
            throw new UserError(option + " needs labels, and these examples have none; for a table, train with "
                    + "--label-column and score a file that has that column");
        }
        if (!rows.labels().contains(given)) {
            throw new UserError(option + " " + given + " is not a label of these examples; their labels: "
                    + String.join(", ", rows.labels()));
        }
        boolean[] positive = new boolean[d.size()];
        for (int i = 0; i < positive.length; i++) {
            positive[i] = rows.label(i).equals(given) == (positiveLabel != null);
        }
        long n = count(positive);
        if (n == 0 || n == positive.length) {
            throw new UserError(option + " " + given + " leaves " + (n == 0 ? "no anomalies" : "no normal examples")
                    + " among the " + positive.length + " examples scored; score examples of both kinds");
        }
        return positive;
    }

    private static long count(boolean[] positive) {
        long n = 0;
        for (boolean p : positive) {
            n += p ? 1 : 0;
        }
        return n;
    }

    private static String lines(ScoredBatch s, SelectedRows rows, double[][] ranked, boolean marginal) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.count(); i++) {
            int index = s.from() + i;
            b.append(index);
            if (rows.lines() != null) {
                b.append(',').append(rows.lines()[index]);
            }
            if (rows.examples().hasLabels()) {
                b.append(',').append(csvField(rows.label(index)));
            }
            b.append(',').append(number(s.negativeLogLikelihood(i)))
                    .append(',').append(number(s.negativeElbo(i)))
                    .append(',').append(number(s.reconstruction(i)))
                    .append(',').append(number(s.kl(i)))
                    .append(',').append(number(s.reconstructionAtMean(i)))
                    .append(',').append(number(s.squaredError(i)));
            if (marginal) {
                b.append(',').append(number(s.marginalNegativeLogLikelihood(i)));
                ranked[3][index] = s.marginalNegativeLogLikelihood(i);
            }
            b.append('\n');
            ranked[0][index] = s.negativeLogLikelihood(i);
            ranked[1][index] = s.reconstructionAtMean(i);
            ranked[2][index] = s.squaredError(i);
        }
        return b.toString();
    }

    /** A label as one CSV field: quoted when it holds a comma, quote or line break. */
    static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** Six decimals, or empty for a value the model does not define. */
    private static String number(double v) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
    }
}
