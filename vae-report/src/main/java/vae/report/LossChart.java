package vae.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code loss.png}: the objective per epoch on the training set (dashed), the test set (solid) and a
 * validation set where the run has one (dotted) above,
 * and each of its terms by name below, in the same two line styles; a panel's axis is logarithmic where
 * its values span more than a factor of ten.
 */
public final class LossChart {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 700;

    private LossChart() {
    }

    /** Draws {@code history} into {@code file}. */
    public static void writePng(RunHistory history, Path file) throws IOException {
        ChartStyle.writePng(chart(history), WIDTH, HEIGHT, file);
    }

    /** The chart of {@code history}. */
    static JFreeChart chart(RunHistory history) {
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochs.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        plot.setGap(12);
        boolean points = history.epochs().size() <= 40;

        XYSeriesCollection objective = new XYSeriesCollection();
        objective.addSeries(series("train", history, RunHistory.Epoch::trainLoss));
        objective.addSeries(series("test", history, RunHistory.Epoch::testLoss));
        if (history.hasValidation()) {
            objective.addSeries(series("validation", history, RunHistory.Epoch::validationLoss));
        }
        plot.add(panel("loss (nats)", objective, points), 1);

        List<String> names = history.termNames();
        List<Integer> termColours = new ArrayList<>();
        if (!names.isEmpty()) {
            XYSeriesCollection terms = new XYSeriesCollection();

            for (int t = 0; t < names.size(); t++) {
                String name = names.get(t);
                terms.addSeries(series(name + " (train)", history, e -> e.trainTerms().getOrDefault(name, Double.NaN)));
                terms.addSeries(series(name + " (test)", history, e -> e.testTerms().getOrDefault(name, Double.NaN)));
                termColours.add(t + 1);
                termColours.add(t + 1);
            }
            plot.add(panel("terms (nats)", terms, points), 1);
        }
        JFreeChart chart = new JFreeChart("loss per epoch (train dashed, test solid)", JFreeChart.DEFAULT_TITLE_FONT,
                plot, true);
        ChartStyle.apply(chart);
        for (Object sub : plot.getSubplots()) {
            XYPlot panel = (XYPlot) sub;
            ChartStyle.grid(panel);
            colour(panel, panel == plot.getSubplots().getFirst() ? List.of(0, 0, 0) : termColours);
        }
        return chart;
    }

    private static XYPlot panel(String label, XYSeriesCollection data, boolean points) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            XYSeries series = data.getSeries(s);
            if (!series.isEmpty()) {
                min = Math.min(min, series.getMinY());
                max = Math.max(max, series.getMaxY());
            }
        }
        return new XYPlot(data, null, ChartStyle.valueAxis(label, min, max), new XYLineAndShapeRenderer(true, points));
    }

    /** Series pairs (train, test) share a colour from {@code colours}; train is dashed, test solid. */
    private static void colour(XYPlot panel, List<Integer> colours) {
        XYLineAndShapeRenderer renderer = (XYLineAndShapeRenderer) panel.getRenderer();
        for (int s = 0; s < colours.size(); s++) {
            renderer.setSeriesPaint(s, ChartStyle.colour(colours.get(s)));
            renderer.setSeriesStroke(s, s == 2 ? ChartStyle.DOTTED : s % 2 == 0 ? ChartStyle.DASHED : ChartStyle.SOLID);
            renderer.setSeriesShape(s, new java.awt.geom.Ellipse2D.Double(-3, -3, 6, 6));
        }
    }

    /** The finite values of one quantity per epoch (a term missing in an epoch leaves a gap). */
    private static XYSeries series(String name, RunHistory history, ToDoubleFunction<RunHistory.Epoch> value) {
        XYSeries s = new XYSeries(name, true, false);
        for (RunHistory.Epoch e : history.epochs()) {
            double v = value.applyAsDouble(e);
            if (Double.isFinite(v)) {
                s.add(e.epoch(), v);
            }
        }
        return s;
    }
}
