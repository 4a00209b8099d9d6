package vae.report;

import java.awt.geom.Ellipse2D;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.TreeMap;
import java.util.function.IntFunction;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import vae.api.Encoded;
import vae.api.TrainedVae;
import vae.core.data.Dataset;

/**
 * Where examples sit in the latent space, in two dimensions: the latent means E_q[z|x] themselves when
 * the latent has two dimensions, else their first two principal components.
 *
 * @param x          each example's first coordinate
 * @param y          its second (0 for a one-dimensional latent)
 * @param labels     each example's label, or null for data without labels
 * @param xLabel     the first axis's name ({@code z1}, or {@code PC1} with its share of the variance)
 * @param yLabel     the second axis's name
 */
public record LatentMap(double[] x, double[] y, int[] labels, String xLabel, String yLabel) {
    private static final int BATCH = 500;
    private static final int SIZE = 800;

    /** The latent means of the first {@code limit} examples of {@code data} under {@code model}. */
    public static LatentMap of(TrainedVae model, Dataset data, int limit) {
        int n = Math.min(limit, data.size());
        int d = model.encoderLatentDim();
        double[][] mu = new double[n][];
        for (int from = 0; from < n; from += BATCH) {
            Encoded q = model.encode(data, from, Math.min(BATCH, n - from));
            for (int i = 0; i < q.mean().length; i++) {
                float[] row = q.mean()[i];
                mu[from + i] = new double[d];
                for (int j = 0; j < d; j++) {
                    mu[from + i][j] = row[j];
                }
            }
        }
        int[] labels = null;
        if (data.hasLabels()) {
            labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = data.label(i);
            }
        }
        return d <= 2 ? direct(mu, d, labels) : principal(mu, d, labels);
    }

    private static LatentMap direct(double[][] mu, int d, int[] labels) {
        double[] x = new double[mu.length];
        double[] y = new double[mu.length];
        for (int i = 0; i < mu.length; i++) {
            x[i] = mu[i][0];
            y[i] = d > 1 ? mu[i][1] : 0;
        }
        return new LatentMap(x, y, labels, "z1", d > 1 ? "z2" : "");
    }

    /** Projects the centred means on the covariance's two leading eigenvectors. */
    private static LatentMap principal(double[][] mu, int d, int[] labels) {
        int n = mu.length;
        double[] mean = new double[d];
        for (double[] row : mu) {
            for (int j = 0; j < d; j++) {
                mean[j] += row[j] / n;
            }
        }
        double[] cov = new double[d * d];
        for (double[] row : mu) {
            for (int a = 0; a < d; a++) {
                double ca = row[a] - mean[a];
                for (int b = a; b < d; b++) {
                    cov[a * d + b] += ca * (row[b] - mean[b]);
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a * d + b] /= Math.max(1, n - 1);
                cov[b * d + a] = cov[a * d + b];
            }
        }
        double[] values = new double[d];
        double[] vectors = new double[d * d];
        SymmetricEigen.decompose(cov, d, values, vectors);
        double total = 0;
        for (double v : values) {
            total += Math.max(0, v);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double c = mu[i][j] - mean[j];
                x[i] += c * vectors[j * d];
                y[i] += c * vectors[j * d + 1];
            }
        }
        return new LatentMap(x, y, labels, axis(1, values[0], total), axis(2, values[1], total));
    }

    private static String axis(int k, double value, double total) {
        return total > 0 ? String.format(Locale.ROOT, "PC%d (%.0f%% of the variance)", k, 100 * value / total)
                : "PC" + k;
    }

    /** Draws the map into {@code file}, a colour per label named by {@code labelName}. */
    public void writePng(Path file, String title, IntFunction<String> labelName) throws IOException {
        ChartStyle.writePng(chart(title, labelName), SIZE, SIZE, file);
    }

    /** The map as the bytes of a PNG. */
    public byte[] png(String title, IntFunction<String> labelName) throws IOException {
        return ChartStyle.png(chart(title, labelName), SIZE, SIZE);
    }

    JFreeChart chart(String title, IntFunction<String> labelName) {
        TreeMap<Integer, XYSeries> byLabel = new TreeMap<>();
        for (int i = 0; i < x.length; i++) {
            int label = labels == null ? 0 : labels[i];
            byLabel.computeIfAbsent(label, l -> new XYSeries(labels == null ? "examples" : labelName.apply(l),
                    false, true)).add(x[i], y[i]);
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byLabel.values().forEach(data::addSeries);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        NumberAxis xAxis = new NumberAxis(xLabel);
        NumberAxis yAxis = new NumberAxis(yLabel);
        xAxis.setAutoRangeIncludesZero(false);
        yAxis.setAutoRangeIncludesZero(false);
        JFreeChart chart = new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT,
                new XYPlot(data, xAxis, yAxis, renderer), labels != null);
        ChartStyle.apply(chart);
        double r = x.length > 2000 ? 1.5 : 2.5;
        for (int s = 0; s < data.getSeriesCount(); s++) {
            renderer.setSeriesShape(s, new Ellipse2D.Double(-r, -r, 2 * r, 2 * r));
            renderer.setSeriesPaint(s, ChartStyle.colour(s));
        }
        return chart;
    }
}
