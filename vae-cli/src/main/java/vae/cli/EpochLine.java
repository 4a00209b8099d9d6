package vae.cli;

import java.util.Locale;
import java.util.Map;
import vae.core.train.SemiSupervisedLoss;
import vae.core.spi.HyperparameterValues;
import vae.core.train.EpochReport;
import vae.core.train.LossSummary;

/** The line printed after each epoch. */
final class EpochLine {
    private EpochLine() {
    }

    /** e.g. {@code epoch  3/10  train 111.52  test 110.87 (recon 84.10, kl 26.77)  11.2 s  5,357 img/s}. */
    static String format(EpochReport r, int epochs) {
        return format(r, epochs, "img");
    }

    /** As {@link #format(EpochReport, int)}, counting examples as {@code unit} ({@code img} or {@code rows}). */
    static String format(EpochReport r, int epochs, String unit) {
        return format(r, epochs, unit, false, false);
    }

    /**
     * As {@link #format(EpochReport, int, String)}; {@code unannealed} adds the training loss without KL
     * warm-up and free bits ({@code train 131.07 (unannealed 140.52)}), {@code learningRate} the epoch's
     * rate; a validation loss is shown before the test loss ({@code val 128.10}).
     */
    static String format(EpochReport r, int epochs, String unit, boolean unannealed, boolean learningRate) {
        int width = Integer.toString(epochs).length();
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "epoch %" + width + "d/%d  train %.2f", r.epoch(),
                epochs, r.train().objective()));
        if (unannealed) {
            b.append(String.format(Locale.ROOT, " (unannealed %.2f)", r.train().weightedTerms()));
        }
        if (r.validation() != null) {
            b.append(String.format(Locale.ROOT, "  val %.2f", r.validation().objective()));
        }
        b.append(String.format(Locale.ROOT, "  test %.2f (%s)  %.1f s  %,.0f %s/s", r.test().objective(),
                terms(r.test()), r.seconds(), r.imagesPerSecond(), unit));
        if (learningRate) {
            b.append(String.format(Locale.ROOT, "  lr %.3g", r.learningRate()));
        }
        return b.toString();
    }

    /** Two decimals, as nats are usually read; small terms (an MMD² near 0) with three significant digits. */
    static String value(double v) {
        return Math.abs(v) >= 0.1 || v == 0 ? String.format(Locale.ROOT, "%.2f", v) : String.format(Locale.ROOT, "%.3g", v);
    }

    private static String terms(LossSummary s) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Double> e : s.terms().entrySet()) {
            if (!b.isEmpty()) {
                b.append(", ");
            }
            double w = s.weights().get(e.getKey());
            if (e.getKey().equals(SemiSupervisedLoss.ERROR)) { // a share of examples, not nats
                b.append(String.format(Locale.ROOT, "error %.2f%%", 100 * e.getValue()));
                continue;
            }
            b.append(e.getKey()).append(' ').append(value(e.getValue()));
            if (w != 1.0) {
                b.append(" ×").append(HyperparameterValues.formatNumber(w));
            }
        }
        return b.toString();
    }
}
