package vae.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.Stroke;
import java.io.IOException;
import java.nio.file.Path;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import vae.core.io.AtomicFiles;

/** The look shared by every plot (colours that stay apart for ten labels, light grid) and writing one as PNG. */
final class ChartStyle {
    /** Tableau's ten colours, the palette of matplotlib's default cycle: distinct for ten digit classes. */
    static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
    };
    static final Stroke SOLID = new BasicStroke(1.8f);
    static final Stroke DASHED = new BasicStroke(1.4f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {6f, 4f}, 0f);
    static final Stroke DOTTED = new BasicStroke(1.6f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f,
            new float[] {1.5f, 4f}, 0f);

    private ChartStyle() {
    }

    /** Colour {@code i} of the palette, cycling. */
    static Paint colour(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    /**
     * A white background and a light grid, applied to a new chart before its series are coloured: the
     * theme clears the renderers' series paints and strokes.
     */
    static void apply(JFreeChart chart) {
        StandardChartTheme theme = new StandardChartTheme("vae4j", false);
        theme.setXYBarPainter(new StandardXYBarPainter()); // flat bars, not the default gradient
        theme.apply(chart);
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot p) {
            grid(p);
        }
    }

    static void grid(XYPlot p) {
        p.setBackgroundPaint(Color.WHITE);
        p.setDomainGridlinePaint(new Color(0xdddddd));
        p.setRangeGridlinePaint(new Color(0xdddddd));
        p.setOutlineVisible(false);
    }

    /**
     * A value axis for data from {@code min} to {@code max}: logarithmic when every value is positive and
     * they span more than a factor of ten (a KL of 0.1 beside a reconstruction of 100), linear otherwise.
     */
    static ValueAxis valueAxis(String label, double min, double max) {
        if (min > 0 && max / min > 10) {
            LogarithmicAxis log = new LogarithmicAxis(label);
            log.setStrictValuesFlag(false);
            log.setExpTickLabelsFlag(false); // 20, 50, 100 rather than 10^1.3
            return log;
        }
        NumberAxis linear = new NumberAxis(label);
        linear.setAutoRangeIncludesZero(false);
        return linear;
    }

    /** The chart as the bytes of a PNG of {@code width} × {@code height} pixels. */
    static byte[] png(JFreeChart chart, int width, int height) throws IOException {
        return ChartUtils.encodeAsPNG(chart.createBufferedImage(width, height));
    }

    /** Writes the chart as a PNG of {@code width} × {@code height} pixels, atomically. */
    static void writePng(JFreeChart chart, int width, int height, Path file) throws IOException {
        AtomicFiles.write(file, out -> ChartUtils.writeChartAsPNG(out, chart, width, height));
    }
}
