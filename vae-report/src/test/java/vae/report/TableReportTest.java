package vae.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vae.api.Checkpoints;
import vae.api.Datasets;
import vae.api.History;
import vae.api.TableData;
import vae.api.TrainedVae;
import vae.api.Vae;
import vae.core.table.TableOptions;

class TableReportTest {

    @Test
    void aTableModelsReportHasEachColumnsErrorAndRealBesideSyntheticHistograms(@TempDir Path dir) throws Exception {
        StringBuilder csv = new StringBuilder("size,weight,colour,kind\n");
        for (int i = 0; i < 120; i++) {
            csv.append(i % 11 == 5 ? "" : Double.toString(i % 10 + 0.5)).append(',').append(i * 0.25).append(',')
                    .append(new String[] {"red", "green", "blue"}[i % 3]).append(',').append(i % 4 == 0 ? "a" : "b")
                    .append('\n');
        }
        Path file = dir.resolve("t.csv");
        Files.writeString(file, csv);
        TableData data = Datasets.csv(file, TableOptions.defaults().withLabelColumn("kind"));
        Path run = dir.resolve("run");
        Vae.builder().set("latent", 2).set("hidden", 16).seed(3).build(data).trainer().epochs(2).batchSize(32)
                .listener(Checkpoints.into(run)).listener(History.into(run)).listener(RunPlots.into(run)).fit(data);

        try (TrainedVae m = TrainedVae.load(run.resolve(Checkpoints.MODEL_FILE))) {
            TableFigures t = TableFigures.of(m, m.testSet(null), 5);
            assertEquals(List.of("size", "weight", "colour"), t.columns().stream().map(TableFigures.ColumnError::name).toList());
            assertEquals("rmse", t.columns().get(0).metric());
            assertEquals("accuracy", t.columns().get(2).metric());
            double accuracy = t.columns().get(2).value();
            assertTrue(accuracy >= 0 && accuracy <= 1, "a share: " + accuracy);
            assertTrue(t.columns().get(0).rows() < m.testSet(null).size(), "missing sizes are left out");
            assertEquals(3, t.histograms().size());
            for (TableFigures.Histogram h : t.histograms()) {
                assertEquals(1, sum(h.real()), 1e-9, h.column());
                assertEquals(1, sum(h.synthetic()), 1e-9, h.column());
            }
            assertEquals(List.of("blue", "green", "red"), t.histograms().get(2).bins(), "categories in encoding order");
        }
        Path page = dir.resolve("r.html");
        HtmlReport.of(List.of(run)).limit(30).importanceSamples(4).write(page);
        String html = Files.readString(page);
        assertTrue(html.contains("<h2>Columns</h2>") && html.contains("chart-hist-0-2"));
        assertTrue(!html.contains("<h2>Pictures</h2>"), "a table has no pictures");
    }

    private static double sum(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s;
    }
}
