package vae.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import vae.core.io.AtomicFiles;

/**
 * One self-contained HTML file about one or more training runs: their settings, loss curves (overlaid
 * when there are several runs; hovering shows the values), the test-set evaluation, the pictures, the
 * latent map and the KL per dimension, and for a table model each column's reconstruction error and
 * real-vs-synthetic histograms. Scripts, styles and pictures are inlined, so the file works offline
 * and when mailed.
 *
 * <pre>{@code
 * HtmlReport.of(List.of(Path.of("runs/vae"))).write(Path.of("runs/vae/report.html"));
 * }</pre>
 */
public final class HtmlReport {
    /** The report's file name in a run directory, by default. */
    public static final String FILE = "report.html";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final List<Path> dirs;
    private int limit = 1000;
    private int k = 100;

    private HtmlReport(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    /** A report of the runs in {@code dirs} (each a training run's output directory). */
    public static HtmlReport of(List<Path> dirs) {
        if (dirs.isEmpty()) {
            throw new IllegalArgumentException("a report needs at least one run directory");
        }
        return new HtmlReport(dirs);
    }

    /** How many test examples to evaluate (default 1000). */
    public HtmlReport limit(int examples) {
        if (examples < 2) {
            throw new IllegalArgumentException("the evaluation needs at least 2 test examples, got " + examples);
        }
        this.limit = examples;
        return this;
    }

    /** Importance samples per example for −log p(x) (default 100). */
    public HtmlReport importanceSamples(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("importance samples must be at least 1, got " + samples);
        }
        this.k = samples;
        return this;
    }

