package vae.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** AUROC and average precision against hand-computed cases and a brute-force count. */
class RankingMetricsTest {

    @Test
    void aHandComputedCase() {
        // scikit-learn: roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75, average_precision_score = 0.8333…
        double[] scores = {0.1, 0.4, 0.35, 0.8};
        boolean[] positive = {false, false, true, true};
        assertEquals(0.75, RankingMetrics.auroc(scores, positive), 1e-12);
        assertEquals(5.0 / 6, RankingMetrics.averagePrecision(scores, positive), 1e-12);
    }

    @Test
    void tiesCountHalfAndGroupForPrecision() {
        double[] scores = {1, 1, 1, 1};
        boolean[] positive = {true, false, true, false};
        assertEquals(0.5, RankingMetrics.auroc(scores, positive), 1e-12);
        assertEquals(0.5, RankingMetrics.averagePrecision(scores, positive), 1e-12);
        assertEquals(1.0, RankingMetrics.auroc(new double[] {0, 2, 3}, new boolean[] {false, true, true}), 0);
        assertEquals(1.0, RankingMetrics.averagePrecision(new double[] {0, 2, 3}, new boolean[] {false, true, true}), 0);
    }

    @Test
    void aurocIsTheShareOfCorrectlyOrderedPairs() {
        SplittableRandom r = new SplittableRandom(3);
        for (int trial = 0; trial < 50; trial++) {
            int n = 2 + r.nextInt(40);
            double[] s = new double[n];
            boolean[] p = new boolean[n];
            for (int i = 0; i < n; i++) {
                s[i] = r.nextInt(8); // many ties
                p[i] = i < 1 || (i > 1 && r.nextBoolean());
            }
            double pairs = 0;
            double good = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    if (p[i] && !p[j]) {
                        pairs++;
                        good += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                    }
                }
            }
            assertEquals(good / pairs, RankingMetrics.auroc(s, p), 1e-12);
        }
    }

    @Test
    void refusesWhatHasNoRanking() {
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.auroc(new double[] {1, 2}, new boolean[] {true, true}));
        assertThrows(IllegalArgumentException.class,
                () -> RankingMetrics.auroc(new double[] {1, Double.NaN}, new boolean[] {true, false}));
        assertThrows(IllegalArgumentException.class, () -> RankingMetrics.averagePrecision(new double[] {1}, new boolean[] {true, false}));
    }
}
