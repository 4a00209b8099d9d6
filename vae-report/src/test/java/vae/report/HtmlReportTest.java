package vae.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.api.Checkpoints;
import vae.api.TrainedVae;
import vae.core.eval.EvaluationSummary;

class HtmlReportTest {

    @Test
    void theReportIsSelfContainedAndShowsTheModelsOwnEvaluation(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        TinyRuns.train(run, "vae", 3, 2);
        Path page = dir.resolve("report.html");
        HtmlReport.of(List.of(run)).limit(60).importanceSamples(8).write(page);
        String html = Files.readString(page);

        assertFalse(Pattern.compile("(src|href)\\s*=\\s*\"(https?:)?//").matcher(html).find(), "nothing is fetched");
        assertTrue(html.contains("uPlot"), "uPlot is inlined");
        for (String id : List.of("chart-loss", "chart-terms", "chart-kl-0", "id=\"evaluation\"", "id=\"settings\"")) {
            assertTrue(html.contains(id), id);
        }
        assertEquals(3, count(html, "<img"), "reconstructions, samples, interpolation, plus the latent map: "
                + "the pictures of the last epoch are there");

        try (TrainedVae m = TrainedVae.load(run.resolve(Checkpoints.MODEL_FILE))) {
            EvaluationSummary s = m.evaluate(m.testSet(null, 60), 8);
            assertTrue(html.contains(cell(s.negativeLogLikelihood())), "the table's -log p(x) is the model's");
            assertTrue(html.contains(cell(s.negativeElbo())), "and its -ELBO");
        }
    }

    @Test
    void twoRunsAreOverlaidUnderTheirNames(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("first");
        Path b = dir.resolve("second");
        TinyRuns.train(a, "vae", 2, 1);
        TinyRuns.train(b, "ae", 2, 2);
        Path page = dir.resolve("both.html");
        HtmlReport.of(List.of(a, b)).limit(40).importanceSamples(4).write(page);
        String html = Files.readString(page);
        assertTrue(html.contains("\"first: test\"") && html.contains("\"second: test\""), "both runs' curves");
        assertTrue(html.contains("<th>first</th><th>second</th>"), "side by side");
    }

    @Test
    void textFromTheRunIsEscaped() {
        assertEquals("a&lt;script&gt;&amp;&quot;", ReportPage.esc("a<script>&\""));
    }

    @Test
    void aReportNeedsARun() {
        assertThrows(IllegalArgumentException.class, () -> HtmlReport.of(List.of()));
    }

    private static String cell(double v) {
        return "<td class=\"num\">" + String.format(Locale.ROOT, "%.2f", v) + "</td>";
    }

    private static int count(String s, String what) {
        Matcher m = Pattern.compile(Pattern.quote(what)).matcher(s);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n - 1; // the latent map is a picture too
    }
}
