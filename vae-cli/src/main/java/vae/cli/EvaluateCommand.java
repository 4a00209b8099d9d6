package vae.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
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
import vae.core.eval.EvaluationSummary;
import vae.core.eval.ExampleScorer;

/** {@code vae evaluate}: a trained model's ELBO, importance-sampled log-likelihood and latent usage on a data set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Evaluate a trained model on a data set: the -ELBO (reconstruction averaged over K samples of "
                + "q(z|x), KL in closed form), -log p(x) estimated with K importance samples (the IWAE bound of Burda "
                + "et al., in expectation an upper bound on -log p(x) that tightens as K grows), the reconstruction at z = mu, the "
                + "number of active latent units (Cov_x(E_q[z_u]) > 0.01) and the KL of each latent dimension; "
                + "all in nats per example, the -ELBO and -log p(x) also in bits per dimension (nats / (D ln 2), D the "
                + "values of one example). --json prints the same as one JSON object."})
final class EvaluateCommand extends DataCommand {
    @Mixin
    ExampleSelection selection;

    @Mixin
    ScoringOptions scoring;

    @Option(names = "--json", description = "Print the results as JSON instead of a table.")
    boolean json;

    @Override
    Path output() {
        return null;
    }

    @Override
    void validate() {
        selection.validate();
        scoring.validate();
    }

    @Override
    void run(TrainedVae m, PrintWriter out) throws IOException {
        Dataset d = selection.examples(m, dataset);
        EvaluationSummary summary = new EvaluationSummary(m.encoderLatentDim());
        long start = System.nanoTime();
        // The progress bar goes to stderr with --json, so stdout stays one JSON document.
        ProgressBar bar = ProgressBar.on(json ? spec.commandLine().getErr() : out, "evaluate");
        ExampleScorer scorer = scoring.scoreAll(m, d, bar, summary::add);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (json) {
            // Made here, not in a static field: picocli creates every command at start-up, and a mapper costs time.
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            out.println(mapper.writeValueAsString(toJson(mapper, m, d, summary, scorer.hasPosterior(), seconds)));
        } else {
            printTable(out, m, d, summary, scorer.hasPosterior(), seconds);
        }
    }

    private void printTable(PrintWriter out, TrainedVae m, Dataset d, EvaluationSummary s, boolean posterior, double seconds) {
        out.println(m.describe());
        out.printf(Locale.ROOT, "%,d %s examples (%s), %s, %.1f s%n", s.examples(), selection.split, d.name(),
                posterior ? scoring.samples + " importance samples each" : "no sampling", seconds);
        if (posterior) {
            int dims = m.dataShape().size();
            out.printf(Locale.ROOT, "  -ELBO            %9.2f  %.4f bits/dim  (recon %.2f over %d samples of q(z|x) + KL %.2f %s)%n",
                    s.negativeElbo(), EvaluationSummary.bitsPerDimension(s.negativeElbo(), dims), s.reconstruction(),
                    scoring.samples, s.kl(), m.klInClosedForm() ? "in closed form" : "estimated from the same samples");
            out.printf(Locale.ROOT, (m.conditionClasses() > 0 ? "  -log p(x|y) ~    " : "  -log p(x) ~      ")
                    + "%9.2f  %.4f bits/dim  (IWAE bound with k = %d, in expectation >= -log p(x%s); ELBO gap %.2f; D = %d)%n",
                    s.negativeLogLikelihood(),
                    EvaluationSummary.bitsPerDimension(s.negativeLogLikelihood(), dims), scoring.samples,
                    m.conditionClasses() > 0 ? "|y" : "", s.negativeElbo() - s.negativeLogLikelihood(), dims);
            if (m.hasClassifier()) {
                out.printf(Locale.ROOT, "  -log p(x) ~      %9.2f  %.4f bits/dim  (marginal: -log of the mean of p(x|y) over "
                                + "the %d classes, p(y) uniform, each by the IWAE bound with k = %d%s)%n",
                        s.marginalNegativeLogLikelihood(),
                        EvaluationSummary.bitsPerDimension(s.marginalNegativeLogLikelihood(), dims),
                        m.conditionClasses(), scoring.samples,
                        d.hasLabels() ? "" : "; the lines given y take the classifier's most probable class");
            }
        } else {
            out.printf("  variant %s has no posterior q(z|x) and no prior: the ELBO, log p(x), KL and active units are "
                    + "not defined for it%n", m.spec().variant());
        }
        out.printf(Locale.ROOT, "  recon at z=mu    %9.2f  (-log p(x|z=mu)); squared error %.2f%n", s.reconstructionAtMean(),
                s.squaredError());
        double[] byKind = s.reconstructionAtMeanByKind();
        if (byKind != null) {
            out.printf(Locale.ROOT, "    by column type: numeric %.2f, binary %.2f, categorical %.2f (nats per row)%n",
                    byKind[0], byKind[1], byKind[2]);
        }
        if (!posterior) {
            return;
        }
        out.printf(Locale.ROOT, "  active units     %6d of %d  (Var_x of E_q[z_u] > %.2f)%n", s.activeUnits(), s.latent(),
                EvaluationSummary.ACTIVE_THRESHOLD);
        boolean perDimension = m.klSplitsByDimension();
        out.println("  dim      KL  Var(mu)  active" + (perDimension ? ""
                : "   (KL: none per dimension with this prior or posterior)"));
        for (int j = 0; j < s.latent(); j++) {
            out.printf(Locale.ROOT, "  %3d  %6s  %7.4f  %s%n", j,
                    perDimension ? String.format(Locale.ROOT, "%.3f", s.klOfDimension(j)) : "-",
                    s.meanVarianceOfDimension(j), s.isActive(j) ? "yes" : "no");
        }
    }

    private ObjectNode toJson(ObjectMapper mapper, TrainedVae m, Dataset d, EvaluationSummary s, boolean posterior,
                              double seconds) {
        ObjectNode o = mapper.createObjectNode();
        o.put("checkpoint", m.file().toString());
        o.put("variant", m.spec().variant());
        o.put("model", m.spec().toString());
        o.put("epoch", m.metadata().epoch());
        o.put("data", d.name());
        o.put("split", selection.split);
        o.put("examples", s.examples());
        o.put("seconds", seconds);
        o.put("recon_at_mean", s.reconstructionAtMean());
        o.put("squared_error", s.squaredError());
        double[] byKind = s.reconstructionAtMeanByKind();
        if (byKind != null) {
            o.putObject("recon_at_mean_by_type").put("numeric", byKind[0]).put("binary", byKind[1])
                    .put("categorical", byKind[2]);
        }
        if (posterior) {
            o.put("iw_samples", scoring.samples);
            o.put("neg_elbo", s.negativeElbo());
            o.put("recon", s.reconstruction());
            o.put("kl", s.kl());
            o.put("neg_log_px", s.negativeLogLikelihood());
            int values = m.dataShape().size();
            o.put("dimensions", values);
            o.put("neg_elbo_bits_per_dim", EvaluationSummary.bitsPerDimension(s.negativeElbo(), values));
            o.put("neg_log_px_bits_per_dim", EvaluationSummary.bitsPerDimension(s.negativeLogLikelihood(), values));
            if (m.hasClassifier()) {
                o.put("neg_log_px_marginal", s.marginalNegativeLogLikelihood());
                o.put("neg_log_px_marginal_bits_per_dim",
                        EvaluationSummary.bitsPerDimension(s.marginalNegativeLogLikelihood(), values));
            }
            o.put("active_units", s.activeUnits());
            ArrayNode dims = o.putArray("latent_dimensions");
            for (int j = 0; j < s.latent(); j++) {
                ObjectNode dim = dims.addObject().put("index", j);
                if (m.klSplitsByDimension()) {
                    dim.put("kl", s.klOfDimension(j));
                } else {
                    dim.putNull("kl"); // a mixture prior's KL has no per-dimension parts
                }
                dim.put("mean_variance", s.meanVarianceOfDimension(j)).put("active", s.isActive(j));
            }
        }
        return o;
    }
}
