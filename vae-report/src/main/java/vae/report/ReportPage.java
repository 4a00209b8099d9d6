package vae.report;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/** The HTML of a report, written section by section; every text it is given is escaped. */
final class ReportPage {
    private final StringBuilder body = new StringBuilder();
    private final List<String> names;

    ReportPage(List<String> names) {
        this.names = List.copyOf(names);
    }

    /** Run {@code i}'s name. */
    String name(int i) {
        return names.get(i);
    }

    /** Colour {@code i} of the charts' palette, as CSS. */
    static String colour(int i) {
        var c = ChartStyle.PALETTE[Math.floorMod(i, ChartStyle.PALETTE.length)];
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    void heading(List<ReportRun> runs) {
        body.append("<h1>vae4j report</h1>\n<p class=\"sub\">").append(esc(String.join(" · ", names)))
                .append(" — written ").append(esc(ZonedDateTime.now().format(DateTimeFormatter.RFC_1123_DATE_TIME)))
                .append("</p>\n<table id=\"runs\"><tr><th>run</th><th>directory</th><th>model</th></tr>\n");
        for (int i = 0; i < runs.size(); i++) {
            body.append("<tr><td>").append(esc(name(i))).append("</td><td>").append(esc(runs.get(i).dir().toString()))
                    .append("</td><td>").append(esc(runs.get(i).describe())).append("</td></tr>\n");
        }
        body.append("</table>\n");
    }

    void settings(List<ReportRun> runs) {
        section("Settings and data", "What each checkpoint records: the model's axes, the data set, the run's settings.");
        Set<String> keys = new LinkedHashSet<>();
        runs.forEach(r -> keys.addAll(r.settings().keySet()));
        header("setting", "settings");
        for (String key : keys) {
            body.append("<tr><td>").append(esc(key)).append("</td>");
            for (ReportRun r : runs) {
                body.append("<td class=\"value\">").append(esc(r.settings().getOrDefault(key, ""))).append("</td>");
            }
            body.append("</tr>\n");
        }
        body.append("</table>\n");
    }

    void evaluation(List<ReportRun> runs) {
        int examples = runs.stream().filter(r -> r.evaluation() != null)
                .mapToInt(r -> (int) r.evaluation().examples()).max().orElse(0);
        section("Evaluation", "On the first " + examples + " test examples, in nats per example; −log p(x) is the "
                + "importance-sampled estimate (IWAE bound) with k samples per example; for a conditional model "
                + "(CVAE, M2) both are of x given its label, p(x|y).");
        header("", "evaluation");
        row(runs, "−ELBO", e -> num(e.negativeElbo()));
        row(runs, "reconstruction −E_q[log p(x|z)]", e -> num(e.reconstruction()));
        row(runs, "reconstruction at z = μ, −log p(x|z=μ)", e -> num(e.reconstructionAtMean()));
        row(runs, "KL(q(z|x) ‖ p(z))", e -> num(e.kl()));
        row(runs, "−log p(x)", e -> num(e.negLogPx()));
        row(runs, "−log p(x), bits/dim", e -> Double.isFinite(e.bitsPerDim())
                ? String.format(Locale.ROOT, "%.4f", e.bitsPerDim()) : "–");
        row(runs, "k (importance samples)", e -> Integer.toString(e.k()));
        row(runs, "active units", e -> e.activeUnits() + " of " + e.latent());
        row(runs, "test examples", e -> Long.toString(e.examples()));
        body.append("</table>\n");
        for (ReportRun r : runs) {
            if (r.note() != null) {
                note(r.dir() + ": " + r.note());
            }
        }
    }

    void pictures(List<ReportRun> runs) {
        if (runs.stream().allMatch(r -> r.pictures().isEmpty())) {
            return; // tables have none
        }
        section("Pictures", null);
        for (int i = 0; i < runs.size(); i++) {
            for (Map.Entry<String, byte[]> p : runs.get(i).pictures().entrySet()) {
                figure(p.getValue(), prefix(i) + p.getKey(), false);
            }
        }
    }

    void latentMaps(List<ReportRun> runs) {
        section("Latent space", "Test examples' latent means: the latent itself when it has two dimensions, its first "
                + "two principal components otherwise; coloured by label where there are labels.");
        for (int i = 0; i < runs.size(); i++) {
            byte[] map = runs.get(i).latentMap();
            if (map != null) {
                figure(map, prefix(i) + "latent map", true);
            }
        }
    }

    void columnErrors(String run, TableFigures t) {
        body.append("<table class=\"columns\"><tr><th colspan=\"5\">").append(esc(run))
                .append("</th></tr><tr><th>column</th><th>type</th><th>measure</th><th>value</th><th>rows</th></tr>\n");
        for (TableFigures.ColumnError c : t.columns()) {
            body.append("<tr><td>").append(esc(c.name())).append("</td><td>").append(esc(c.type())).append("</td><td>")
                    .append(esc(c.metric())).append("</td><td class=\"num\">").append(num(c.value()))
                    .append("</td><td class=\"num\">").append(c.rows()).append("</td></tr>\n");
        }
        body.append("</table>\n");
    }

    void section(String title, String text) {
        body.append("<h2>").append(esc(title)).append("</h2>\n");
        if (text != null) {
            body.append("<p>").append(esc(text)).append("</p>\n");
        }
    }

    void chart(String id) {
        body.append("<div class=\"chart\" id=\"").append(esc(id)).append("\"></div>\n");
    }

    void note(String text) {
        body.append("<p class=\"note\">").append(esc(text)).append("</p>\n");
    }

    /** The whole page, with the style sheet, uPlot, the charts' data and the drawing script inlined. */
    String finish(String css, String uplot, String json, String script) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>"
                + esc("vae4j report: " + String.join(", ", names)) + "</title>\n<style>\n" + css + "\n</style>\n</head>\n"
                + "<body>\n" + body + "<script>\n" + uplot + "\n</script>\n"
                + "<script type=\"application/json\" id=\"report-data\">" + json.replace("</", "<\\/") + "</script>\n"
                + "<script>\n" + script + "\n</script>\n</body></html>\n";
    }