    /** Gathers the runs and writes the report to {@code file}, atomically. */
    public void write(Path file) throws IOException {
        List<ReportRun> runs = new ArrayList<>();
        for (Path dir : dirs) {
            runs.add(ReportRun.gather(dir, limit, k));
        }
        byte[] page = render(runs).getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(page));
    }

    static String render(List<ReportRun> runs) throws IOException {
        ReportPage page = new ReportPage(names(runs));
        ArrayNode charts = JSON.createArrayNode();
        page.heading(runs);
        page.settings(runs);
        page.section("Loss per epoch", "Training objective (dashed), test loss (solid) and, where the run holds one "
                + "out, validation loss (dotted), in nats per example; hover to read the values.");
        lossCharts(runs, charts, page);
        page.evaluation(runs);
        page.pictures(runs);
        page.latentMaps(runs);
        klCharts(runs, charts, page);
        tableFigures(runs, charts, page);
        ObjectNode data = JSON.createObjectNode();
        data.set("charts", charts);
        data.put("points", runs.stream().allMatch(r -> r.history().epochs().size() <= 40));
        return page.finish(resource("uPlot.min.css") + resource("report.css"), resource("uPlot.iife.min.js"),
                JSON.writeValueAsString(data), resource("report.js"));
    }

    /** Each run's name: its directory's name, or its path where two names are alike. */
    private static List<String> names(List<ReportRun> runs) {
        List<String> names = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        boolean clash = false;
        for (ReportRun r : runs) {
            String n = r.dir().toAbsolutePath().normalize().getFileName() == null ? r.dir().toString()
                    : r.dir().toAbsolutePath().normalize().getFileName().toString();
            clash |= !seen.add(n);
            names.add(n);
        }
        if (clash) {
            names.clear();
            runs.forEach(r -> names.add(r.dir().toString()));
        }
        return names;
    }

    private static void lossCharts(List<ReportRun> runs, ArrayNode charts, ReportPage page) {
        TreeSet<Integer> epochs = new TreeSet<>();
        Set<String> terms = new LinkedHashSet<>();
        for (ReportRun r : runs) {
            r.history().epochs().forEach(e -> epochs.add(e.epoch()));
            terms.addAll(r.history().termNames());
        }
        if (epochs.isEmpty()) {
            page.note("No epochs recorded: the run directories have no " + vae.api.History.FILE + " (written by "
                    + "training runs of this version).");
            return;
        }
        ObjectNode loss = chart(charts, "chart-loss", "loss per epoch", "epoch", "nats per example", epochs);
        ObjectNode termChart = terms.isEmpty() ? null
                : chart(charts, "chart-terms", "terms per epoch", "epoch", "nats per example", epochs);
        int colour = 0;
        for (int i = 0; i < runs.size(); i++) {
            RunHistory h = runs.get(i).history();
            String prefix = runs.size() > 1 ? page.name(i) + ": " : "";
            series(loss, prefix + "train", colour, true, epochs, h, e -> e.trainLoss());
            series(loss, prefix + "test", colour, false, epochs, h, e -> e.testLoss());
            if (h.hasValidation()) {
                series(loss, prefix + "validation", colour, false, epochs, h, e -> e.validationLoss())
                        .put("dots", true);
            }
            colour++;
            if (termChart != null) {
                for (String t : h.termNames()) {
                    series(termChart, prefix + t + " (train)", colour, true, epochs, h,
                            e -> e.trainTerms().getOrDefault(t, Double.NaN));
                    series(termChart, prefix + t + " (test)", colour, false, epochs, h,
                            e -> e.testTerms().getOrDefault(t, Double.NaN));
                    colour++;
                }
            }
        }
        logWhereItHelps(loss);
        page.chart("chart-loss");
        if (termChart != null) {
            logWhereItHelps(termChart);
            page.chart("chart-terms");
        }
    }

    private static void klCharts(List<ReportRun> runs, ArrayNode charts, ReportPage page) {
        if (runs.stream().allMatch(r -> r.kl() == null)) {
            return;
        }
        page.section("KL per latent dimension", "KL(q(z_j|x) ‖ p(z_j)) averaged over the evaluated test examples; an "
                + "active unit's latent mean varies with x (variance over examples above 0.01), a collapsed one's does not.");
        for (int i = 0; i < runs.size(); i++) {
            KlPerDimension kl = runs.get(i).kl();
            if (kl == null) {
                continue;
            }
            List<Integer> dims = new ArrayList<>();
            for (int j = 1; j <= kl.kl().length; j++) {
                dims.add(j);
            }
            String id = "chart-kl-" + i;
            ObjectNode c = chart(charts, id, page.name(i) + ": " + kl.activeUnits() + " of " + kl.kl().length
                    + " units active" + (kl.hasKl() ? "" : " (activity: this prior's KL has no per-dimension parts)"),
                    "latent dimension", kl.barLabel(), dims);
            c.put("bars", true).put("overlay", true);
            ArrayNode active = column(c, "active units", "#1f77b4", false);
            ArrayNode inactive = column(c, "inactive units", "#bbbbbb", false);
            for (int j = 0; j < kl.kl().length; j++) {
                (kl.active()[j] ? active : inactive).add(kl.bars()[j]);
                (kl.active()[j] ? inactive : active).addNull();
            }
            page.chart(id);
        }
    }

    private static void tableFigures(List<ReportRun> runs, ArrayNode charts, ReportPage page) {
        if (runs.stream().allMatch(r -> r.table() == null)) {
            return;
        }
        page.section("Columns", "Reconstruction of each column on the evaluated test rows (RMSE in original units, or "
                + "the share of rows whose category is reconstructed), and real test rows beside as many synthetic "
                + "rows drawn from the model.");
        for (int i = 0; i < runs.size(); i++) {
            TableFigures t = runs.get(i).table();
            if (t == null) {
                continue;
            }
            page.columnErrors(page.name(i), t);
            for (int h = 0; h < t.histograms().size(); h++) {
                TableFigures.Histogram hist = t.histograms().get(h);
                List<Integer> bins = new ArrayList<>();
                for (int b = 0; b < hist.bins().size(); b++) {
                    bins.add(b);
                }
                String id = "chart-hist-" + i + "-" + h;
                ObjectNode c = chart(charts, id, page.name(i) + ": " + hist.column(), hist.column(), "share of rows", bins);
                c.put("bars", true);
                ArrayNode names = c.putArray("xNames");
                hist.bins().forEach(names::add);
                ArrayNode real = column(c, "real", "#1f77b4", false);
                ArrayNode synthetic = column(c, "synthetic", "#ff7f0e", false);
                for (int b = 0; b < hist.bins().size(); b++) {
                    real.add(hist.real()[b]);
                    synthetic.add(hist.synthetic()[b]);
                }
                page.chart(id);
            }
        }
    }

    private static ObjectNode chart(ArrayNode charts, String id, String title, String xLabel, String yLabel,
                                    Iterable<Integer> x) {
        ObjectNode c = charts.addObject();
        c.put("id", id).put("title", title).put("xLabel", xLabel).put("yLabel", yLabel);
        ArrayNode xs = c.putArray("x");
        x.forEach(xs::add);
        c.putArray("series");
        return c;
    }

    private static ArrayNode column(ObjectNode chart, String label, String colour, boolean dash) {
        ObjectNode s = ((ArrayNode) chart.get("series")).addObject();
        s.put("label", label).put("colour", colour).put("dash", dash);
        return s.putArray("values");
    }

    private static ObjectNode series(ObjectNode chart, String label, int colour, boolean dash, Set<Integer> epochs,
                                     RunHistory h, java.util.function.ToDoubleFunction<RunHistory.Epoch> value) {
        ArrayNode values = column(chart, label, ReportPage.colour(colour), dash);
        java.util.Map<Integer, RunHistory.Epoch> byEpoch = new java.util.HashMap<>();
        h.epochs().forEach(e -> byEpoch.put(e.epoch(), e));
        for (int epoch : epochs) {
            RunHistory.Epoch e = byEpoch.get(epoch);
            double v = e == null ? Double.NaN : value.applyAsDouble(e);
            if (Double.isFinite(v)) {
                values.add(v);
            } else {
                values.addNull();
            }
        }
        return (ObjectNode) ((ArrayNode) chart.get("series")).get(chart.get("series").size() - 1);
    }

    /** A logarithmic y axis when every value is positive and they span more than a factor of ten. */
    private static void logWhereItHelps(ObjectNode chart) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (var s : chart.get("series")) {
            for (var v : s.get("values")) {
                if (v.isNumber()) {
                    min = Math.min(min, v.asDouble());
                    max = Math.max(max, v.asDouble());
                }
            }
        }
        chart.put("log", min > 0 && max / min > 10);
    }

    private static String resource(String name) {
        try (InputStream in = HtmlReport.class.getResourceAsStream("web/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the report's resource web/" + name + " is missing from vae-report's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
