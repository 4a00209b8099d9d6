package vae.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vae.api.TrainedVae;
import vae.core.data.Dataset;
import vae.core.table.ColumnType;
import vae.core.table.TableTransform;
import vae.core.table.TableTransform.EncodedColumn;

/**
 * A table model's report figures: how well each column is reconstructed on the test rows (RMSE in
 * original units for numbers, the share reconstructed exactly for categories; missing entries left out),
 * and histograms of real test rows beside as many synthetic rows drawn from the model.
 *
 * @param columns    one entry per column, in the table's order
 * @param histograms real-vs-synthetic histograms of the first {@link #HISTOGRAMS} columns
 */
public record TableFigures(List<ColumnError> columns, List<Histogram> histograms) {
    /** How many columns get a histogram. */
    public static final int HISTOGRAMS = 4;
    private static final int BINS = 20;

    /**
     * One column's reconstruction.
     *
     * @param name   the column
     * @param type   numeric, binary or categorical
     * @param metric "rmse" or "accuracy"
     * @param value  its value, NaN when the test rows have no value in the column
     * @param rows   how many test rows had a value
     */
    public record ColumnError(String name, String type, String metric, double value, int rows) {
    }

    /**
     * Shares of rows per bin (numbers) or per category.
     *
     * @param column    the column
     * @param bins      bin centres' labels or category names
     * @param real      the real test rows' shares
     * @param synthetic the synthetic rows' shares
     */
    public record Histogram(String column, List<String> bins, double[] real, double[] synthetic) {
    }

    /** The figures of {@code model} on {@code test}, synthetic rows drawn from {@code seed}. */
    public static TableFigures of(TrainedVae model, Dataset test, long seed) {
        TableTransform t = model.table().orElseThrow();
        int n = test.size();
        int d = test.dimension();
        float[][] rows = new float[n][d];
        float[] flat = new float[n * d];
        test.copyRange(0, n, flat);
        for (int i = 0; i < n; i++) {
            System.arraycopy(flat, i * d, rows[i], 0, d);
        }
        String[][] real = decode(t, rows);
        String[][] recon = decode(t, model.reconstruct(rows));
        String[][] synthetic = model.canSample() ? decode(t, model.sampleRows(n, seed)) : null;
        List<ColumnError> errors = new ArrayList<>();
        List<Histogram> histograms = new ArrayList<>();
        List<EncodedColumn> layout = t.layout();
        for (int c = 0; c < layout.size(); c++) {
            errors.add(error(layout.get(c), real, recon, c));
            if (synthetic != null && histograms.size() < HISTOGRAMS) {
                histograms.add(histogram(layout.get(c), real, synthetic, c));
            }
        }
        return new TableFigures(errors, histograms);
    }

    private static String[][] decode(TableTransform t, float[][] rows) {
        String[][] out = new String[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = t.decode(rows[i]);
        }
        return out;
    }

    private static ColumnError error(EncodedColumn col, String[][] real, String[][] recon, int c) {
        String type = col.type().name().toLowerCase(java.util.Locale.ROOT);
        boolean numeric = col.type() == ColumnType.NUMERIC;
        double sum = 0;
        int count = 0;
        for (int i = 0; i < real.length; i++) {
            if (real[i][c].isEmpty()) {
                continue; // missing in the data: nothing to compare
            }
            count++;
            if (numeric) {
                double e = Double.parseDouble(real[i][c]) - Double.parseDouble(recon[i][c]);
                sum += e * e;
            } else if (real[i][c].equals(recon[i][c])) {
                sum++;
            }
        }
        double value = count == 0 ? Double.NaN : numeric ? Math.sqrt(sum / count) : sum / count;
        return new ColumnError(col.name(), type, numeric ? "rmse" : "accuracy", value, count);
    }

    private static Histogram histogram(EncodedColumn col, String[][] real, String[][] synthetic, int c) {
        if (col.type() != ColumnType.NUMERIC) {
            List<String> names = col.categories();
            return new Histogram(col.name(), names, categoryShares(names, real, c), categoryShares(names, synthetic, c));
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (String[][] rows : List.of(real, synthetic)) {
            for (String[] row : rows) {
                if (!row[c].isEmpty()) {
                    double v = Double.parseDouble(row[c]);
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (!(hi > lo)) {
            hi = lo + 1; // one value, or none: one bin holds it
        }
        List<String> bins = new ArrayList<>();
        for (int b = 0; b < BINS; b++) {
            bins.add(String.format(java.util.Locale.ROOT, "%.4g", lo + (b + 0.5) * (hi - lo) / BINS));
        }
        return new Histogram(col.name(), bins, binShares(real, c, lo, hi), binShares(synthetic, c, lo, hi));
    }

    private static double[] categoryShares(List<String> names, String[][] rows, int c) {
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int k = 0; k < names.size(); k++) {
            index.put(names.get(k), k);
        }
        double[] shares = new double[names.size()];
        int count = 0;
        for (String[] row : rows) {
            Integer k = index.get(row[c]);
            if (k != null) {
                shares[k]++;
                count++;
            }
        }
        return normalise(shares, count);
    }

    private static double[] binShares(String[][] rows, int c, double lo, double hi) {
        double[] shares = new double[BINS];
        int count = 0;
        for (String[] row : rows) {
            if (!row[c].isEmpty()) {
                int b = (int) Math.floor((Double.parseDouble(row[c]) - lo) / (hi - lo) * BINS);
                shares[Math.clamp(b, 0, BINS - 1)]++;
                count++;
            }
        }
        return normalise(shares, count);
    }

    private static double[] normalise(double[] counts, int total) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = total == 0 ? 0 : counts[i] / total;
        }
        return counts;
    }
}
