package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    @Test
    void trainWritesItsPlotsAndReportWritesOnePageAboutTheRun(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        CliRun train = CliRun.of("train", "--out", run.toString(), "--epochs", "2", "--train-limit", "200",
                "--test-limit", "50", "-P", "hidden=16", "-P", "latent=2", "--batch-size", "50", "--threads", "1");
        assertEquals(0, train.exitCode(), train.err());
        for (String plot : new String[] {"loss.png", "latent.png", "kl_per_dim.png", "history.jsonl"}) {
            assertTrue(Files.size(run.resolve(plot)) > 0, plot);
        }
        assertEquals(2, Files.readAllLines(run.resolve("history.jsonl")).size());

        CliRun report = CliRun.of("report", run.toString(), "--limit", "20", "-k", "4");
        assertEquals(0, report.exitCode(), report.err());
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("id=\"chart-loss\"") && html.contains("id=\"evaluation\""));
        assertTrue(report.out().startsWith("wrote " + run.resolve("report.html")), report.out());
    }
}
