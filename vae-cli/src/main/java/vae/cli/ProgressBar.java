package vae.cli;

import java.io.Console;
import java.io.PrintWriter;
import java.util.Locale;
import vae.core.train.Trainer;

/**
 * Progress of long work with an ETA: redrawn in place with {@code \r} on a terminal, and as a
 * plain line every {@value #PLAIN_INTERVAL_SECONDS} seconds otherwise, so logs and CI output
 * get no control characters.
 */
final class ProgressBar implements Trainer.ProgressListener {
    static final int PLAIN_INTERVAL_SECONDS = 15;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int BAR_WIDTH = 24;

    private final PrintWriter out;
    private final String label;
    private final boolean terminal;
    private final long intervalNanos;
    private final long start = System.nanoTime();
    private long lastDraw = start;
    private int drawnWidth;

    ProgressBar(PrintWriter out, String label, boolean terminal, long intervalNanos) {
        this.out = out;
        this.label = label;
        this.terminal = terminal;
        this.intervalNanos = intervalNanos;
    }

    /** A bar for {@code out}, drawn in place when the process writes to a terminal. */
    static ProgressBar on(PrintWriter out, String label) {
        boolean terminal = isTerminal();
        return new ProgressBar(out, label, terminal, terminal ? REDRAW_NANOS : PLAIN_INTERVAL_SECONDS * 1_000_000_000L);
    }

    static boolean isTerminal() {
        Console c = System.console();
        return c != null && c.isTerminal();
    }

    @Override
    public void step(int done, int total) {
        long now = System.nanoTime();
        if (done >= total || now - lastDraw < intervalNanos) {
            return; // the caller prints its own summary when the work is done
        }
        lastDraw = now;
        double elapsed = (now - start) / 1e9;
        double eta = elapsed / done * (total - done);
        if (terminal) {
            int filled = (int) ((long) BAR_WIDTH * done / total);
            String line = String.format(Locale.ROOT, "%s [%s%s] %d/%d  ETA %s", label, "#".repeat(filled),
                    "-".repeat(BAR_WIDTH - filled), done, total, duration(eta));
            out.print("\r" + line + " ".repeat(Math.max(0, drawnWidth - line.length())));
            drawnWidth = line.length();
        } else {
            out.println(String.format(Locale.ROOT, "%s: %d/%d (%d%%), ETA %s", label, done, total,
                    100L * done / total, duration(eta)));
        }
        out.flush();
    }

    /** Clears the bar so the next line starts clean. */
    void finish() {
        if (terminal && drawnWidth > 0) {
            out.print("\r" + " ".repeat(drawnWidth) + "\r");
            out.flush();
            drawnWidth = 0;
        }
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s < 60 ? s + " s" : s < 3600 ? (s / 60) + " min " + (s % 60) + " s" : (s / 3600) + " h " + (s % 3600 / 60) + " min";
    }
}
