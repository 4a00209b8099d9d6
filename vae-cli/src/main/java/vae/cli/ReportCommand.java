package vae.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vae.api.Checkpoints;
import vae.api.History;
import vae.core.checkpoint.CheckpointMetadata;
import vae.core.checkpoint.SafetensorsReader;
import vae.report.HtmlReport;

/** {@code vae report DIR [DIR2 …]}: one self-contained HTML page about one run, or several overlaid. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write one self-contained HTML file (no network needed; it can be mailed) about a training "
                + "run: its settings and data, the loss curves (hover for values), an evaluation on the test set, the "
                + "sample, reconstruction and interpolation pictures, the latent map and the KL per dimension; for a "
                + "table, each column's reconstruction error and real-vs-synthetic histograms. Give two or more run "
                + "directories to overlay their curves and compare them side by side."})
final class ReportCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "DIR", arity = "1..*",
            description = "Run directories (the --out of vae train: model.safetensors and history.jsonl).")
    List<Path> dirs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "The HTML file to write; default: report.html in the first DIR.")
    Path output;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000",
            description = "Test examples to evaluate and map; default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = {"-k", "--iw-samples"}, paramLabel = "K", defaultValue = "100",
            description = "Importance samples per example for -log p(x); default: ${DEFAULT-VALUE}.")
    int k;

    @Override
    public Integer call() throws IOException {
        if (limit < 2) {
            throw new UserError("--limit must be at least 2 test examples, got " + limit);
        }
        if (k < 1 || k > 100_000) {
            throw new UserError("-k must be in 1..100000 importance samples, got " + k);
        }
        List<Path> inputs = new ArrayList<>();
        for (Path dir : dirs) {
            Path model = dir.resolve(Checkpoints.MODEL_FILE);
            if (!Files.isDirectory(dir) || !Files.isRegularFile(model)) {
                throw new UserError(dir + " is not a training run's directory (no " + Checkpoints.MODEL_FILE
                        + " in it); pass the --out directory of a vae train run");
            }
            CheckpointMetadata.fromMap(model, SafetensorsReader.readMetadata(model)); // named before any work
            inputs.addAll(OutputGuard.checkpointPair(model));
            inputs.add(History.fileIn(dir));
        }
        Path target = output != null ? output : dirs.getFirst().resolve(HtmlReport.FILE);
        OutputGuard.check("-o", target, inputs, "an .html file");
        if (Files.isDirectory(target)) {
            throw new UserError("-o " + target + " is a directory; name an .html file");
        }
        HtmlReport.of(dirs).limit(limit).importanceSamples(k).write(target);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + target + " (" + Files.size(target) / 1024 + " KiB): open it in a browser");
        return 0;
    }
}
