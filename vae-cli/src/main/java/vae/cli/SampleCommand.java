package vae.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vae.api.Pictures;
import vae.api.TrainedVae;
import vae.core.io.AtomicFiles;
import vae.core.table.TableTransform;
import vae.core.table.TableWriter;

/** {@code vae sample}: images decoded from z ~ p(z). */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Decode latents drawn from the prior z ~ p(z) and write the images (the mean of p(x|z)) "
                + "as a PNG grid. With the run's seed, the first 64 are the latents of the run's sample_<epoch>.png. "
                + "For a conditional model (trained with --conditional), -n images of class --label, or without "
                + "--label its class-by-z grid: one row per class, the same --per-row latents in every row (-n does "
                + "not apply). "
                + "For a table model, write -n rows drawn from p(x|z) as CSV, in original units and categories.")
final class SampleCommand extends ModelCommand {
    @Option(names = "-n", paramLabel = "N", defaultValue = "64", description = "How many samples; default: ${DEFAULT-VALUE}.")
    int count;

    @Option(names = "--per-row", paramLabel = "N", defaultValue = "8", description = "Images per grid row; default: ${DEFAULT-VALUE}.")
    int perRow;

    @Option(names = "--label", paramLabel = "N",
            description = "For a conditional model: the class to draw (0..classes-1); default: one row of each class.")
    Integer label;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the latents; default: the seed of the training run.")
    Long seed;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "The PNG to write, or for a table model the CSV of rows (- for standard output); default: "
                    + "samples.png, or samples.csv for a table model.")
    Path output;

    @Override
    Path output() {
        return output != null ? output : Path.of("samples.png");
    }

    @Override
    void validate() {
        if (count < 1 || count > MAX_ROWS || perRow < 1) {
            throw new UserError("-n must be in 1.." + MAX_ROWS + " and --per-row at least 1, got " + count + " and "
                    + perRow);
        }
    }

    /** The most rows of a table drawn at once (their draws are held in memory). */
    static final int MAX_ROWS = 1_000_000;

    @Override
    void run(TrainedVae m, PrintWriter out) throws IOException {
        if (!m.canSample()) {
            throw new UserError("variant '" + m.spec().variant() + "' cannot sample: it has no prior over its latents "
                    + "(it is not a generative model); use reconstruct, interpolate or traverse instead");
        }
        long s = seed == null ? m.metadata().run().seed() : seed;
        if (m.table().isPresent()) {
            writeRows(m, s, out);
            return;
        }
        if (count > 4096) {
            throw new UserError("-n must be in 1..4096 for a grid of images, got " + count);
        }
        int classes = m.conditionClasses();
        if (label != null && classes == 0) {
            throw new UserError("--label needs a conditional model (trained with --conditional); drop --label");
        }
        if (label != null && (label < 0 || label >= classes)) {
            throw new UserError("--label " + label + " is not one of the model's " + classes + " classes (0.."
                    + (classes - 1) + ")");
        }
        if (classes > 0 && label == null) {
            if ((long) classes * perRow > 4096) {
                throw new UserError("the class-by-z grid of " + classes + " classes by --per-row " + perRow + " would be "
                        + (long) classes * perRow + " images; keep it to 4096 (--per-row " + Math.max(1, 4096 / classes)
                        + " at most), or draw one class with --label");
            }
            Pictures.writeClassGrid(m, perRow, s, target());
            out.printf("%s%nwrote %s: the class-by-z grid, %d classes by %d latents z ~ p(z) (%s, seed %d), one "
                    + "class per row%n", m.describe(), output(), classes, perRow, m.spec().prior().name(), s);
            return;
        }
        if (label != null) {
            Pictures.writeSamples(m, count, perRow, s, label, target());
            out.printf("%s%nwrote %s: %d samples of class %d, z ~ p(z) (%s, seed %d), %d per row%n", m.describe(),
                    output(), count, label, m.spec().prior().name(), s, Math.min(perRow, count));
            return;
        }
        Pictures.writeSamples(m, count, perRow, s, target());
        out.printf("%s%nwrote %s: %d samples of z ~ p(z) (%s, seed %d), %d per row%n", m.describe(), output(), count,
                m.spec().prior().name(), s, Math.min(perRow, count));
    }

    /** Synthetic rows: z ~ p(z), each column drawn from p(x|z), in original units and category names. */
    private void writeRows(TrainedVae m, long s, PrintWriter out) throws IOException {
        Path file = target();
        if (output == null) {
            file = Path.of("samples.csv");
            model.checkOutput(file, null);
        }
        TableTransform transform = m.table().orElseThrow();
        float[][] rows = m.sampleRows(count, s);
        List<String> header = transform.layout().stream().map(TableTransform.EncodedColumn::name).toList();
        AtomicFiles.write(file, stream -> {
            TableWriter w = TableWriter.open(stream, header);
            for (float[] row : rows) {
                w.writeRow(transform.decode(row));
            }
            w.close();
        });
        out.printf(Locale.ROOT, "%s%nwrote %s: %d rows drawn from p(x|z) with z ~ p(z) (%s, "
                + "seed %d), in original units and categories%n", m.describe(), output == null ? file : output, count,
                m.spec().prior().name(), s);
    }
}
