package vae.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser: Debian's headless Chromium opens it from disk, draws it without a single
 * console error, uncaught exception or network request, every chart is drawn, and a screenshot is kept in
 * {@code target/report-screenshot.png}. CI installs Chromium; elsewhere the test is skipped without it.
 */
class ReportInBrowserTest {

    @Test
    void theReportDrawsEveryChartWithoutErrorsOrNetwork(@TempDir Path dir) throws Exception {
        boolean ci = "true".equals(System.getenv("CI"));
        Assumptions.assumeTrue(ci || Files.isExecutable(Chromium.BINARY), "no /usr/bin/chromium here");
        Path run = dir.resolve("run");
        TinyRuns.train(run, "vae", 2, 3);
        Path page = dir.resolve("report.html");
        HtmlReport.of(List.of(run)).limit(60).importanceSamples(4).write(page);

        try (Chromium browser = Chromium.start()) {
            browser.open(page.toUri().toString());
            JsonNode drawn = browser.evaluate("document.body.getAttribute('data-charts')");
            assertEquals("3", drawn.asText(), "the loss, terms and KL charts were drawn");
            assertEquals(3, browser.evaluate("document.querySelectorAll('.uplot canvas').length").asInt());
            assertEquals(2, browser.evaluate("document.querySelectorAll('figure img').length").asInt() - 2,
                    "four pictures: reconstructions, samples, interpolation, latent map");
            assertTrue(browser.evaluate("Array.from(document.images).every(i => i.complete && i.naturalWidth > 0)")
                    .asBoolean(), "every picture decodes");
            assertEquals(List.of(), browser.events("Runtime.exceptionThrown"), "no uncaught exception");
            assertEquals(List.of(), browser.events("Runtime.consoleAPICalled").stream()
                    .filter(e -> List.of("error", "warning", "assert").contains(e.at("/params/type").asText())).toList(),
                    "no console error or warning");
            assertEquals(List.of(), browser.events("Log.entryAdded").stream()
                    .filter(e -> e.at("/params/entry/level").asText().equals("error")).toList(), "no logged error");
            assertEquals(List.of(), browser.events("Network.requestWillBeSent").stream()
                    .map(e -> e.at("/params/request/url").asText())
                    .filter(u -> !u.startsWith("file:") && !u.startsWith("data:")).toList(), "nothing from a network");

            byte[] png = browser.screenshot();
            Path shot = Path.of("target", "report-screenshot.png");
            Files.write(shot, png);
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertTrue(image.getWidth() >= 1000 && image.getHeight() > 1500, "the whole page: " + image.getWidth() + "x" + image.getHeight());
        }
    }
}
