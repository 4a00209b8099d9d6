package vae.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import vae.api.TableRows;
import vae.api.TrainedVae;
import vae.core.io.AtomicFiles;
import vae.core.table.Table;
import vae.core.table.TableColumn;
import vae.core.table.TableTransform;
import vae.core.table.TableWriter;

/** {@code vae impute}: a table with its missing values filled by the model. */
@Command(name = "impute", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Fill the missing values of a table with a model trained on such rows (MIWAE single imputation: "
                + "K samples of q(z|observed values), self-normalised importance weights, then for a number the "
                + "weighted conditional mean and for a category the most probable one). Observed values, the label "
                + "and columns the model does not use are written as read; columns the training run ignored are "
                + "left out. The CSV keeps the input's column order."})
final class ImputeCommand extends ModelCommand {
    @Option(names = {"-i", "--input"}, paramLabel = "FILE", required = true,
            description = "The table with gaps (a missing value: an empty field, NA, NaN or ?, or the run's --missing tokens).")
    Path input;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The filled CSV to write (- for standard output).")
    Path output;

    @Option(names = {"-k", "--iw-samples"}, paramLabel = "K", defaultValue = "100",
            description = "Importance samples per row; default: ${DEFAULT-VALUE}.")
    int samples;

    @Mixin
    UnseenOption unseen;

    @Override
    Path output() {
        return output;
    }

    @Override
    String dataset() {
        return input.toString();
    }

    @Override
    void validate() {
        if (samples < 1 || samples > ScoringOptions.MAX_SAMPLES) {
            throw new UserError("--iw-samples must be in 1.." + ScoringOptions.MAX_SAMPLES + ", got " + samples);
        }
        unseen.asMissing(); // checks the value before the model loads
    }

    @Override
    void run(TrainedVae m, PrintWriter out) throws IOException {
        TableTransform transform = m.table().orElseThrow(() -> new UserError("impute fills the gaps of a table, and "
                + m.file() + " is a model of images; pass a model trained on a CSV table"));
        TableRows rows = m.tableRows(input, 0, unseen.asMissing());
        float[] encoded = rows.examples().features();
        float[][] filled;
        try {
            filled = m.impute(rows.examples(), samples);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        Table table = rows.table();
        Map<String, Integer> modelled = new HashMap<>();
        for (int c = 0; c < transform.layout().size(); c++) {
            modelled.put(transform.layout().get(c).name(), c);
        }
        List<String> header = new ArrayList<>();
        for (String name : table.header()) {
            if (table.column(name) != null || name.equals(table.labelColumn())) {
                header.add(name);
            }
        }
        long[] imputed = {0};
        AtomicFiles.write(target(), stream -> {
            TableWriter w = TableWriter.open(stream, header);
            for (int i = 0; i < filled.length; i++) {
                int r = rows.tableRows()[i];
                String[] decoded = transform.decode(filled[i]);
                List<String> fields = new ArrayList<>(header.size());
                for (String name : header) {
                    if (name.equals(table.labelColumn())) {
                        fields.add(table.label(r));
                        continue;
                    }
                    TableColumn c = table.column(name);
                    Integer at = modelled.get(name);
                    // missing in the model's view: a missing value, or (with --unseen missing) an unseen category
                    if (at != null && Float.isNaN(encoded[i * transform.width() + transform.layout().get(at).offset()])) {
                        fields.add(decoded[at]);
                        imputed[0]++;
                    } else {
                        String text = c.text(r);
                        fields.add(text == null ? "" : text);
                    }
                }
                w.writeRow(fields);
            }
            w.close();
        });
        out.printf(Locale.ROOT, "%s%nwrote %s: %d rows, %d missing values filled (MIWAE, %d importance samples)%n",
                m.describe(), output, filled.length, imputed[0], samples);
    }
}
