package vae.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    private static String drive(boolean terminal) {
        StringWriter text = new StringWriter();
        ProgressBar bar = new ProgressBar(new PrintWriter(text), "epoch 1/2", terminal, 0);
        for (int i = 1; i <= 4; i++) {
            bar.step(i, 4);
        }
        bar.finish();
        return text.toString();
    }

    @Test
    void plainOutputIsWholeLinesWithoutCarriageReturns() {
        String out = drive(false);
        assertFalse(out.contains("\r"), out);
        assertEquals(3, out.lines().count(), "a line per unfinished step, none for the last: " + out);
        assertTrue(out.startsWith("epoch 1/2: 1/4 (25%), ETA "), out);
    }

    @Test
    void terminalOutputRedrawsOneLineAndClearsIt() {
        String out = drive(true);
        assertFalse(out.contains("\n"), out);
        assertTrue(out.contains("\repoch 1/2 [######------------------] 1/4  ETA "), out);
        assertTrue(out.endsWith("\r"), "cleared for the epoch line");
    }

    @Test
    void durationsReadNaturally() {
        assertEquals("42 s", ProgressBar.duration(41.6));
        assertEquals("2 min 5 s", ProgressBar.duration(125));
        assertEquals("1 h 1 min", ProgressBar.duration(3700));
    }
}