    private void header(String first, String id) {
        body.append("<table id=\"").append(id).append("\"><tr><th>").append(esc(first)).append("</th>");
        names.forEach(n -> body.append("<th>").append(esc(n)).append("</th>"));
        body.append("</tr>\n");
    }

    private void row(List<ReportRun> runs, String label, Function<RunEvaluation, String> value) {
        body.append("<tr><td>").append(esc(label)).append("</td>");
        for (ReportRun r : runs) {
            body.append("<td class=\"num\">").append(r.evaluation() == null ? "–" : esc(value.apply(r.evaluation())))
                    .append("</td>");
        }
        body.append("</tr>\n");
    }

    private void figure(byte[] png, String caption, boolean chart) {
        int width = pngWidth(png);
        int shown = chart ? Math.min(width, 800) : width * Math.max(1, Math.min(4, 800 / Math.max(1, width)));
        body.append("<figure><img").append(chart ? " class=\"chart\"" : "").append(" style=\"width:").append(shown)
                .append("px\" alt=\"").append(esc(caption)).append("\" src=\"data:image/png;base64,")
                .append(Base64.getEncoder().encodeToString(png)).append("\"><figcaption>").append(esc(caption))
                .append("</figcaption></figure>\n");
    }

    private String prefix(int i) {
        return names.size() > 1 ? name(i) + ": " : "";
    }

    /** The width a PNG's header gives (bytes 16–19 of the IHDR chunk). */
    private static int pngWidth(byte[] png) {
        return png.length < 24 ? 0 : (png[16] & 0xff) << 24 | (png[17] & 0xff) << 16 | (png[18] & 0xff) << 8 | png[19] & 0xff;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "–";
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
