package vae.report;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import vae.api.TrainedVae;
import vae.core.data.Dataset;
import vae.core.eval.EvaluationSummary;

/**
 * KL(q(z_j|x) ‖ p(z_j)) per latent dimension, averaged over examples, and which dimensions are active
 * units (the variance over examples of E_q[z_j] above {@link EvaluationSummary#ACTIVE_THRESHOLD}, Burda
 * et al. 2016): a collapsed dimension has a KL near zero and does not vary with x.
 *
 * <p>A mixture prior's KL does not split by dimension; then the figure is each dimension's activity, the
 * variance of its latent mean, which shows collapse as well.
 *
 * @param kl       each dimension's mean KL in nats (NaN where the prior's KL does not split by dimension)
 * @param variance each dimension's variance over examples of its latent mean
 * @param active   whether each dimension is active
 */
public record KlPerDimension(double[] kl, double[] variance, boolean[] active) {
    private static final Color ACTIVE = new Color(0x1f77b4);
    private static final Color INACTIVE = new Color(0xbbbbbb);

    /** The figures of the first {@code limit} examples of {@code data}, one importance sample each. */
    public static KlPerDimension of(TrainedVae model, Dataset data, int limit) {
        return of(model.evaluate(data.limit(Math.min(limit, data.size())), 1), model.klSplitsByDimension());
    }

    /** The figures an evaluation gathered; {@code klSplits} when the model's KL is a sum over dimensions. */
    public static KlPerDimension of(EvaluationSummary s, boolean klSplits) {
        int d = s.latent();
        double[] kl = new double[d];
        double[] variance = new double[d];
        boolean[] active = new boolean[d];
        for (int j = 0; j < d; j++) {
            kl[j] = klSplits ? s.klOfDimension(j) : Double.NaN;
            variance[j] = s.meanVarianceOfDimension(j);
            active[j] = s.isActive(j);
        }
        return new KlPerDimension(kl, variance, active);
    }

    /** True when the KL splits by dimension (else the figures are the activities). */
    public boolean hasKl() {
        return kl.length == 0 || !Double.isNaN(kl[0]);
    }

    /** What the bars show per dimension: the KL, or the activity when there is no KL per dimension. */
    public double[] bars() {
        return hasKl() ? kl : variance;
    }

    /** The bars' axis label. */
    public String barLabel() {
        return hasKl() ? "KL (nats)" : "Var over x of E_q[z_j]";
    }

    /** How many dimensions are active. */
    public int activeUnits() {
        int n = 0;
        for (boolean a : active) {
            n += a ? 1 : 0;
        }
        return n;
    }

    /** Draws the bars into {@code file}: active units in colour, the rest grey. */
    public void writePng(Path file) throws IOException {
        ChartStyle.writePng(chart(), Math.max(600, Math.min(1600, 40 + 14 * kl.length)), 450, file);
    }

    JFreeChart chart() {
        XYSeries on = new XYSeries("active", true, false);
        XYSeries off = new XYSeries("inactive", true, false);
        for (int j = 0; j < kl.length; j++) {
            (active[j] ? on : off).add(j + 1, bars()[j]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(on);
        data.addSeries(off);
        data.setIntervalWidth(0.8);
        XYBarRenderer bars = new XYBarRenderer();
        NumberAxis dims = new NumberAxis("latent dimension");
        dims.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        dims.setAutoRangeIncludesZero(false);
        NumberAxis nats = new NumberAxis(barLabel());
        String title = String.format("%s per latent dimension: %d of %d active", hasKl() ? "KL" : "activity",
                activeUnits(), kl.length);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, new XYPlot(data, dims, nats, bars), true);
        ChartStyle.apply(chart);
        bars.setSeriesPaint(0, ACTIVE);
        bars.setSeriesPaint(1, INACTIVE);
        return chart;
    }
}
